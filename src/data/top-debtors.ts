/**
 * The largest debtors of a day, exactly, without summing every customer's overdue invoices: a
 * customer's overdue amount never exceeds its unpaid amount (customer_receivables.unpaid_amount, kept
 * by triggers; migration 20261128040000_receivable_summaries). Customers are read in that order and
 * summed exactly in growing batches until no customer left unread can rank among the first `limit`.
 */
import type { DbClient } from "./client-types.js";
import type { CalendarDate } from "../core/dates.js";

export type Debtor = { customerId: number; overdue: bigint };

/** The first batch: enough for a short list when overdue amounts are close to unpaid ones. */
const FIRST_BATCH = 50;

/** Overdue amount DESC, then customer id: the digest's order. */
const byRank = (a: Debtor, b: Debtor) => (a.overdue === b.overdue ? a.customerId - b.customerId : a.overdue > b.overdue ? -1 : 1);

export async function topDebtors(prisma: DbClient, { tenantId, today, limit }: { tenantId: number; today: CalendarDate; limit: number }): Promise<Debtor[]> {
  if (limit <= 0) return [];
  const found: Debtor[] = [];
  let after: { bound: bigint; customerId: number } | null = null;
  for (let batch = Math.max(FIRST_BATCH, 2 * limit); ; batch *= 2) {
    const candidates: { customer_id: number; unpaid_amount: bigint }[] = await prisma.$queryRawUnsafe(
      `SELECT customer_id, unpaid_amount FROM customer_receivables
       WHERE tenant_id = $1 AND oldest_unpaid_due_on <= $2::date
         AND ($3::bigint IS NULL OR (unpaid_amount <= $3::bigint AND (unpaid_amount < $3::bigint OR customer_id > $4::int)))
       ORDER BY unpaid_amount DESC, customer_id LIMIT $5`,
      tenantId,
      today,
      after?.bound ?? null,
      after?.customerId ?? null,
      batch,
    );
    if (!candidates.length) break;
    const sums: { customer_id: number; overdue: bigint }[] = await prisma.$queryRawUnsafe(
      `SELECT i.customer_id, SUM(i.amount - i.paid - i.written_off)::bigint AS overdue FROM invoices i
       WHERE i.tenant_id = $1 AND i.customer_id = ANY($2::int[]) AND i.status = 'open' AND i.due_on <= $3::date AND i.amount > i.paid + i.written_off
       GROUP BY i.customer_id`,
      tenantId,
      candidates.map((row) => row.customer_id),
      today,
    );
    found.push(...sums.map((row) => ({ customerId: row.customer_id, overdue: BigInt(row.overdue) })));
    found.sort(byRank);
    found.length = Math.min(found.length, limit);
    const last = candidates.at(-1)!;
    after = { bound: BigInt(last.unpaid_amount), customerId: last.customer_id };
    if (candidates.length < batch) break;
    // Unread customers have a smaller bound, or the same bound and a larger id than the last read.
    const nth = found[limit - 1];
    if (nth && (nth.overdue > after.bound || (nth.overdue === after.bound && nth.customerId < after.customerId))) break;
  }
  return found;
}
