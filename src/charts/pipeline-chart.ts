/**
 * `stats pipeline`: the funnel of open deals, one bar per open stage in the workspace's order,
 * with counts and weighted amounts in the table. Amounts add up, so the bars hold the deals in
 * the workspace's currency; deals in other currencies are counted and said.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DealQueries, DealStage } from "../core/deal-store.js";
import type { Translate } from "../core/i18n/index.js";
import type { ChartData } from "./stats-charts.js";

export type PipelineChart = ChartData & { otherCurrencyDeals: number };

export async function pipelineChart(deals: DealQueries, options: { currencyDigits: number; label: (stage: DealStage) => string; t: Translate }): Promise<PipelineChart> {
  const { t } = options;
  const stages = (await deals.stages()).filter((stage) => stage.kind === "open");
  const scale = 10 ** options.currencyDigits;
  const rows: (string | number)[][] = [];
  const values: { stage: string; amount: number; count: number }[] = [];
  let otherCurrencyDeals = 0;
  for (const stage of stages) {
    const { totals } = await deals.list({ status: "open", stage: stage.key, limit: 1, offset: 0 });
    const own = totals.find((total) => total.currency === null) ?? { count: 0, amount: 0, weighted: 0 };
    otherCurrencyDeals += totals.filter((total) => total.currency !== null).reduce((sum, total) => sum + total.count, 0);
    const label = options.label(stage);
    rows.push([label, own.count, own.amount, own.weighted]);
    values.push({ stage: label, amount: own.amount / scale, count: own.count });
  }
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    background: "white",
    padding: 12,
    width: 560,
    height: Math.max(160, 48 * stages.length),
    title: t("stats.pipeline.chartTitle"),
    data: { values },
    mark: { type: "bar", color: "#1f77b4" },
    encoding: {
      y: { field: "stage", type: "nominal", sort: values.map((value) => value.stage), title: null },
      x: { field: "amount", type: "quantitative", title: t("stats.axis.amount") },
      tooltip: [{ field: "count", type: "quantitative" }],
    },
  };
  return {
    title: t("stats.pipeline.title"),
    columns: [t("stats.pipeline.colStage"), t("stats.pipeline.colDeals"), t("stats.pipeline.colOpen"), t("stats.pipeline.colWeighted")],
    rows,
    spec,
    otherCurrencyDeals,
  };
}
