/**
 * The four /crm stats charts. Each builder returns the data behind the chart (asserted in tests
 * and shown as a text table for screen readers and the console) and the Vega-Lite spec drawn
 * from exactly that data.
 */
import type { TopLevelSpec } from "vega-lite";
import { AGEING_BUCKETS } from "../core/domain.js";
import type { ActivityRow, ChartDimension, ReportQueries } from "../core/reports.js";
import { addDaysTo, startOfDayIn, type CalendarDate } from "../core/dates.js";
import { createTranslator, type Translate } from "../core/i18n/index.js";

export const STATS_KINDS = ["ar", "sales", "customers", "activity", "pipeline"] as const;
export type StatsKind = (typeof STATS_KINDS)[number];

export type Period = { from: CalendarDate; to: CalendarDate; label: string; unit?: "d" | "m"; count?: number };

const ENGLISH = createTranslator("en");

/** "last 12 months" in the reader's language; a year or month stays as written. */
export function periodLabel(period: Period, t: Translate = ENGLISH): string {
  if (!period.unit || period.count === undefined) return period.label;
  return t("activity.period", { unit: period.unit, count: period.count, countText: String(period.count), label: period.label });
}

function dimension(t: Translate, by: string): string {
  return t("stats.dimension", { by });
}

function groupName(t: Translate, group: string, by: ChartDimension | undefined): string {
  if (group === "(none)") return t("stats.groupNone");
  if (group === "(unowned)") return t("stats.groupUnowned");
  return !by && group === "all" ? t("stats.groupAll") : group;
}

/** "30d", "6m", "12m", "2026", "2026-03"; defaults: 12 months for sales, 30 days for activity. */
export function parsePeriod(text: string | undefined, today: CalendarDate, fallback: string): Period | null {
  const value = (text ?? fallback).trim().toLowerCase();
  let match = /^(\d{1,3})([dm])$/.exec(value);
  if (match) {
    const count = Number(match[1]);
    if (count < 1) return null;
    if (match[2] === "d") return { from: addDaysTo(today, -(count - 1)), to: today, label: `last ${count} days`, unit: "d", count };
    const [year, month] = today.split("-").map(Number) as [number, number];
    const start = new Date(Date.UTC(year, month - 1 - (count - 1), 1)).toISOString().slice(0, 10);
    return { from: start, to: today, label: `last ${count} months`, unit: "m", count };
  }
  if ((match = /^(\d{4})$/.exec(value))) return { from: `${match[1]}-01-01`, to: `${match[1]}-12-31`, label: match[1]! };
  if ((match = /^(\d{4})-(\d{2})$/.exec(value))) {
    const end = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).toISOString().slice(0, 10);
    return { from: `${value}-01`, to: end, label: value };
  }
  return null;
}

export type ChartData = {
  title: string;
  /** Rows behind the chart, as the summary table shows them (amounts in minor units). */
  columns: string[];
  rows: (string | number)[][];
  spec: TopLevelSpec;
};

const BASE = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", background: "white", padding: 12 } as const;
const SIZE = { width: 640, height: 320 } as const;

function shiftYear(date: CalendarDate, years: number): CalendarDate {
  const year = Number(date.slice(0, 4)) + years;
  const candidate = `${year}${date.slice(4)}`;
  // 29 February of a leap year becomes 28 February.
  return Number.isNaN(Date.parse(candidate)) || new Date(candidate).toISOString().slice(0, 10) !== candidate ? `${year}${date.slice(4, 8)}28` : candidate;
}

function months(from: CalendarDate, to: CalendarDate): string[] {
  const list: string[] = [];
  let [year, month] = from.split("-").map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > end) return list;
    list.push(key);
    month++;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export async function arChart(reports: ReportQueries, options: { today: CalendarDate; by?: ChartDimension; currencyDigits: number; t?: Translate }): Promise<ChartData> {
  const t = options.t ?? ENGLISH;
  const { by } = options;
  const groups = await reports.ageing({ today: options.today, by });
  const scale = 10 ** options.currencyDigits;
  const values = groups.flatMap((group) => AGEING_BUCKETS.map((bucket) => ({ bucket, group: groupName(t, group.group, by), amount: group.buckets[bucket] / scale })));
  return {
    title: by ? t("stats.ar.titleBy", { by: dimension(t, by), date: options.today }) : t("stats.ar.title", { date: options.today }),
    columns: [by ? dimension(t, by) : t("stats.column.scope"), ...AGEING_BUCKETS, t("stats.ar.notYetDue")],
    rows: groups.map((group) => [groupName(t, group.group, by), ...AGEING_BUCKETS.map((bucket) => group.buckets[bucket]), group.notDue]),
    spec: {
      ...BASE,
      ...SIZE,
      title: t("stats.ar.chartTitle"),
      data: { values },
      mark: "bar",
      encoding: {
        x: { field: "bucket", type: "ordinal", sort: [...AGEING_BUCKETS], title: t("stats.ar.axisDays") },
        y: { field: "amount", type: "quantitative", title: t("stats.axis.amount"), stack: true },
        ...(by ? { color: { field: "group", type: "nominal", title: dimension(t, by) } } : { color: { value: "#d9534f" } }),
      },
    },
  };
}

export async function salesChart(reports: ReportQueries, options: { period: Period; by?: ChartDimension; currencyDigits: number; t?: Translate }): Promise<ChartData> {
  const { period, by } = options;
  const t = options.t ?? ENGLISH;
  const scale = 10 ** options.currencyDigits;
  const monthList = months(period.from, period.to);
  const label = periodLabel(period, t);
  if (by) {
    const rows = await reports.monthlySales({ from: period.from, to: period.to, by });
    const byName = dimension(t, by);
    return {
      title: t("stats.sales.titleBy", { by: byName, period: label }),
      columns: [t("stats.column.month"), byName, t("stats.column.sales"), t("stats.column.orders")],
      rows: rows.map((row) => [row.month, groupName(t, row.group, by), row.total, row.orders]),
      spec: {
        ...BASE,
        ...SIZE,
        title: t("stats.sales.chartTitleBy", { by: byName }),
        data: { values: rows.map((row) => ({ month: row.month, group: groupName(t, row.group, by), sales: row.total / scale })) },
        mark: "bar",
        encoding: {
          x: { field: "month", type: "ordinal", title: t("stats.axis.month"), sort: monthList },
          y: { field: "sales", type: "quantitative", title: t("stats.axis.sales"), stack: true },
          color: { field: "group", type: "nominal", title: byName },
        },
      },
    };
  }
  const [current, previous] = await Promise.all([
    reports.monthlySales({ from: period.from, to: period.to }),
    reports.monthlySales({ from: shiftYear(period.from, -1), to: shiftYear(period.to, -1) }),
  ]);
  const thisYear = new Map(current.map((row) => [row.month, row.total]));
  const lastYear = new Map(previous.map((row) => [row.month, row.total]));
  const lastYearKey = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;
  const rows = monthList.map((month) => [month, thisYear.get(month) ?? 0, lastYear.get(lastYearKey(month)) ?? 0] as [string, number, number]);
  const thisPeriod = t("stats.sales.thisPeriod");
  const yearEarlier = t("stats.sales.yearEarlier");
  return {
    title: t("stats.sales.title", { period: label }),
    columns: [t("stats.column.month"), t("stats.column.sales"), t("stats.sales.lastYearColumn")],
    rows,
    spec: {
      ...BASE,
      ...SIZE,
      title: t("stats.sales.chartTitle"),
      data: {
        values: rows.flatMap(([month, now, before]) => [
          { month, series: thisPeriod, sales: now / scale },
          { month, series: yearEarlier, sales: before / scale },
        ]),
      },
      mark: "bar",
      encoding: {
        x: { field: "month", type: "ordinal", title: t("stats.axis.month"), sort: monthList },
        xOffset: { field: "series", sort: [yearEarlier, thisPeriod] },
        y: { field: "sales", type: "quantitative", title: t("stats.axis.sales") },
        color: { field: "series", type: "nominal", title: null, sort: [yearEarlier, thisPeriod], scale: { range: ["#9ecae9", "#3366cc"] } },
      },
    },
  };
}

export async function customersChart(reports: ReportQueries, options: { by: ChartDimension; currencyDigits: number; t?: Translate }): Promise<ChartData> {
  const t = options.t ?? ENGLISH;
  const { by } = options;
  const byName = dimension(t, by);
  const groups = await reports.customersBy({ by });
  const scale = 10 ** options.currencyDigits;
  const values = groups.map((group) => ({ group: groupName(t, group.group, by), customers: group.customers, sales: group.lifetimeSales / scale }));
  const sort = values.map((value) => value.group);
  return {
    title: t("stats.customers.title", { by: byName }),
    columns: [byName, t("stats.column.customers"), t("stats.column.lifetimeSales")],
    rows: groups.map((group) => [groupName(t, group.group, by), group.customers, group.lifetimeSales]),
    spec: {
      ...BASE,
      title: t("stats.customers.chartTitle", { by: byName }),
      data: { values },
      hconcat: [
        {
          width: 300,
          height: 300,
          mark: "bar",
          encoding: { y: { field: "group", type: "nominal", sort, title: byName }, x: { field: "customers", type: "quantitative", title: t("stats.customers.axisCustomers") } },
        },
        {
          width: 300,
          height: 300,
          mark: { type: "bar", color: "#2ca02c" },
          encoding: { y: { field: "group", type: "nominal", sort, title: null }, x: { field: "sales", type: "quantitative", title: t("stats.customers.axisLifetimeSales") } },
        },
      ],
    } as TopLevelSpec,
  };
}

export function rate(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((part / whole) * 1000) / 10}%`;
}

const ACTIVITY_COLUMNS = ["member", "contacts", "effective", "high_value", "unsuccessful", "success_rate", "lost_deals", "lost_deal_rate"] as const;

/** Success rate = (effective + high-value) / contacts logged; lost-deal rate = customers turned lost / customers owned. */
export function activityTable(rows: ActivityRow[], t: Translate = ENGLISH): { columns: string[]; rows: (string | number)[][] } {
  const team = rows.reduce(
    (sum, row) => ({
      contacts: sum.contacts + row.contacts,
      effective: sum.effective + row.effective,
      highValue: sum.highValue + row.highValue,
      unsuccessful: sum.unsuccessful + row.unsuccessful,
      lostDeals: sum.lostDeals + row.lostDeals,
      ownedCustomers: sum.ownedCustomers + row.ownedCustomers,
    }),
    { contacts: 0, effective: 0, highValue: 0, unsuccessful: 0, lostDeals: 0, ownedCustomers: 0 },
  );
  const line = (name: string, row: Omit<ActivityRow, "memberId" | "memberName">) => [
    name,
    row.contacts,
    row.effective,
    row.highValue,
    row.unsuccessful,
    rate(row.effective + row.highValue, row.contacts),
    row.lostDeals,
    // Lost customers keep their owner, so they are part of ownedCustomers.
    rate(row.lostDeals, row.ownedCustomers),
  ];
  return {
    columns: ACTIVITY_COLUMNS.map((column) => t("stats.activity.column", { column })),
    rows: [...rows.map((row) => line(row.memberName, row)), ...(rows.length > 1 ? [line(t("stats.activity.team"), team)] : [])],
  };
}

/** The period's days are the asking member's days: "today" ends at their midnight, not UTC's. */
export async function activityChart(
  reports: ReportQueries,
  options: { period: Period; timeZone: string; memberId?: number; t?: Translate },
): Promise<ChartData & { activity: ActivityRow[] }> {
  const { period, timeZone } = options;
  const t = options.t ?? ENGLISH;
  const activity = await reports.activity({ from: startOfDayIn(period.from, timeZone), to: startOfDayIn(addDaysTo(period.to, 1), timeZone), memberId: options.memberId });
  const table = activityTable(activity, t);
  const outcome = (key: "high_value" | "effective" | "unsuccessful" | "none") => t("stats.activity.outcome", { outcome: key });
  const outcomes = [outcome("high_value"), outcome("effective"), outcome("unsuccessful"), outcome("none")];
  const values = activity.flatMap((row) => [
    { member: row.memberName, outcome: outcomes[0], count: row.highValue },
    { member: row.memberName, outcome: outcomes[1], count: row.effective },
    { member: row.memberName, outcome: outcomes[2], count: row.unsuccessful },
    { member: row.memberName, outcome: outcomes[3], count: row.contacts - row.highValue - row.effective - row.unsuccessful },
  ]);
  return {
    activity,
    title: t("stats.activity.title", { period: periodLabel(period, t) }),
    ...table,
    spec: {
      ...BASE,
      ...SIZE,
      title: t("stats.activity.chartTitle"),
      data: { values },
      mark: "bar",
      encoding: {
        y: { field: "member", type: "nominal", title: null, sort: activity.map((row) => row.memberName) },
        x: { field: "count", type: "quantitative", title: t("stats.activity.axisContacts"), stack: true },
        color: { field: "outcome", type: "nominal", sort: outcomes, scale: { range: ["#2ca02c", "#98df8a", "#d62728", "#c7c7c7"] } },
      },
    },
  };
}
