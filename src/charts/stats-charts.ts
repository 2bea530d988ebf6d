/**
 * The four /crm stats charts. Each builder returns the data behind the chart (asserted in tests
 * and shown as a text table for screen readers and the console) and the Vega-Lite spec drawn
 * from exactly that data.
 */
import type { TopLevelSpec } from "vega-lite";
import { AGEING_BUCKETS } from "../core/domain.js";
import type { ActivityRow, ChartDimension, ReportQueries } from "../core/reports.js";
import { addDaysTo, startOfDayIn, type CalendarDate } from "../core/dates.js";

export const STATS_KINDS = ["ar", "sales", "customers", "activity"] as const;
export type StatsKind = (typeof STATS_KINDS)[number];

export type Period = { from: CalendarDate; to: CalendarDate; label: string };

/** "30d", "6m", "12m", "2026", "2026-03"; defaults: 12 months for sales, 30 days for activity. */
export function parsePeriod(text: string | undefined, today: CalendarDate, fallback: string): Period | null {
  const value = (text ?? fallback).trim().toLowerCase();
  let match = /^(\d{1,3})([dm])$/.exec(value);
  if (match) {
    const count = Number(match[1]);
    if (count < 1) return null;
    if (match[2] === "d") return { from: addDaysTo(today, -(count - 1)), to: today, label: `last ${count} days` };
    const [year, month] = today.split("-").map(Number) as [number, number];
    const start = new Date(Date.UTC(year, month - 1 - (count - 1), 1)).toISOString().slice(0, 10);
    return { from: start, to: today, label: `last ${count} months` };
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

export async function arChart(reports: ReportQueries, options: { today: CalendarDate; by?: ChartDimension; currencyDigits: number }): Promise<ChartData> {
  const groups = await reports.ageing({ today: options.today, by: options.by });
  const scale = 10 ** options.currencyDigits;
  const values = groups.flatMap((group) => AGEING_BUCKETS.map((bucket) => ({ bucket, group: group.group, amount: group.buckets[bucket] / scale })));
  return {
    title: `Receivables by days past due${options.by ? `, by ${options.by}` : ""} (as of ${options.today})`,
    columns: [options.by ?? "scope", ...AGEING_BUCKETS, "not yet due"],
    rows: groups.map((group) => [group.group, ...AGEING_BUCKETS.map((bucket) => group.buckets[bucket]), group.notDue]),
    spec: {
      ...BASE,
      ...SIZE,
      title: "Overdue receivables by days past due",
      data: { values },
      mark: "bar",
      encoding: {
        x: { field: "bucket", type: "ordinal", sort: [...AGEING_BUCKETS], title: "Days past due" },
        y: { field: "amount", type: "quantitative", title: "Amount", stack: true },
        ...(options.by ? { color: { field: "group", type: "nominal", title: options.by } } : { color: { value: "#d9534f" } }),
      },
    },
  };
}

export async function salesChart(reports: ReportQueries, options: { period: Period; by?: ChartDimension; currencyDigits: number }): Promise<ChartData> {
  const { period, by } = options;
  const scale = 10 ** options.currencyDigits;
  const monthList = months(period.from, period.to);
  if (by) {
    const rows = await reports.monthlySales({ from: period.from, to: period.to, by });
    return {
      title: `Monthly sales by ${by}, ${period.label}`,
      columns: ["month", by, "sales", "orders"],
      rows: rows.map((row) => [row.month, row.group, row.total, row.orders]),
      spec: {
        ...BASE,
        ...SIZE,
        title: `Monthly sales by ${by}`,
        data: { values: rows.map((row) => ({ month: row.month, group: row.group, sales: row.total / scale })) },
        mark: "bar",
        encoding: {
          x: { field: "month", type: "ordinal", title: "Month", sort: monthList },
          y: { field: "sales", type: "quantitative", title: "Sales", stack: true },
          color: { field: "group", type: "nominal", title: by },
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
  return {
    title: `Monthly sales against the year before, ${period.label}`,
    columns: ["month", "sales", "same month last year"],
    rows,
    spec: {
      ...BASE,
      ...SIZE,
      title: "Monthly sales vs last year",
      data: {
        values: rows.flatMap(([month, now, before]) => [
          { month, series: "this period", sales: now / scale },
          { month, series: "a year earlier", sales: before / scale },
        ]),
      },
      mark: "bar",
      encoding: {
        x: { field: "month", type: "ordinal", title: "Month", sort: monthList },
        xOffset: { field: "series", sort: ["a year earlier", "this period"] },
        y: { field: "sales", type: "quantitative", title: "Sales" },
        color: { field: "series", type: "nominal", title: null, sort: ["a year earlier", "this period"], scale: { range: ["#9ecae9", "#3366cc"] } },
      },
    },
  };
}

export async function customersChart(reports: ReportQueries, options: { by: ChartDimension; currencyDigits: number }): Promise<ChartData> {
  const groups = await reports.customersBy({ by: options.by });
  const scale = 10 ** options.currencyDigits;
  const values = groups.map((group) => ({ group: group.group, customers: group.customers, sales: group.lifetimeSales / scale }));
  const sort = groups.map((group) => group.group);
  return {
    title: `Customers by ${options.by}: count and lifetime sales`,
    columns: [options.by, "customers", "lifetime sales"],
    rows: groups.map((group) => [group.group, group.customers, group.lifetimeSales]),
    spec: {
      ...BASE,
      title: `Customers by ${options.by}`,
      data: { values },
      hconcat: [
        { width: 300, height: 300, mark: "bar", encoding: { y: { field: "group", type: "nominal", sort, title: options.by }, x: { field: "customers", type: "quantitative", title: "Customers" } } },
        {
          width: 300,
          height: 300,
          mark: { type: "bar", color: "#2ca02c" },
          encoding: { y: { field: "group", type: "nominal", sort, title: null }, x: { field: "sales", type: "quantitative", title: "Lifetime sales" } },
        },
      ],
    } as TopLevelSpec,
  };
}

export function rate(part: number, whole: number): string {
  return whole === 0 ? "-" : `${Math.round((part / whole) * 1000) / 10}%`;
}

/** Success rate = (effective + high-value) / contacts logged; lost-deal rate = customers turned lost / customers owned. */
export function activityTable(rows: ActivityRow[]): { columns: string[]; rows: (string | number)[][] } {
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
    columns: ["member", "contacts", "effective", "high-value", "unsuccessful", "success rate", "lost deals", "lost-deal rate"],
    rows: [...rows.map((row) => line(row.memberName, row)), ...(rows.length > 1 ? [line("Team", team)] : [])],
  };
}

/** The period's days are the asking member's days: "today" ends at their midnight, not UTC's. */
export async function activityChart(reports: ReportQueries, options: { period: Period; timeZone: string; memberId?: number }): Promise<ChartData & { activity: ActivityRow[] }> {
  const { period, timeZone } = options;
  const activity = await reports.activity({ from: startOfDayIn(period.from, timeZone), to: startOfDayIn(addDaysTo(period.to, 1), timeZone), memberId: options.memberId });
  const table = activityTable(activity);
  const values = activity.flatMap((row) => [
    { member: row.memberName, outcome: "high-value", count: row.highValue },
    { member: row.memberName, outcome: "effective", count: row.effective },
    { member: row.memberName, outcome: "unsuccessful", count: row.unsuccessful },
    { member: row.memberName, outcome: "no outcome", count: row.contacts - row.highValue - row.effective - row.unsuccessful },
  ]);
  return {
    activity,
    title: `Member activity, ${options.period.label}`,
    ...table,
    spec: {
      ...BASE,
      ...SIZE,
      title: "Contacts logged by member and outcome",
      data: { values },
      mark: "bar",
      encoding: {
        y: { field: "member", type: "nominal", title: null, sort: activity.map((row) => row.memberName) },
        x: { field: "count", type: "quantitative", title: "Contacts logged", stack: true },
        color: { field: "outcome", type: "nominal", sort: ["high-value", "effective", "unsuccessful", "no outcome"], scale: { range: ["#2ca02c", "#98df8a", "#d62728", "#c7c7c7"] } },
      },
    },
  };
}
