/**
 * Churn-risk digest: repeat customers past the date their purchase cycle predicted for the next
 * order, customers silent for months, and deals lost recently.
 */
import { daysBetween } from "../../core/dates.js";
import { reply, type Block } from "../../core/reply.js";
import { customerLabel, day, money, moreLine, ownerLabel, say } from "./format.js";
import type { BuiltDigest, ChurnData, DigestContext } from "./types.js";

export function buildChurnDigest(data: ChurnData, ctx: DigestContext): BuiltDigest {
  const title = say(ctx, "digest.churn.title", { date: day(ctx, ctx.today) });
  const { pastDue, silent, lost } = data;
  if (pastDue.count + silent.count + lost.count === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: say(ctx, "digest.churn.empty") }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: say(ctx, "digest.churn.summary", { pastDue: pastDue.count, silent: silent.count, from: silent.fromDays, to: silent.toDays, lost: lost.count, days: lost.days }),
    },
  ];
  if (pastDue.items.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.churn.late"),
      items: pastDue.items.map((item) => ({
        title: say(ctx, "digest.churn.lateItem", { customer: customerLabel(item), date: day(ctx, item.predictedNextAt!), days: daysBetween(item.predictedNextAt!, ctx.today) }),
        detail: say(ctx, "digest.churn.lateDetail", { cycle: Math.round(item.avgCycleDays ?? 0), last: item.lastOrderAt ? day(ctx, item.lastOrderAt) : "-", lifetime: money(ctx, item.lifetimeSales, item.currency), owner: ownerLabel(item.owner, ctx) }),
        buttons: [{ label: say(ctx, "digest.button.logCall"), action: { kind: "form", command: "log", prefill: { customer: `#${item.customerId}`, channel: "call" } } }],
      })),
    });
    blocks.push(...moreLine(pastDue.count - pastDue.items.length, "digest preview churn all", ctx));
  }
  if (silent.items.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.churn.silent", { from: silent.fromDays, to: silent.toDays }),
      items: silent.items.map((item) => ({
        title: say(ctx, "digest.churn.silentItem", { customer: customerLabel(item), date: item.lastOrderAt ? day(ctx, item.lastOrderAt) : String(item.lastOrderAt) }),
        detail: say(ctx, "digest.churn.silentDetail", { lifetime: money(ctx, item.lifetimeSales, item.currency), owner: ownerLabel(item.owner, ctx) }),
      })),
    });
    blocks.push(...moreLine(silent.count - silent.items.length, "digest preview churn all", ctx));
  }
  if (lost.items.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.churn.lost", { days: lost.days }),
      items: lost.items.map((item) => ({ title: customerLabel(item), detail: say(ctx, "digest.churn.lostDetail", { date: day(ctx, item.lostOn), owner: ownerLabel(item.owner, ctx) }) })),
    });
    blocks.push(...moreLine(lost.count - lost.items.length, "digest preview churn all", ctx));
  }
  return { empty: false, reply: reply.of(say(ctx, "digest.churn.headline", { title, count: pastDue.count }), blocks, { visibility: "channel" }) };
}
