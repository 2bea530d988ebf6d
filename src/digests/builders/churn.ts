/**
 * Churn-risk digest: repeat customers past the date their purchase cycle predicted for the next
 * order, customers silent for months, and deals lost recently.
 */
import { daysBetween } from "../../core/dates.js";
import { reply, type Block } from "../../core/reply.js";
import { customerLabel, money, moreLine, ownerLabel, plural } from "./format.js";
import type { BuiltDigest, ChurnData, DigestContext } from "./types.js";

export function buildChurnDigest(data: ChurnData, ctx: DigestContext): BuiltDigest {
  const title = `Churn risk on ${ctx.today}`;
  const { pastDue, silent, lost } = data;
  if (pastDue.count + silent.count + lost.count === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: "No repeat customer is late to reorder and no deal was lost recently. All clear." }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: `${plural(pastDue.count, "repeat customer")} past their expected reorder date, ${silent.count} without orders for ${silent.fromDays}-${silent.toDays} days, ${plural(lost.count, "deal")} lost in the last ${lost.days} days.`,
    },
  ];
  if (pastDue.items.length) {
    blocks.push({
      type: "list",
      title: "Late to reorder (largest accounts first)",
      items: pastDue.items.map((item) => ({
        title: `${customerLabel(item)}: expected ${item.predictedNextAt} (${plural(daysBetween(item.predictedNextAt!, ctx.today), "day")} late)`,
        detail: `orders every ~${Math.round(item.avgCycleDays ?? 0)} days, last ${item.lastOrderAt ?? "-"}, lifetime ${money(ctx, item.lifetimeSales)} · ${ownerLabel(item.owner)}`,
        buttons: [{ label: "Log call", action: { kind: "form", command: "log", prefill: { customer: `#${item.customerId}`, channel: "call" } } }],
      })),
    });
    blocks.push(...moreLine(pastDue.count - pastDue.items.length, "digest preview churn all"));
  }
  if (silent.items.length) {
    blocks.push({
      type: "list",
      title: `No orders for ${silent.fromDays}-${silent.toDays} days`,
      items: silent.items.map((item) => ({
        title: `${customerLabel(item)}: last order ${item.lastOrderAt}`,
        detail: `lifetime ${money(ctx, item.lifetimeSales)} · ${ownerLabel(item.owner)}`,
      })),
    });
    blocks.push(...moreLine(silent.count - silent.items.length, "digest preview churn all"));
  }
  if (lost.items.length) {
    blocks.push({
      type: "list",
      title: `Lost in the last ${lost.days} days`,
      items: lost.items.map((item) => ({ title: customerLabel(item), detail: `lost ${item.lostOn} · ${ownerLabel(item.owner)}` })),
    });
    blocks.push(...moreLine(lost.count - lost.items.length, "digest preview churn all"));
  }
  return { empty: false, reply: reply.of(`${title}: ${pastDue.count} late to reorder`, blocks, { visibility: "channel" }) };
}
