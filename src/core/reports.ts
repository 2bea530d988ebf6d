/**
 * What export, stats, activity and handover need from storage (implemented in
 * src/data/report-queries.ts and src/data/team-queries.ts). Money in minor units.
 */
import type { CalendarDate } from "./dates.js";
import type { AgeingBuckets } from "./domain.js";

export const EXPORT_KINDS = ["customers", "overdue", "followups", "orders", "deals", "quotes"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export type ExportFilters = {
  today: CalendarDate;
  ownerId?: number;
  status?: string;
  grade?: string;
  region?: string;
  industry?: string;
  source?: string;
  /** deals: a stage key of the workspace (the command resolves typed words and names to it). */
  stage?: string;
  /** orders: ordered on or after; followups: due on or after; deals: created; quotes: issued. */
  from?: CalendarDate;
  /** orders: ordered on or before; followups: due on or before (default: today + 7 days). */
  to?: CalendarDate;
};

export type ExportCell = string | number | null;
export type ExportTable = { columns: string[]; rows: AsyncIterable<ExportCell[]> };

export const CHART_DIMENSIONS = ["grade", "region", "city", "type", "industry", "source", "owner"] as const;
export type ChartDimension = (typeof CHART_DIMENSIONS)[number];

export type ActivityRow = {
  memberId: number;
  memberName: string;
  contacts: number;
  effective: number;
  highValue: number;
  unsuccessful: number;
  /** Customers of this member that became lost in the period (from the audit trail). */
  lostDeals: number;
  /** Customers this member owns at the end of the period. */
  ownedCustomers: number;
};

export type ReportQueries = {
  exportTable(kind: ExportKind, filters: ExportFilters): ExportTable;
  /**
   * Money charts add amounts together, so they count only customers in the workspace's currency
   * (adding ₩ to US$ would be meaningless); this says how many others each chart leaves out.
   */
  customersInOtherCurrencies(): Promise<{ currency: string; customers: number }[]>;
  /** Open receivables by days past due, optionally split by a customer dimension. */
  ageing(options: { today: CalendarDate; by?: ChartDimension }): Promise<{ group: string; buckets: AgeingBuckets; notDue: number }[]>;
  /** Sales (non-cancelled orders) per calendar month from `from` to `to` (inclusive months), optionally split. */
  monthlySales(options: { from: CalendarDate; to: CalendarDate; by?: ChartDimension }): Promise<{ month: string; group: string; total: number; orders: number }[]>;
  /** Customers counted by a dimension (default grade) with their lifetime sales. */
  customersBy(options: { by: ChartDimension }): Promise<{ group: string; customers: number; lifetimeSales: number }[]>;
  /** Interactions logged per member in [from, to) (instants), not undone. */
  activity(options: { from: Date; to: Date; memberId?: number }): Promise<ActivityRow[]>;
};

export type HandoverSummary = {
  customers: { id: number; name: string }[];
  followUps: number;
  openOrders: number;
};

export type TeamQueries = {
  /** What a handover from one member to another would move (customers, open follow-ups, open orders). */
  handoverPlan(fromId: number, today: CalendarDate): Promise<HandoverSummary>;
  /** Moves it; call inside the command's transaction. Audits every customer moved. */
  handover(input: { fromId: number; toId: number; actorId: number; today: CalendarDate }): Promise<HandoverSummary>;
};
