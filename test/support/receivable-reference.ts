/**
 * The overdue digest computed the way it was before the receivable summaries (every open invoice
 * of the tenant scanned): the reference the summary-backed digest is compared with.
 */
import type { DbClient } from "../../src/data/client-types.js";
import { AGEING_BUCKETS, type AgeingBucket, type AgeingBuckets } from "../../src/core/domain.js";
import type { CalendarDate } from "../../src/core/dates.js";

/** The overdue digest as it was computed before the summaries: every open invoice of the tenant summed. */
export async function referenceOverdue(prisma: DbClient, tenantId: number, today: CalendarDate, items: number) {
  const query = <T>(sql: string, ...params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, tenantId, ...params);
  const sums = `
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 0 AND 30), 0) AS b0,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 31 AND 60), 0) AS b31,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 61 AND 90), 0) AS b61,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 91 AND 180), 0) AS b91,
    COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on > 180), 0) AS b181`;
  type Sums = { b0: bigint; b31: bigint; b61: bigint; b91: bigint; b181: bigint };
  const buckets = (row: Sums): AgeingBuckets => ({ "0-30": Number(row.b0), "31-60": Number(row.b31), "61-90": Number(row.b61), "91-180": Number(row.b91), ">180": Number(row.b181) });
  const overdueRange = `FROM invoices i WHERE i.tenant_id = $1 AND i.status = 'open' AND i.due_on <= $2::date AND i.amount > i.paid + i.written_off`;
  const [totalsRow] = await query<Sums & { customers: bigint }>(`SELECT COUNT(DISTINCT i.customer_id) AS customers, ${sums} ${overdueRange}`, today);
  const currencyRows = await query<Sums & { currency: string }>(
    `SELECT COALESCE(c.currency, (SELECT t.currency FROM tenants t WHERE t.id = $1)) AS currency, ${sums}
     FROM invoices i JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id
     WHERE i.tenant_id = $1 AND i.status = 'open' AND i.due_on <= $2::date AND i.amount > i.paid + i.written_off
     GROUP BY 1 ORDER BY 1`,
    today,
  );
  const debtorRows = await query<{ customer_id: number; overdue: bigint }>(
    `SELECT i.customer_id, SUM(i.amount - i.paid - i.written_off) AS overdue ${overdueRange}
     GROUP BY i.customer_id ORDER BY SUM(i.amount - i.paid - i.written_off) DESC, i.customer_id LIMIT $3`,
    today,
    items,
  );
  const debtorIds = debtorRows.map((row) => row.customer_id);
  const debtorBuckets = debtorIds.length
    ? await query<Sums & { customer_id: number }>(`SELECT i.customer_id, ${sums} ${overdueRange} AND i.customer_id = ANY($3::int[]) GROUP BY i.customer_id`, today, debtorIds)
    : [];
  const overLimitRows = await query<{ id: number; credit_limit: bigint; balance: bigint; total: bigint }>(
    `SELECT id, credit_limit, balance, COUNT(*) OVER () AS total FROM (
       SELECT c.id, c.credit_limit, SUM(i.amount - i.paid - i.written_off) AS balance
       FROM customers c JOIN invoices i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.status = 'open'
       WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.credit_limit IS NOT NULL
       GROUP BY c.id, c.credit_limit HAVING SUM(i.amount - i.paid - i.written_off) > c.credit_limit) over_limit
     ORDER BY balance - credit_limit DESC, id LIMIT $2`,
    items,
  );
  const details = await query<{ id: number; name: string; owner_id: number | null; credit_limit: bigint | null; balance: bigint; currency: string }>(
    `SELECT c.id, c.name, c.owner_id, c.credit_limit, COALESCE(SUM(i.amount - i.paid - i.written_off), 0) AS balance, COALESCE(c.currency, (SELECT t.currency FROM tenants t WHERE t.id = $1)) AS currency
     FROM customers c LEFT JOIN invoices i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.status = 'open'
     WHERE c.tenant_id = $1 AND c.id = ANY($2::int[]) GROUP BY c.id`,
    [...new Set([...debtorIds, ...overLimitRows.map((row) => row.id)])],
  );
  const byId = new Map(details.map((row) => [row.id, row]));
  const bucketsById = new Map(debtorBuckets.map((row) => [row.customer_id, buckets(row)]));
  const owners = await prisma.member.findMany({ where: { tenantId }, select: { id: true, externalId: true, displayName: true } });
  const ownerOf = (id: number | null) => owners.find((member) => member.id === id) ?? null;
  const totals = totalsRow ? buckets(totalsRow) : buckets({ b0: 0n, b31: 0n, b61: 0n, b91: 0n, b181: 0n });
  return {
    totals,
    total: Object.values(totals).reduce((sum, value) => sum + value, 0),
    customerCount: Number(totalsRow?.customers ?? 0),
    byCurrency: currencyRows.map((row) => {
      const sums = buckets(row);
      return { currency: row.currency, totals: sums, total: Object.values(sums).reduce((sum, value) => sum + value, 0) };
    }),
    debtors: debtorRows.map((row) => {
      const detail = byId.get(row.customer_id);
      const rowBuckets = bucketsById.get(row.customer_id) ?? buckets({ b0: 0n, b31: 0n, b61: 0n, b91: 0n, b181: 0n });
      const oldestBucket = [...AGEING_BUCKETS].reverse().find((bucket) => rowBuckets[bucket] > 0) ?? ("0-30" as AgeingBucket);
      return {
        customerId: row.customer_id,
        customerName: detail?.name ?? `#${row.customer_id}`,
        overdue: Number(row.overdue),
        buckets: rowBuckets,
        oldestBucket,
        balance: Number(detail?.balance ?? row.overdue),
        creditLimit: detail?.credit_limit === null || detail?.credit_limit === undefined ? null : Number(detail.credit_limit),
        owner: ownerOf(detail?.owner_id ?? null),
        currency: detail?.currency,
      };
    }),
    overLimit: overLimitRows.map((row) => ({ customerId: row.id, customerName: byId.get(row.id)?.name ?? `#${row.id}`, balance: Number(row.balance), creditLimit: Number(row.credit_limit), currency: byId.get(row.id)?.currency })),
    overLimitCount: Number(overLimitRows[0]?.total ?? 0),
  };
}
