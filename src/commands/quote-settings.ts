/** `settings workspace quote-prefix=QT-{year}-`: the prefix of new quote numbers (admins; `default` goes back to Q-{year}-). */
import type { CommandContext } from "../core/context.js";
import { UserError } from "../core/errors.js";
import { DEFAULT_QUOTE_PREFIX, formatQuoteNumber, isValidQuotePrefix, quotePrefixFor } from "../core/quotes.js";
import { reply } from "../core/reply.js";

export const QUOTE_PREFIX_EXAMPLE = "settings workspace quote-prefix=QT-{year}-";

const RESET = ["auto", "default", "reset"];

/** `quote-prefix=QT-` typed as one word becomes the setting and its value. */
export function readQuotePrefixWord(word: string): string[] {
  const match = /^quote[-_]?prefix=(.*)$/i.exec(word);
  return match ? ["quote-prefix", ...(match[1] ? [match[1]] : [])] : [word];
}

export async function setQuotePrefix(ctx: CommandContext, value: string) {
  const template = RESET.includes(value.toLowerCase()) ? null : value.trim();
  if (template !== null && !isValidQuotePrefix(template)) {
    throw new UserError("bad_argument", ctx.t("quote.prefixInvalid", { value, year: "{year}" }), { example: QUOTE_PREFIX_EXAMPLE, field: "value" });
  }
  const { before, after } = await ctx.store.quotes.setPrefixTemplate(template);
  await ctx.store.audit.record(ctx.member.id, { action: "workspace.settings", entity: "tenant", entityId: ctx.tenant.id, before: { quotePrefix: before }, after: { quotePrefix: after } });
  const next = formatQuoteNumber(quotePrefixFor(after, ctx.today), 1);
  return reply.text(ctx.t("quote.prefixSet", { prefix: after ?? DEFAULT_QUOTE_PREFIX, example: next }));
}
