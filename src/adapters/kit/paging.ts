/** The footer under a paged list and the words renderers add to replies, in the reader's language. */
import { createTranslator, type Translate } from "../../core/i18n/index.js";
import type { Paging, Reply } from "../../core/reply.js";

/** The translator for the words a renderer adds to this reply (the core stamps the reader's locale). */
export function translatorFor(reply: Pick<Reply, "locale">): Translate {
  return createTranslator(reply.locale ?? "en");
}

export function pagingFooter(paging: Pick<Paging, "page" | "pageCount" | "totalItems">, t: Translate = createTranslator("en")): string {
  return t("paging.footer", { page: String(paging.page), pages: String(paging.pageCount), count: paging.totalItems, total: String(paging.totalItems) });
}
