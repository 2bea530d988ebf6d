/**
 * Chart rendering cost: `npx tsx bench/charts.ts [--runs N]`.
 *
 * Builds the four /crm stats charts from fixed in-memory data with English, Simplified and
 * Traditional Chinese and Korean labels (the same builders the command uses), then prints
 * - the first chart in this process (loads vega, vega-lite and resvg, then renders),
 * - steady-state latency per chart (p50 / max over N renders, after the first): the whole
 *   renderSpec, and of that the Vega-Lite -> SVG step measured separately (the rest is resvg),
 * - the same charts with Latin-only labels (the CJK fonts are only loaded for CJK text),
 * - the longest event-loop stall while rendering,
 * - RSS before the first chart, after it, and at the end.
 * No database: only rendering is measured.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { AGEING_BUCKETS, type AgeingBuckets } from "../src/core/domain.js";
import type { ActivityRow, ReportQueries } from "../src/core/reports.js";
import { activityChart, arChart, customersChart, salesChart, type ChartData } from "../src/charts/stats-charts.js";
import { renderSpec } from "../src/charts/render-chart.js";

const CJK_GROUPS = ["华东", "华南", "台灣", "서울", "경기도", "Acme 台灣 서울", "East"];
const LATIN_GROUPS = ["East", "West", "North", "South", "Bavaria", "Acme Corp", "Île-de-France"];
const CJK_MEMBERS = ["王伟", "陈伟 Chen Wei", "김민준", "林志明", "Alice Martin"];
const LATIN_MEMBERS = ["Alice Martin", "Bob Jones", "Chen Wei", "Kim Minji", "Dana Scully"];

function fakeReports(groups: string[], members: string[]): ReportQueries {
  const buckets = (seed: number): AgeingBuckets => Object.fromEntries(AGEING_BUCKETS.map((bucket, index) => [bucket, ((seed * 7 + index * 3) % 11) * 10_000])) as AgeingBuckets;
  return {
    exportTable: () => {
      throw new Error("not used");
    },
    customersInOtherCurrencies: async () => [],
    ageing: async ({ by }) => (by ? groups.map((group, index) => ({ group, buckets: buckets(index), notDue: 5_000 })) : [{ group: "all", buckets: buckets(1), notDue: 5_000 }]),
    monthlySales: async ({ from, by }) => {
      const year = from.slice(0, 4);
      const months = Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, "0")}`);
      return months.flatMap((month, index) => (by ? groups : ["all"]).map((group, g) => ({ month, group, total: ((index + g) % 5) * 100_000 + 50_000, orders: 3 })));
    },
    customersBy: async () => groups.map((group, index) => ({ group, customers: index + 2, lifetimeSales: (index + 1) * 250_000 })),
    activity: async () =>
      members.map(
        (memberName, index): ActivityRow => ({ memberId: index + 1, memberName, contacts: 20 + index, effective: 8, highValue: 3, unsuccessful: 5, lostDeals: 1, ownedCustomers: 10 }),
      ),
  };
}

async function charts(reports: ReportQueries): Promise<[string, ChartData][]> {
  const today = "2026-11-23";
  const period = { from: "2025-12-01", to: today, label: "last 12 months" };
  return [
    ["ar by region", await arChart(reports, { today, by: "region", currencyDigits: 2 })],
    ["sales by owner", await salesChart(reports, { period, by: "owner", currencyDigits: 2 })],
    ["customers by region", await customersChart(reports, { by: "region", currencyDigits: 2 })],
    ["activity", await activityChart(reports, { period, timeZone: "UTC" })],
  ];
}

async function toSvg(chart: ChartData): Promise<void> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(vegaLite.compile(chart.spec).spec), { renderer: "none" });
  await view.toSVG();
  view.finalize();
}

async function timed(times: number, work: () => Promise<void>): Promise<{ p50: number; max: number }> {
  const samples: number[] = [];
  for (let run = 0; run < times; run++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, max: samples.at(-1)! };
}

const mb = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB`;
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex > 0 ? Number(process.argv[runsIndex + 1]) : 10;

const cjk = await charts(fakeReports(CJK_GROUPS, CJK_MEMBERS));
const latin = await charts(fakeReports(LATIN_GROUPS, LATIN_MEMBERS));
const rssBefore = mb();
let started = performance.now();
await renderSpec(cjk[2]![1].spec);
console.log(`first chart (customers by region, CJK labels; includes loading vega and resvg): ${Math.round(performance.now() - started)} ms`);
console.log(`RSS: before ${rssBefore}, after the first chart ${mb()}`);
const stalls = monitorEventLoopDelay({ resolution: 5 });
stalls.enable();
for (const [label, set] of [
  ["CJK labels", cjk],
  ["Latin labels", latin],
] as const) {
  for (const [name, chart] of set) {
    const total = await timed(runs, async () => void (await renderSpec(chart.spec)));
    const svg = await timed(runs, () => toSvg(chart));
    const ms = (value: number) => value.toFixed(1).padStart(6);
    console.log(`${label.padEnd(12)} ${name.padEnd(20)} p50 ${ms(total.p50)} ms  max ${ms(total.max)} ms  (vega to SVG p50 ${ms(svg.p50)} ms)`);
  }
}
stalls.disable();
console.log(`longest event-loop stall while rendering: ${Math.round(stalls.max / 1e6)} ms`);
console.log(`RSS at the end: ${mb()} (${runs} renders per chart)`);
