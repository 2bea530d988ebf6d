import { z } from "zod";
import { defineCommand } from "../core/command.js";
import { assertMayListOwner } from "../core/customer-visibility.js";
import { reply, type Block } from "../core/reply.js";
import { UserError } from "../core/errors.js";
import { CHART_DIMENSIONS, type ChartDimension } from "../core/reports.js";
import { minorUnitDigits } from "../core/money/currency.js";
import { activityChart, arChart, customersChart, parsePeriod, salesChart, STATS_KINDS, type ChartData } from "../charts/stats-charts.js";
import { renderSpec } from "../charts/render-chart.js";
import { money } from "./shared/format.js";
import type { CommandContext } from "../core/context.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { pipelineChart } from "../charts/pipeline-chart.js";
import { stageLabel } from "./deal-view.js";

const EXAMPLE = "stats sales 12m";

/** The chart as a PNG attachment plus the same numbers as a table (screen readers, console). */
export async function chartReply(ctx: CommandContext, chart: ChartData, moneyColumns: number[], filename: string) {
  const { png } = await renderSpec(chart.spec);
  const rows = chart.rows.map((row) => row.map((cell, index) => (typeof cell === "number" && moneyColumns.includes(index) ? money(ctx, cell) : String(cell))));
  const blocks: Block[] = rows.length
    ? [{ type: "table", title: chart.title, columns: chart.columns, rows, align: chart.columns.map((_, index) => (index === 0 ? "left" : "right")) }]
    : [{ type: "text", text: ctx.t("stats.noData", { title: chart.title }), tone: "muted" }];
  if (moneyColumns.length) {
    // Money charts add amounts, so they hold only customers in the workspace's currency: say who is left out.
    const others = await ctx.store.reports.customersInOtherCurrencies();
    if (others.length) {
      const list = others.map(({ currency, customers }) => ctx.t("stats.otherCurrency", { currency, customers })).join(", ");
      blocks.push({ type: "text", text: ctx.t("stats.otherCurrencies", { currency: ctx.tenant.currency, list }), tone: "muted" });
    }
  }
  const altText = `${chart.title}. ${rows.map((row) => row.map((cell, index) => `${chart.columns[index]} ${cell}`).join(", ")).join("; ")}`.slice(0, 2000);
  return reply.of(chart.title, blocks, {
    attachments: [{ filename, contentType: "image/png", data: png.data, altText }],
  });
}

export const statsCommand = defineCommand({
  name: "stats",
  summary: "Charts: receivable ageing, monthly sales vs last year, customers by class, member activity",
  usage: `stats <${STATS_KINDS.join("|")}> [period: 30d, 12m, 2026, 2026-03] [by ${CHART_DIMENSIONS.join("|")}]`,
  examples: [EXAMPLE, "stats ar by region", "stats customers by grade", "stats activity 30d"],
  options: {
    kind: { kind: "choice", description: "Which chart", required: true, choices: STATS_KINDS, schema: z.enum(STATS_KINDS, { error: englishOf("stats.opt.kindMissing", { kinds: STATS_KINDS.join(", ") }) }) },
    period: { kind: "text", description: "30d, 12m, 2026 or 2026-03", schema: z.string().trim().max(20) },
    by: { kind: "choice", description: "Split by", choices: CHART_DIMENSIONS, typed: "named", schema: z.enum(CHART_DIMENSIONS, { error: englishOf("stats.opt.byOneOf", { choices: CHART_DIMENSIONS.join(", ") }) }) },
  },
  topic: "team",
  writes: false,
  async handler(args, ctx) {
    // Every chart covers the whole workspace's customers.
    assertMayListOwner(ctx, null, "activity");
    const digits = minorUnitDigits(ctx.tenant.currency);
    const reports = ctx.store.reports;
    const period = (fallback: string) => {
      const parsed = parsePeriod(args.period, ctx.today, fallback);
      if (!parsed) throw new UserError("bad_argument", ctx.t("stats.badPeriod", { period: args.period ?? "" }), { example: EXAMPLE });
      return parsed;
    };
    switch (args.kind) {
      case "ar":
        return chartReply(ctx, await arChart(reports, { today: ctx.today, by: args.by as ChartDimension | undefined, currencyDigits: digits, t: ctx.t }), [1, 2, 3, 4, 5, 6], "ar-ageing.png");
      case "sales": {
        const chart = await salesChart(reports, { period: period("12m"), by: args.by, currencyDigits: digits, t: ctx.t });
        return chartReply(ctx, chart, args.by ? [2] : [1, 2], "sales.png");
      }
      case "customers":
        return chartReply(ctx, await customersChart(reports, { by: args.by ?? "grade", currencyDigits: digits, t: ctx.t }), [2], "customers.png");
      case "activity":
        return chartReply(ctx, await activityChart(reports, { period: period("30d"), timeZone: ctx.timeZone, t: ctx.t }), [], "activity.png");
      case "pipeline": {
        // The funnel of open deals by stage; deals in other currencies are counted, not drawn.
        const chart = await pipelineChart(ctx.store.deals, { currencyDigits: digits, label: (stage) => stageLabel(ctx, stage), t: ctx.t });
        const answer = await chartReply(ctx, chart, [2, 3], "pipeline.png");
        if (!chart.otherCurrencyDeals) return answer;
        return { ...answer, blocks: [...answer.blocks, { type: "text", tone: "muted", text: ctx.t("stats.pipeline.otherCurrencies", { count: chart.otherCurrencyDeals }) }] };
      }
    }
  },
});

