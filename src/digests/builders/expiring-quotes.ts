/** The follow-up digest's section of quotes whose validity ends within three days: a quote to chase before it lapses. */
import type { ExpiringQuote } from "../../core/quotes.js";
import type { Block } from "../../core/reply.js";
import { day, money, relative, say } from "./format.js";
import { plain } from "../mention.js";
import type { DigestContext } from "./types.js";

export function expiringQuoteBlocks(quotes: readonly ExpiringQuote[], ctx: DigestContext): Block[] {
  if (!quotes.length) return [];
  return [
    {
      type: "list",
      title: say(ctx, "quote.expiring.title"),
      items: quotes.map((quote) => ({
        title: say(ctx, "quote.expiring.item", {
          number: quote.number,
          customer: plain(quote.customerName),
          total: money(ctx, quote.total, quote.currency ?? ctx.currency),
          date: `${day(ctx, quote.validUntil)} (${relative(ctx, ctx.today, quote.validUntil)})`,
        }),
        buttons: [{ label: say(ctx, "quote.openButton"), action: { kind: "run", command: `quote ${quote.number}` } }],
      })),
    },
  ];
}
