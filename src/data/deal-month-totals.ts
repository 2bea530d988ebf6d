/**
 * Reads the pipeline's monthly sums (table deal_month_totals, kept by a trigger on `deals`; see
 * migration 20261127233000_deal_month_totals) for the deal list's totals, in the same row shape as
 * a scan of the deals, so the caller weights both the same way (the forecast reads them in
 * deal-forecast.ts). They answer only what whole months can: open deals by the month of their
 * expected close, won and lost ones by the month they closed.
 */
import { isWholeMonths } from "../core/deal-periods.js";
import type { DealFilter } from "../core/deal-store.js";
import type { SqlReader } from "./sql-runner.js";

export type SumRow = { stage: string; currency: string | null; status: string; count: bigint | number; amount: bigint | number | null; explicit: bigint | number | null; unset: bigint | number | null };

// float8, not numeric: the driver hands numeric over as decimal objects, whose conversion cost more
// CPU than the query for a team's forecast (hundreds of groups); sums of minor units stay exact
// in a double below 2^53 (90 trillion dollars).
const SUMS = `SUM(d.deals)::int8 AS count, SUM(d.amount)::float8 AS amount, SUM(d.explicit_weighted)::float8 AS explicit, SUM(d.unset_amount)::float8 AS unset`;

/** Whether the totals answer this deal list's sums: open deals, no single customer, whole months or none. */
export function listFitsTotals(filter: DealFilter): boolean {
  if (filter.status !== "open" || filter.customerId !== undefined) return false;
  if (filter.closeFrom === undefined && filter.closeTo === undefined) return true;
  return filter.closeFrom !== undefined && filter.closeTo !== undefined && isWholeMonths({ from: filter.closeFrom, to: filter.closeTo });
}

export async function listTotals(query: SqlReader, tenantId: number, filter: DealFilter): Promise<SumRow[]> {
  const parts = ["d.tenant_id = $1", "d.status = 'open'"];
  const params: unknown[] = [tenantId];
  const add = (sql: (at: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  if (filter.ownerId !== undefined) add((at) => `d.owner_id = ${at}`, filter.ownerId);
  if (filter.stage) add((at) => `d.stage = ${at}`, filter.stage);
  if (filter.closeFrom && filter.closeTo) {
    add((at) => `d.month >= ${at}::date`, filter.closeFrom);
    add((at) => `d.month <= ${at}::date`, filter.closeTo);
  }
  return query<SumRow>(
    `SELECT d.stage, d.currency, d.status, ${SUMS} FROM deal_month_totals d WHERE ${parts.join(" AND ")}
     GROUP BY d.stage, d.currency, d.status HAVING SUM(d.deals) <> 0`,
    params,
  );
}
