import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { UserError } from "../core/errors.js";
import { resolveMember } from "../core/resolve.js";
import { assertMayListOwner, readsEveryCustomer } from "../core/customer-visibility.js";
import { activityChart, parsePeriod } from "../charts/stats-charts.js";
import { chartReply } from "./stats.js";
import { dealRateBlocks } from "./deal-rates.js";

const EXAMPLE = "activity @alice 30d";
const PERIOD = /^(\d{1,3}[dm]|\d{4}|\d{4}-\d{2})$/i;

export const activityCommand = defineCommand({
  name: "activity",
  summary: "Contacts logged, outcomes, success rate and lost-deal rate per member and for the team",
  usage: "activity [member] [period: 7d, 30d, 12m, 2026-03]",
  examples: ["activity", EXAMPLE, "activity 90d"],
  options: {
    member: { kind: "member", description: "Only this member (default: the whole team)", typed: "rest", schema: z.string().trim().min(1).max(100) },
    period: { kind: "text", description: "7d, 30d, 12m, 2026 or 2026-03 (default 30d)", typed: "anywhere", match: PERIOD, schema: z.string().trim().max(20) },
  },
  topic: "team",
  writes: false,
  async handler(args, ctx) {
    const period = parsePeriod(args.period, ctx.today, "30d");
    if (!period) throw new UserError("bad_argument", ctx.t("activity.badPeriod", { period: args.period ?? "" }), { example: EXAMPLE });
    const relative = /^(\d+)([dm])$/i.exec((args.period ?? "30d").trim());
    const periodLabel = relative
      ? ctx.t("activity.period", { unit: relative[2]!.toLowerCase(), count: Number(relative[1]), countText: String(Number(relative[1])), label: period.label })
      : ctx.t("activity.period", { unit: "other", count: 0, countText: "", label: period.label });
    // A rep who may read only their own customers sees their own activity, not the team's.
    const member = args.member ? await resolveMember(ctx, args.member) : readsEveryCustomer(ctx) ? null : ctx.member;
    assertMayListOwner(ctx, member?.id ?? null, "activity");
    const chart = await activityChart(ctx.store.reports, { period, timeZone: ctx.timeZone, memberId: member?.id, t: ctx.t });
    if (member) chart.title = ctx.t("activity.memberTitle", { member: member.displayName, period: periodLabel });
    // Won / (won + lost) of the deals closed in the period, with the lost reasons ranked.
    const deals = await dealRateBlocks(ctx, { from: period.from, to: period.to, ownerId: member?.id });
    if (chart.activity.every((row) => row.contacts === 0 && row.lostDeals === 0) && !deals.length) {
      return reply.text(ctx.t("activity.noneTitle", { member: member?.displayName ?? "none", period: periodLabel }), ctx.t("activity.noneText"));
    }
    const answer = await chartReply(ctx, chart, [], "activity.png");
    return { ...answer, blocks: [...answer.blocks, ...deals] };
  },
});
