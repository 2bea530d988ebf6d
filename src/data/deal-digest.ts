/** The deal part of the weekly pipeline digest: open deals by stage, the week's wins and losses. */
import type { PipelineDeals } from "../core/digest-store.js";
import type { CalendarDate } from "../core/dates.js";
import type { DbClient } from "./client-types.js";
import { createDealQueries, SUMS, weightedOf, type SumRow } from "./deal-queries.js";

export async function pipelineDeals(db: DbClient, tenantId: number, week: { from: CalendarDate; to: CalendarDate }): Promise<PipelineDeals> {
  const deals = createDealQueries(db, tenantId);
  const stages = await deals.stages();
  const open = await db.$queryRawUnsafe<SumRow[]>(
    `SELECT d.stage, d.currency, d.status, ${SUMS} FROM deals d WHERE d.tenant_id = $1 AND d.status = 'open' GROUP BY d.stage, d.currency, d.status`,
    tenantId,
  );
  const won = await db.$queryRawUnsafe<{ currency: string | null; count: bigint; amount: bigint | null }[]>(
    `SELECT d.currency, COUNT(*) AS count, SUM(d.amount) AS amount FROM deals d
     WHERE d.tenant_id = $1 AND d.status = 'won' AND d.closed_on BETWEEN $2::date AND $3::date GROUP BY d.currency`,
    tenantId,
    week.from,
    week.to,
  );
  const outcomes = await deals.outcomes(week);
  const order = new Map(stages.map((stage, index) => [stage.key, index]));
  return {
    open: open
      .map((row) => ({
        stage: row.stage,
        name: stages.find((stage) => stage.key === row.stage)?.name ?? null,
        currency: row.currency,
        count: Number(row.count),
        amount: Number(row.amount ?? 0),
        weighted: weightedOf(row, stages),
      }))
      .sort((a, b) => (order.get(a.stage) ?? 99) - (order.get(b.stage) ?? 99) || String(a.currency).localeCompare(String(b.currency))),
    won: won.map((row) => ({ currency: row.currency, count: Number(row.count), amount: Number(row.amount ?? 0) })),
    lost: outcomes.lost,
    reasons: outcomes.reasons,
  };
}
