/** The footer under a paged list, the same words on every chat platform. */
import type { Paging } from "../../core/reply.js";

export function pagingFooter(paging: Pick<Paging, "page" | "pageCount" | "totalItems">): string {
  return `Page ${paging.page} of ${paging.pageCount} · ${paging.totalItems} ${paging.totalItems === 1 ? "item" : "items"}`;
}
