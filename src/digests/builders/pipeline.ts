/**
 * Weekly pipeline digest: the last 7 days' new, updated, won and lost customers; customers newly
 * signed (first order) this month, quarter and year against the same span of the previous one;
 * contact success and lost-deal rates per member.
 */
import { reply, type Block } from "../../core/reply.js";
import { plain } from "../mention.js";
import { day, money, percent, say } from "./format.js";
import type { BuiltDigest, DigestContext, PeriodCount, PipelineData } from "./types.js";
import type { PipelineDeals } from "../../core/digest-store.js";

const BUILT_IN_STAGES = new Set(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);

/** Open deals by stage, the week's wins and losses, and the lost reasons ranked. */
function dealBlocks(deals: PipelineDeals, ctx: DigestContext): Block[] {
  const blocks: Block[] = [];
  const amount = (minor: number, currency: string | null) => money(ctx, minor, currency ?? ctx.currency);
  if (deals.open.length) {
    blocks.push({
      type: "table",
      title: say(ctx, "digest.pipeline.openByStage"),
      columns: (["colStage", "colDeals", "colOpen", "colWeighted"] as const).map((column) => say(ctx, `digest.pipeline.${column}`)),
      align: ["left", "right", "right", "right"],
      rows: deals.open.map((row) => [
        row.name ?? (BUILT_IN_STAGES.has(row.stage) ? say(ctx, `deal.stage.${row.stage as "lead"}`) : row.stage),
        String(row.count),
        amount(row.amount, row.currency),
        amount(row.weighted, row.currency),
      ]),
    });
  }
  const wonCount = deals.won.reduce((sum, row) => sum + row.count, 0);
  if (wonCount + deals.lost > 0) {
    const wonAmount = deals.won.map((row) => amount(row.amount, row.currency)).join(" + ") || amount(0, null);
    blocks.push({ type: "text", text: say(ctx, "digest.pipeline.dealsWeek", { won: wonCount, amount: wonAmount, lost: deals.lost, rate: percent(wonCount, wonCount + deals.lost) }) });
  }
  if (deals.reasons.length) {
    blocks.push({
      type: "table",
      title: say(ctx, "digest.pipeline.lostReasons"),
      columns: [say(ctx, "digest.pipeline.colReason"), say(ctx, "digest.pipeline.colDeals")],
      align: ["left", "right"],
      rows: deals.reasons.map((row) => [say(ctx, `deal.reason.${row.reason as "price"}`), String(row.count)]),
    });
  }
  return blocks;
}

function trend(ctx: DigestContext, { current, previous }: PeriodCount): string {
  if (previous === 0) return current === 0 ? "0" : say(ctx, "digest.pipeline.trendNone", { current });
  const change = Math.round(((current - previous) / previous) * 100);
  return say(ctx, "digest.pipeline.trend", { current, change: `${change >= 0 ? "+" : ""}${change}%`, previous });
}

export const PIPELINE_MEMBERS_SHOWN = 10;

export function buildPipelineDigest(data: PipelineData, ctx: DigestContext): BuiltDigest {
  const title = say(ctx, "digest.pipeline.title", { from: day(ctx, data.from), to: day(ctx, data.to) });
  const signedAny = data.signed.month.current + data.signed.quarter.current + data.signed.year.current;
  const activity = data.members.reduce((sum, member) => sum + member.contacts + member.won + member.lost, 0);
  const dealCount = data.deals ? data.deals.open.length + data.deals.won.length + data.deals.lost : 0;
  if (data.newCustomers + data.updated + data.won + data.lost + signedAny + activity + dealCount === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: say(ctx, "digest.pipeline.empty") }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: say(ctx, "digest.pipeline.summary", { newCustomers: data.newCustomers, updated: data.updated, won: data.won, lost: data.lost }),
    },
    {
      type: "fields",
      fields: [
        { label: say(ctx, "digest.pipeline.signedMonth"), value: trend(ctx, data.signed.month), inline: true },
        { label: say(ctx, "digest.pipeline.signedQuarter"), value: trend(ctx, data.signed.quarter), inline: true },
        { label: say(ctx, "digest.pipeline.signedYear"), value: trend(ctx, data.signed.year), inline: true },
      ],
    },
  ];
  const shown = data.members.slice(0, ctx.full ? 100 : PIPELINE_MEMBERS_SHOWN);
  if (shown.length) {
    blocks.push({
      type: "table",
      title: say(ctx, "digest.pipeline.members"),
      columns: (["colMember", "colContacts", "colSuccess", "colWon", "colLost", "colLostRate"] as const).map((column) => say(ctx, `digest.pipeline.${column}`)),
      align: ["left", "right", "right", "right", "right", "right"],
      rows: shown.map((row) => [
        plain(row.member.displayName), // a table is no place to ping people
        String(row.contacts),
        percent(row.successful, row.rated),
        String(row.won),
        String(row.lost),
        percent(row.lost, row.won + row.lost),
      ]),
    });
    if (data.members.length > shown.length) {
      blocks.push({ type: "text", tone: "muted", text: say(ctx, "digest.pipeline.moreMembers", { count: data.members.length - shown.length }) });
    }
  }
  if (data.deals) blocks.push(...dealBlocks(data.deals, ctx));
  blocks.push({ type: "text", tone: "muted", text: say(ctx, "digest.pipeline.legend") });
  return { empty: false, reply: reply.of(title, blocks, { visibility: "channel" }) };
}
