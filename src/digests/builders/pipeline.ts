/**
 * Weekly pipeline digest: the last 7 days' new, updated, won and lost customers; customers newly
 * signed (first order) this month, quarter and year against the same span of the previous one;
 * contact success and lost-deal rates per member.
 */
import { reply, type Block } from "../../core/reply.js";
import { plain } from "../mention.js";
import { percent, plural } from "./format.js";
import type { BuiltDigest, DigestContext, PeriodCount, PipelineData } from "./types.js";

function trend({ current, previous }: PeriodCount): string {
  if (previous === 0) return current === 0 ? "0" : `${current} (none in the same span before)`;
  const change = Math.round(((current - previous) / previous) * 100);
  return `${current} (${change >= 0 ? "+" : ""}${change}% vs ${previous})`;
}

export const PIPELINE_MEMBERS_SHOWN = 10;

export function buildPipelineDigest(data: PipelineData, ctx: DigestContext): BuiltDigest {
  const title = `Pipeline ${data.from} to ${data.to}`;
  const signedAny = data.signed.month.current + data.signed.quarter.current + data.signed.year.current;
  const activity = data.members.reduce((sum, member) => sum + member.contacts + member.won + member.lost, 0);
  if (data.newCustomers + data.updated + data.won + data.lost + signedAny + activity === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: "No pipeline activity in the last 7 days." }], { visibility: "channel" }) };
  }
  const blocks: Block[] = [
    {
      type: "text",
      text: `Last 7 days: ${plural(data.newCustomers, "new customer")}, ${data.updated} updated, ${data.won} won, ${data.lost} lost.`,
    },
    {
      type: "fields",
      fields: [
        { label: "Signed this month", value: trend(data.signed.month), inline: true },
        { label: "Signed this quarter", value: trend(data.signed.quarter), inline: true },
        { label: "Signed this year", value: trend(data.signed.year), inline: true },
      ],
    },
  ];
  const shown = data.members.slice(0, ctx.full ? 100 : PIPELINE_MEMBERS_SHOWN);
  if (shown.length) {
    blocks.push({
      type: "table",
      title: "Per member (last 7 days)",
      columns: ["Member", "Contacts", "Success rate", "Won", "Lost", "Lost-deal rate"],
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
      blocks.push({ type: "text", tone: "muted", text: `…and ${plural(data.members.length - shown.length, "more member")}. See all: /crm digest preview pipeline all` });
    }
  }
  blocks.push({ type: "text", tone: "muted", text: "Signed = first order. Success rate = effective or high-value contacts among those with an outcome. Lost-deal rate = lost / (won + lost)." });
  return { empty: false, reply: reply.of(title, blocks, { visibility: "channel" }) };
}
