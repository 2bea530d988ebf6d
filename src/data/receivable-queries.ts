/**
 * Receivable ageing: open invoices bucketed by days past their due date (0-30, 31-60, 61-90,
 * 91-180, >180), per customer and in total, in one aggregate query over the
 * (tenant_id, status, due_on) index. Invoices not yet due count in the balance, not in a bucket.
 */
import type { AgeingBuckets } from "../core/domain.js";
import type { Store } from "../core/store.js";
import type { DbClient } from "./client-types.js";

type AgeingSqlRow = {
  customer_id: number;
  customer_name: string;
  credit_limit: bigint | null;
  currency: string | null;
  balance: bigint;
  b0: bigint;
  b31: bigint;
  b61: bigint;
  b91: bigint;
  b181: bigint;
};

const BUCKET_SUMS = `
  SUM(i.amount - i.paid - i.written_off) AS balance,
  COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 0 AND 30), 0) AS b0,
  COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 31 AND 60), 0) AS b31,
  COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 61 AND 90), 0) AS b61,
  COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on BETWEEN 91 AND 180), 0) AS b91,
  COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $2::date - i.due_on > 180), 0) AS b181`;

function buckets(row: Pick<AgeingSqlRow, "b0" | "b31" | "b61" | "b91" | "b181">): AgeingBuckets {
  return {
    "0-30": Number(row.b0),
    "31-60": Number(row.b31),
    "61-90": Number(row.b61),
    "91-180": Number(row.b91),
    ">180": Number(row.b181),
  };
}

export function overdueOf(bucketValues: AgeingBuckets): number {
  return Object.values(bucketValues).reduce((sum, value) => sum + value, 0);
}

/** Archived customers stay in the receivables: archiving hides a customer, never money it owes. */
export function createReceivableQueries(db: DbClient, tenantId: number): Store["receivables"] {
  return {
    async ageing({ today, customerId, limit, visibleTo }) {
      const customerFilter = customerId === undefined ? "" : "AND i.customer_id = $4";
      const params: unknown[] = [tenantId, today, limit];
      if (customerId !== undefined) params.push(customerId);
      // A restricted rep's ageing: their own and unowned customers only (customer-visibility.ts).
      const visible = (values: unknown[]) => {
        if (!visibleTo) return "";
        values.push(visibleTo.memberId);
        return `AND EXISTS (SELECT 1 FROM customers v WHERE v.id = i.customer_id AND v.tenant_id = i.tenant_id AND (v.owner_id IS NULL OR v.owner_id = $${values.length}))`;
      };
      const rowsVisible = visible(params);
      // Customers with something overdue or over their credit limit, worst first.
      const rows = await db.$queryRawUnsafe<AgeingSqlRow[]>(
        `SELECT i.customer_id, c.name AS customer_name, c.credit_limit, c.currency, ${BUCKET_SUMS}
         FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.tenant_id = i.tenant_id
         WHERE i.tenant_id = $1 AND i.status = 'open' AND i.amount > i.paid + i.written_off ${customerFilter} ${rowsVisible}
         GROUP BY i.customer_id, c.name, c.credit_limit, c.currency
         HAVING SUM(i.amount - i.paid - i.written_off) FILTER (WHERE i.due_on <= $2::date) > 0
             OR (c.credit_limit IS NOT NULL AND SUM(i.amount - i.paid - i.written_off) > c.credit_limit)
             ${customerId === undefined ? "" : "OR TRUE"}
         ORDER BY SUM(i.amount - i.paid - i.written_off) FILTER (WHERE i.due_on <= $2::date) DESC NULLS LAST, c.name
         LIMIT $3`,
        ...params,
      );
      const totalsParams: unknown[] = [tenantId, today];
      if (customerId !== undefined) totalsParams.push(null, customerId);
      const totalsVisible = visible(totalsParams);
      const [totalsRow] = await db.$queryRawUnsafe<(AgeingSqlRow & { customer_count: bigint })[]>(
        `SELECT COUNT(DISTINCT i.customer_id) FILTER (WHERE i.due_on <= $2::date) AS customer_count, ${BUCKET_SUMS}
         FROM invoices i
         WHERE i.tenant_id = $1 AND i.status = 'open' AND i.amount > i.paid + i.written_off ${customerId === undefined ? "" : "AND i.customer_id = $4 AND $3::int IS NULL"} ${totalsVisible}`,
        ...totalsParams,
      );
      const totals = totalsRow ? buckets(totalsRow) : buckets({ b0: 0n, b31: 0n, b61: 0n, b91: 0n, b181: 0n });
      const currencyRows = await db.$queryRawUnsafe<AgeingSqlRow[]>(
        `SELECT c.currency, ${BUCKET_SUMS}
         FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.tenant_id = i.tenant_id
         WHERE i.tenant_id = $1 AND i.status = 'open' AND i.amount > i.paid + i.written_off ${customerId === undefined ? "" : "AND i.customer_id = $4 AND $3::int IS NULL"} ${totalsVisible}
         GROUP BY c.currency ORDER BY c.currency NULLS FIRST`,
        ...totalsParams,
      );
      return {
        byCurrency: currencyRows.map((row) => ({ currency: row.currency, totals: buckets(row), total: overdueOf(buckets(row)) })),
        rows: rows.map((row) => ({
          customerId: row.customer_id,
          customerName: row.customer_name,
          creditLimit: row.credit_limit === null ? null : Number(row.credit_limit),
          creditLimitCurrency: row.currency,
          balance: Number(row.balance),
          buckets: buckets(row),
        })),
        totals,
        total: overdueOf(totals),
        customerCount: Number(totalsRow?.customer_count ?? 0),
      };
    },
  };
}
