/**
 * Success rate from deals: won / (won + lost) of the deals closed in a period, and the lost
 * reasons, most frequent first (activity; the pipeline digest reads the same outcomes).
 */
import type { CommandContext } from "../core/context.js";
import type { CalendarDate } from "../core/dates.js";
import type { DealOutcomes } from "../core/deal-store.js";
import type { Block } from "../core/reply.js";

/** "62.5%", or "-" when nothing closed. */
export function successRate(outcomes: Pick<DealOutcomes, "won" | "lost">): string {
  const closed = outcomes.won + outcomes.lost;
  return closed === 0 ? "-" : `${Math.round((outcomes.won / closed) * 1000) / 10}%`;
}

export async function dealRateBlocks(ctx: CommandContext, window: { from: CalendarDate; to: CalendarDate; ownerId?: number }): Promise<Block[]> {
  const outcomes = await ctx.store.deals.outcomes(window);
  if (outcomes.won + outcomes.lost === 0) return [];
  const blocks: Block[] = [
    {
      type: "fields",
      fields: [
        { label: ctx.t("dealRates.won"), value: String(outcomes.won), inline: true },
        { label: ctx.t("dealRates.lost"), value: String(outcomes.lost), inline: true },
        { label: ctx.t("dealRates.successRate"), value: successRate(outcomes), inline: true },
      ],
    },
  ];
  if (outcomes.reasons.length) {
    blocks.push({
      type: "table",
      title: ctx.t("dealRates.reasons"),
      columns: [ctx.t("dealRates.colReason"), ctx.t("dealRates.colDeals"), ctx.t("dealRates.colShare")],
      align: ["left", "right", "right"],
      rows: outcomes.reasons.map((row) => [ctx.t(`deal.reason.${row.reason as "price"}`), String(row.count), `${Math.round((row.count / outcomes.lost) * 100)}%`]),
    });
  }
  return blocks;
}
