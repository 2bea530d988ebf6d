import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import { thisMonth, thisQuarter, yearBefore, type Window } from "../core/deal-periods.js";
import type { DealStage, ForecastSums } from "../core/deal-store.js";
import { hasRole } from "../core/permissions.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { resolveMember } from "../core/resolve.js";
import { assertMayListOwner } from "../core/customer-visibility.js";
import { reply, type Block } from "../core/reply.js";
import { money } from "./shared/format.js";
import { stageLabelOf } from "./deal-view.js";

const PERIODS = ["month", "quarter"] as const;
type Period = (typeof PERIODS)[number];

export type ForecastFigures = {
  currency: string | null;
  open: number;
  weighted: number;
  won: number;
  lost: number;
  /** Won in the same period a year earlier; null when no deal closed then. */
  wonLastYear: number | null;
  members: { name: string; open: number; weighted: number; won: number }[];
  stages: { stage: string; count: number; open: number; weighted: number }[];
};

/**
 * The forecast's figures per currency (amounts in different currencies do not add up): open and
 * weighted amounts of open deals closing in the period, won, lost, and won in the same period a
 * year earlier. Members are shown by name, so owners without one share the `noOwner` row.
 */
export function forecastFigures(sums: ForecastSums, stages: readonly DealStage[], noOwner: string): ForecastFigures[] {
  const currencies = [...new Set([...sums.totals, ...sums.earlier].map((row) => row.currency))].sort((a, b) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
  const order = new Map(stages.map((stage, index) => [stage.key, index]));
  return currencies.map((currency) => {
    const total = sums.totals.find((row) => row.currency === currency);
    const earlier = sums.earlier.find((row) => row.currency === currency);
    const members = new Map<string, ForecastFigures["members"][number]>();
    for (const group of sums.members) {
      if (group.currency !== currency) continue;
      const name = group.ownerName ?? noOwner;
      const row = members.get(name) ?? { name, open: 0, weighted: 0, won: 0 };
      row.open += group.open;
      row.weighted += group.weighted;
      row.won += group.won;
      members.set(name, row);
    }
    const byStage = sums.stages.filter((row) => row.currency === currency).map(({ stage, count, open, weighted }) => ({ stage, count, open, weighted }));
    return {
      currency,
      open: total?.open ?? 0,
      weighted: total?.weighted ?? 0,
      won: total?.won ?? 0,
      lost: total?.lost ?? 0,
      wonLastYear: earlier ? earlier.won : null,
      members: [...members.values()].sort((a, b) => b.weighted + b.won - (a.weighted + a.won) || a.name.localeCompare(b.name)),
      stages: byStage.sort((a, b) => (order.get(a.stage) ?? 99) - (order.get(b.stage) ?? 99)),
    };
  });
}

function periodWindow(period: Period, today: string): Window {
  return period === "month" ? thisMonth(today) : thisQuarter(today);
}

function parseForecast(words: string[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const who: string[] = [];
  for (const word of words) {
    if ((PERIODS as readonly string[]).includes(word.toLowerCase())) args.period = word.toLowerCase();
    else who.push(word);
  }
  if (who.length) args.who = who.join(" ");
  return args;
}

export const forecastCommand = defineCommand({
  name: "forecast",
  summary: "Forecast for the month or quarter: open, weighted and won, per member and stage",
  usage: "forecast [month|quarter] [mine|all|@member]",
  examples: ["forecast", "forecast quarter all", "forecast month @bob"],
  topic: "team",
  options: {
    period: {
      kind: "choice",
      description: "This month or this quarter (default month)",
      choices: PERIODS,
      typed: "anywhere",
      schema: z.enum(PERIODS, { error: englishOf("forecast.opt.periodOneOf", { choices: PERIODS.join(", ") }) }).default("month"),
    },
    who: { kind: "member", scopes: ["mine", "all"], description: "mine, all, or a member (default: managers all, reps mine)", schema: z.string().trim().min(1).max(100) },
  },
  parseText: parseForecast,
  writes: false,
  async handler({ period, who }, ctx) {
    return forecastReply(ctx, period, who ?? (hasRole(ctx.member, "manager") ? "all" : "mine"));
  },
});

async function forecastReply(ctx: CommandContext, period: Period, who: string) {
  const member = who === "all" ? null : await resolveMember(ctx, who);
  assertMayListOwner(ctx, member?.id ?? null, "forecast");
  const window = periodWindow(period, ctx.today);
  const last = yearBefore(window);
  const ownerId = member?.id;
  // Won and lost deals of the whole period: a deal is closed when someone marks it (or an import
  // says it was), so those are the ones won so far, and whole months read the monthly totals.
  const sums = await ctx.store.deals.forecast({ from: window.from, to: window.to, earlier: last, ownerId });
  const stages = await ctx.store.deals.stages(); // the list the forecast was weighted by, read once per command
  const whose = member ? (member.id === ctx.member.id ? "mine" : "member") : "team";
  const title = ctx.t("forecast.title", { period, from: window.from, to: window.to, whose, owner: member?.displayName ?? "" });
  const figures = forecastFigures(sums, stages, ctx.t("deal.noOwner"));
  if (!figures.length) return reply.of(title, [{ type: "text", text: ctx.t("forecast.none") }]);
  const blocks: Block[] = [];
  if (figures.length > 1) blocks.push({ type: "text", tone: "muted", text: ctx.t("forecast.currencies", { count: figures.length }) });
  for (const figure of figures) {
    const show = (minor: number) => money(ctx, minor, figure.currency);
    const fields = [
      { label: ctx.t("forecast.open"), value: show(figure.open), inline: true },
      { label: ctx.t("forecast.weighted"), value: show(figure.weighted), inline: true },
      { label: ctx.t("forecast.won"), value: show(figure.won), inline: true },
      { label: ctx.t("forecast.lost"), value: String(figure.lost), inline: true },
    ];
    if (figure.wonLastYear !== null) fields.push({ label: ctx.t("forecast.lastYear", { from: last.from, to: last.to }), value: show(figure.wonLastYear), inline: true });
    blocks.push({ type: "fields", fields });
    if (figure.members.length) {
      blocks.push({
        type: "table",
        title: ctx.t("forecast.byMember"),
        columns: [ctx.t("forecast.colMember"), ctx.t("forecast.open"), ctx.t("forecast.weighted"), ctx.t("forecast.won")],
        align: ["left", "right", "right", "right"],
        rows: figure.members.map((row) => [row.name, show(row.open), show(row.weighted), show(row.won)]),
      });
    }
    if (figure.stages.length) {
      blocks.push({
        type: "table",
        title: ctx.t("forecast.byStage"),
        columns: [ctx.t("forecast.colStage"), ctx.t("forecast.colDeals"), ctx.t("forecast.open"), ctx.t("forecast.weighted")],
        align: ["left", "right", "right", "right"],
        rows: figure.stages.map((row) => [stageLabelOf(ctx, row.stage, stages), String(row.count), show(row.open), show(row.weighted)]),
      });
    }
  }
  return reply.of(title, blocks);
}
