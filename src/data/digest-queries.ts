/**
 * The tenant-bound queries behind the digests. Each is index-backed and costs in proportion to
 * what is due, not to the size of the tables:
 *  - follow-ups: open tasks from (tenant_id, done_at, due_on) up to the end of the week, joined
 *    to their customers; each listed assignee's first tasks from (tenant_id, assignee_id, done_at, due_on);
 *  - overdue: ageing from the unpaid amounts per due date and currency (receivable_due_totals),
 *    the overdue count, largest debtors and limit breaches from the per-customer summaries
 *    (customer_receivables), both kept by triggers (20261128040000_receivable_summaries); only the
 *    listed customers' invoices are read, from the open-invoice index;
 *  - churn: rankings index-only on customers (tenant_id, predicted_next_at | last_order_at)
 *    INCLUDE (the filtered and sorted columns), (tenant_id, updated_at) for lost deals;
 *  - pipeline: ranges on customers (tenant_id, created_at | updated_at | first_order_at) and
 *    interactions (tenant_id, occurred_at) over the week and the compared periods.
 * Only the top rows are materialised; counts are aggregates over the same ranges. The indexes are
 * in prisma/migrations/20261124000000_receivable_digest_indexes and 20261124000100_followup_churn_digest_indexes;
 * the open amount of an invoice is amount - paid - written_off (20261127170000_ledger_open_invoice_index).
 */
import type { DbClient } from "./client-types.js";
import { createQuoteQueries } from "./quote-queries.js";
import { EXPIRY_WARNING_DAYS } from "../core/quotes.js";
import { addDaysTo, endOfWeek, type CalendarDate } from "../core/dates.js";
import { AGEING_BUCKETS, type AgeingBucket, type AgeingBuckets } from "../core/domain.js";
import type { ChurnItem, DigestQueries, MemberRef, PipelineData } from "../core/digest-store.js";
import { pipelineDeals } from "./deal-digest.js";
import { topDebtors } from "./top-debtors.js";

/** Churn windows (days). */
export const SILENT_FROM_DAYS = 180;
export const SILENT_TO_DAYS = 365;
export const LOST_WINDOW_DAYS = 30;
export const PAST_DUE_WINDOW_DAYS = 365;

/** A timestamp(3) column holds UTC wall time; compare it with an instant passed as ISO text. */
const utc = (index: number) => `($${index}::timestamptz AT TIME ZONE 'UTC')`;

export function createDigestQueries(prisma: DbClient, tenantId: number): DigestQueries {
  const query = <T>(sql: string, ...params: unknown[]) => prisma.$queryRawUnsafe<T[]>(sql, tenantId, ...params);

  async function members(ids: (number | null)[]): Promise<Map<number, MemberRef>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!wanted.length) return new Map();
    const rows = await prisma.member.findMany({ where: { tenantId, id: { in: wanted } }, select: { id: true, externalId: true, displayName: true } });
    return new Map(rows.map((row) => [row.id, row]));
  }
  const ownerOf = (map: Map<number, MemberRef>, id: number | null) => (id === null ? null : map.get(id) ?? null);

  return {
    async followUps({ today, limits }) {
      // Open tasks, by assignee: several tasks of one customer are several lines.
      const weekEnd = endOfWeek(today);
      const open = `FROM tasks t JOIN customers c ON c.id = t.customer_id
        WHERE t.tenant_id = $1 AND t.done_at IS NULL AND c.archived_at IS NULL AND c.status <> 'lost'`;
      const counts = await query<{ owner_id: number | null; overdue: bigint; today: bigint; week: bigint }>(
        `SELECT t.assignee_id AS owner_id,
           COUNT(*) FILTER (WHERE t.due_on < $2::date) AS overdue,
           COUNT(*) FILTER (WHERE t.due_on = $2::date) AS today,
           COUNT(*) FILTER (WHERE t.due_on > $2::date) AS week
         ${open} AND t.due_on <= $3::date GROUP BY t.assignee_id`,
        today,
        weekEnd,
      );
      const owners = counts
        .map((row) => ({ ownerId: row.owner_id, overdue: Number(row.overdue), today: Number(row.today), week: Number(row.week) }))
        .sort((a, b) => b.today + b.overdue - (a.today + a.overdue) || b.week - a.week || (a.ownerId ?? Infinity) - (b.ownerId ?? Infinity));
      const top = owners.slice(0, limits.owners);
      // Each listed assignee's most urgent tasks, read in (assignee, date) index order: a few rows
      // per assignee rather than every task the top assignees have due this week.
      const mostUrgent = (owner: string) =>
        `SELECT t.id AS task_id, t.text, c.id, c.name, t.assignee_id AS owner_id, t.due_on ${open} AND ${owner} AND t.due_on <= $2::date
         ORDER BY t.due_on, c.name, t.id LIMIT $5`;
      const items = top.length
        ? await query<{ task_id: number; text: string; id: number; name: string; owner_id: number | null; due: string }>(
            `SELECT task_id, text, id, name, owner_id, to_char(due_on, 'YYYY-MM-DD') AS due FROM (
               SELECT urgent.* FROM unnest($3::int[]) AS listed(owner_id) CROSS JOIN LATERAL (${mostUrgent("t.assignee_id = listed.owner_id")}) urgent
               UNION ALL
               SELECT unowned.* FROM (${mostUrgent("t.assignee_id IS NULL")}) unowned WHERE $4::boolean
             ) items ORDER BY due, name, task_id`,
            weekEnd,
            top.map((owner) => owner.ownerId).filter((id): id is number => id !== null),
            top.some((owner) => owner.ownerId === null),
            limits.itemsPerOwner,
          )
        : [];
      const refs = await members(top.map((owner) => owner.ownerId));
      const expiringQuotes = await createQuoteQueries(prisma, tenantId).expiring({ from: today, to: addDaysTo(today, EXPIRY_WARNING_DAYS), limit: limits.itemsPerOwner });
      return {
        weekEnd,
        expiringQuotes,
        totals: owners.reduce((sum, owner) => ({ overdue: sum.overdue + owner.overdue, today: sum.today + owner.today, week: sum.week + owner.week }), { overdue: 0, today: 0, week: 0 }),
        ownerCount: owners.length,
        owners: top.map((owner) => ({
          owner: ownerOf(refs, owner.ownerId),
          overdue: owner.overdue,
          today: owner.today,
          week: owner.week,
          items: items
            .filter((item) => item.owner_id === owner.ownerId)
            .map((item) => ({ customerId: item.id, customerName: item.name, nextFollowUp: item.due, taskId: item.task_id, text: item.text })),
        })),
      };
    },

    async overdue({ today, limits }) {
      // Sums of `amount` per ageing bucket of `due`, as exact integers in text (several are added up here).
      const bucketSums = (amount: string, due: string) =>
        Object.entries({ b0: "BETWEEN 0 AND 30", b31: "BETWEEN 31 AND 60", b61: "BETWEEN 61 AND 90", b91: "BETWEEN 91 AND 180", b181: "> 180" })
          .map(([name, range]) => `COALESCE(SUM(${amount}) FILTER (WHERE $2::date - ${due} ${range}), 0)::text AS ${name}`)
          .join(", ");
      const sums = bucketSums("i.amount - i.paid - i.written_off", "i.due_on");
      type Sums = { b0: bigint; b31: bigint; b61: bigint; b91: bigint; b181: bigint };
      const exactSums = (row: { [K in keyof Sums]: string }): Sums => ({ b0: BigInt(row.b0), b31: BigInt(row.b31), b61: BigInt(row.b61), b91: BigInt(row.b91), b181: BigInt(row.b181) });
      const buckets = (row: Sums): AgeingBuckets => ({ "0-30": Number(row.b0), "31-60": Number(row.b31), "61-90": Number(row.b61), "91-180": Number(row.b91), ">180": Number(row.b181) });
      const overdueRange = `FROM invoices i WHERE i.tenant_id = $1 AND i.status = 'open' AND i.due_on <= $2::date AND i.amount > i.paid + i.written_off`;
      // Ageing per customer currency from the unpaid amounts per due date (a few thousand rows
      // whatever the book's size). Amounts of different currencies never add up.
      const currencyRows = await query<{ [K in keyof Sums]: string } & { currency: string }>(
        `SELECT COALESCE(r.currency, (SELECT t.currency FROM tenants t WHERE t.id = $1)) AS currency,
           ${bucketSums("r.open_amount", "r.due_on")}
         FROM receivable_due_totals r WHERE r.tenant_id = $1 AND r.due_on <= $2::date AND r.invoices <> 0
         GROUP BY 1 HAVING SUM(r.invoices) > 0 ORDER BY 1`,
        today,
      );
      const [counted] = await query<{ customers: bigint }>(
        `SELECT COUNT(*) AS customers FROM customer_receivables WHERE tenant_id = $1 AND oldest_unpaid_due_on <= $2::date`,
        today,
      );
      const debtorRows = await topDebtors(prisma, { tenantId, today, limit: limits.items });
      const debtorIds = debtorRows.map((row) => row.customerId);
      // The buckets of the shown debtors only: summing them for every debtor costs five more sums per customer.
      const debtorBuckets = debtorIds.length
        ? await query<{ [K in keyof Sums]: string } & { customer_id: number }>(`SELECT i.customer_id, ${sums} ${overdueRange} AND i.customer_id = ANY($3::int[]) GROUP BY i.customer_id`, today, debtorIds)
        : [];
      // Every customer over its limit (open invoices, due or not), largest excess first, from the
      // partial index of customers over their limit.
      const [overLimitCount] = await query<{ total: bigint }>(`SELECT COUNT(*) AS total FROM customer_receivables WHERE tenant_id = $1 AND over_limit_by > 0`);
      const overLimitRows = await query<{ id: number; credit_limit: bigint; balance: bigint }>(
        `SELECT customer_id AS id, open_balance - over_limit_by AS credit_limit, open_balance AS balance FROM customer_receivables
         WHERE tenant_id = $1 AND over_limit_by > 0 ORDER BY over_limit_by DESC, customer_id LIMIT $2`,
        limits.items,
      );
      // Names and owners of the listed customers; balances (due or not) of the shown debtors: open invoices only.
      const details = await query<{ id: number; name: string; owner_id: number | null; credit_limit: bigint | null; balance: bigint; currency: string }>(
        `SELECT c.id, c.name, c.owner_id, c.credit_limit, COALESCE(SUM(i.amount - i.paid - i.written_off), 0) AS balance, COALESCE(c.currency, (SELECT t.currency FROM tenants t WHERE t.id = $1)) AS currency
         FROM customers c LEFT JOIN invoices i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id AND i.status = 'open'
         WHERE c.tenant_id = $1 AND c.id = ANY($2::int[]) GROUP BY c.id`,
        [...new Set([...debtorIds, ...overLimitRows.map((row) => row.id)])],
      );
      const byId = new Map(details.map((row) => [row.id, row]));
      const bucketsById = new Map(debtorBuckets.map((row) => [row.customer_id, buckets(exactSums(row))]));
      const refs = await members(debtorIds.map((id) => byId.get(id)?.owner_id ?? null));
      const byCurrency = currencyRows.map((row) => ({ currency: row.currency, sums: exactSums(row) }));
      const totals = buckets(byCurrency.reduce<Sums>((sum, { sums: row }) => ({ b0: sum.b0 + row.b0, b31: sum.b31 + row.b31, b61: sum.b61 + row.b61, b91: sum.b91 + row.b91, b181: sum.b181 + row.b181 }), { b0: 0n, b31: 0n, b61: 0n, b91: 0n, b181: 0n }));
      return {
        totals,
        total: Object.values(totals).reduce((sum, value) => sum + value, 0),
        customerCount: Number(counted?.customers ?? 0),
        byCurrency: byCurrency.map(({ currency, sums: row }) => {
          const sums = buckets(row);
          return { currency, totals: sums, total: Object.values(sums).reduce((sum, value) => sum + value, 0) };
        }),
        debtors: debtorRows.map((row) => {
          const detail = byId.get(row.customerId);
          const rowBuckets = bucketsById.get(row.customerId) ?? buckets({ b0: 0n, b31: 0n, b61: 0n, b91: 0n, b181: 0n });
          const oldestBucket = [...AGEING_BUCKETS].reverse().find((bucket) => rowBuckets[bucket] > 0) ?? ("0-30" as AgeingBucket);
          return {
            customerId: row.customerId,
            customerName: detail?.name ?? `#${row.customerId}`,
            overdue: Number(row.overdue),
            buckets: rowBuckets,
            oldestBucket,
            balance: Number(detail?.balance ?? row.overdue),
            creditLimit: detail?.credit_limit === null || detail?.credit_limit === undefined ? null : Number(detail.credit_limit),
            owner: ownerOf(refs, detail?.owner_id ?? null),
            currency: detail?.currency,
          };
        }),
        overLimit: overLimitRows.map((row) => ({ customerId: row.id, customerName: byId.get(row.id)?.name ?? `#${row.id}`, balance: Number(row.balance), creditLimit: Number(row.credit_limit), currency: byId.get(row.id)?.currency })),
        overLimitCount: Number(overLimitCount?.total ?? 0),
      };
    },

    async churn({ today, now, limits }) {
      type Row = { id: number; name: string; owner_id: number | null; last_order_at: string | null; predicted_next_at: string | null; avg_cycle_days: number | null; lifetime_sales: bigint; total: bigint; currency: string };
      // The largest lifetime sales first, with the count of all. The ranking reads only index
      // columns (tenant_id, predicted_next_at | last_order_at, INCLUDE the filtered and sorted
      // ones); the listed few are then read from the table.
      const largest = (where: string, limit: string) =>
        `SELECT c.id, c.name, c.owner_id, to_char(c.last_order_at, 'YYYY-MM-DD') AS last_order_at,
           to_char(c.predicted_next_at, 'YYYY-MM-DD') AS predicted_next_at, c.avg_cycle_days, c.lifetime_sales, ranked.total,
           COALESCE(c.currency, (SELECT t.currency FROM tenants t WHERE t.id = $1)) AS currency
         FROM (SELECT c.id, c.lifetime_sales, COUNT(*) OVER () AS total FROM customers c WHERE ${where}
               ORDER BY c.lifetime_sales DESC, c.id LIMIT ${limit}) ranked
         JOIN customers c ON c.tenant_id = $1 AND c.id = ranked.id
         ORDER BY ranked.lifetime_sales DESC, ranked.id`;
      const pastDueFrom = addDaysTo(today, -PAST_DUE_WINDOW_DAYS);
      const pastDue = await query<Row>(
        largest(
          `c.tenant_id = $1 AND c.archived_at IS NULL AND c.predicted_next_at < $2::date AND c.predicted_next_at >= $3::date
           AND c.order_count >= 2 AND c.status <> 'lost'`,
          "$4",
        ),
        today,
        pastDueFrom,
        limits.items,
      );
      // Silent customers not already listed as late to reorder.
      const silent = await query<Row>(
        largest(
          `c.tenant_id = $1 AND c.archived_at IS NULL AND c.last_order_at < $2::date AND c.last_order_at >= $3::date AND c.status <> 'lost'
           AND NOT (c.order_count >= 2 AND c.predicted_next_at < $4::date AND c.predicted_next_at >= $5::date)`,
          "$6",
        ),
        addDaysTo(today, -SILENT_FROM_DAYS),
        addDaysTo(today, -SILENT_TO_DAYS),
        today,
        pastDueFrom,
        limits.items,
      );
      const lost = await query<{ id: number; name: string; owner_id: number | null; lost_on: string; total: bigint }>(
        `SELECT c.id, c.name, c.owner_id, to_char(c.updated_at, 'YYYY-MM-DD') AS lost_on, COUNT(*) OVER () AS total
         FROM customers c
         WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.updated_at >= ${utc(2)} AND (c.status = 'lost' OR c.stage = 'lost')
         ORDER BY c.updated_at DESC, c.id LIMIT $3`,
        new Date(now.getTime() - LOST_WINDOW_DAYS * 86_400_000).toISOString(),
        limits.items,
      );
      const refs = await members([...pastDue, ...silent, ...lost].map((row) => row.owner_id));
      const item = (row: Row): ChurnItem => ({
        customerId: row.id,
        customerName: row.name,
        owner: ownerOf(refs, row.owner_id),
        lastOrderAt: row.last_order_at,
        predictedNextAt: row.predicted_next_at,
        avgCycleDays: row.avg_cycle_days,
        lifetimeSales: Number(row.lifetime_sales),
        currency: row.currency,
      });
      return {
        pastDue: { count: Number(pastDue[0]?.total ?? 0), items: pastDue.map(item) },
        silent: { count: Number(silent[0]?.total ?? 0), items: silent.map(item), fromDays: SILENT_FROM_DAYS, toDays: SILENT_TO_DAYS },
        lost: {
          count: Number(lost[0]?.total ?? 0),
          days: LOST_WINDOW_DAYS,
          items: lost.map((row) => ({ customerId: row.id, customerName: row.name, owner: ownerOf(refs, row.owner_id), lostOn: row.lost_on })),
        },
      };
    },

    async pipeline({ today, from, since: sinceInstant, until: untilInstant }) {
      const since = sinceInstant.toISOString();
      const until = untilInstant.toISOString();
      const [week] = await query<{ created: bigint; updated: bigint; won: bigint; lost: bigint }>(
        `SELECT
           (SELECT COUNT(*) FROM customers c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.created_at >= ${utc(2)} AND c.created_at <= ${utc(3)}) AS created,
           COUNT(*) FILTER (WHERE c.created_at < ${utc(2)}) AS updated,
           COUNT(*) FILTER (WHERE c.stage = 'won') AS won,
           COUNT(*) FILTER (WHERE c.status = 'lost' OR c.stage = 'lost') AS lost
         FROM customers c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.updated_at >= ${utc(2)} AND c.updated_at <= ${utc(3)}`,
        since,
        until,
      );
      // Period to date against the same number of days of the previous period.
      const [year, month] = today.split("-").map(Number) as [number, number];
      const quarterMonth = Math.floor((month - 1) / 3) * 3 + 1;
      const periods = {
        month: { start: `${year}-${pad(month)}-01`, previous: month === 1 ? `${year - 1}-12-01` : `${year}-${pad(month - 1)}-01` },
        quarter: { start: `${year}-${pad(quarterMonth)}-01`, previous: quarterMonth === 1 ? `${year - 1}-10-01` : `${year}-${pad(quarterMonth - 3)}-01` },
        year: { start: `${year}-01-01`, previous: `${year - 1}-01-01` },
      };
      const elapsed = (start: CalendarDate) => Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000);
      const signedParams: string[] = [];
      const filters: string[] = [];
      for (const { start, previous } of Object.values(periods)) {
        const previousEnd = clampDate(addDaysTo(previous, elapsed(start)), addDaysTo(start, -1));
        signedParams.push(start, today, previous, previousEnd);
        const base = signedParams.length - 2; // index of `start`, 1-based after tenant ($1)
        filters.push(
          `COUNT(*) FILTER (WHERE c.first_order_at BETWEEN $${base}::date AND $${base + 1}::date)`,
          `COUNT(*) FILTER (WHERE c.first_order_at BETWEEN $${base + 2}::date AND $${base + 3}::date)`,
        );
      }
      const [signed] = await query<Record<string, bigint>>(
        `SELECT ${filters.map((filter, index) => `${filter} AS s${index}`).join(", ")}
         FROM customers c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.first_order_at >= $12::date AND c.first_order_at <= $3::date`,
        ...signedParams,
      );
      const count = (index: number) => Number(signed?.[`s${index}`] ?? 0);
      const activity = await query<{ member_id: number; contacts: bigint; rated: bigint; successful: bigint }>(
        `SELECT i.logged_by_id AS member_id, COUNT(*) AS contacts, COUNT(i.outcome) AS rated,
           COUNT(*) FILTER (WHERE i.outcome IN ('effective', 'high-value')) AS successful
         FROM interactions i WHERE i.tenant_id = $1 AND i.occurred_at >= ${utc(2)} AND i.occurred_at <= ${utc(3)} AND NOT i.undone
         GROUP BY i.logged_by_id`,
        since,
        until,
      );
      const deals = await query<{ member_id: number; won: bigint; lost: bigint }>(
        `SELECT c.owner_id AS member_id, COUNT(*) FILTER (WHERE c.stage = 'won') AS won,
           COUNT(*) FILTER (WHERE c.status = 'lost' OR c.stage = 'lost') AS lost
         FROM customers c WHERE c.tenant_id = $1 AND c.archived_at IS NULL AND c.updated_at >= ${utc(2)} AND c.updated_at <= ${utc(3)} AND c.owner_id IS NOT NULL
           AND (c.stage IN ('won', 'lost') OR c.status = 'lost')
         GROUP BY c.owner_id`,
        since,
        until,
      );
      const refs = await members([...activity.map((row) => row.member_id), ...deals.map((row) => row.member_id)]);
      const byMember = new Map<number, PipelineData["members"][number]>();
      const entry = (id: number) => {
        const member = refs.get(id);
        if (!member) return null;
        let row = byMember.get(id);
        if (!row) byMember.set(id, (row = { member, contacts: 0, rated: 0, successful: 0, won: 0, lost: 0 }));
        return row;
      };
      for (const row of activity) {
        const target = entry(row.member_id);
        if (target) Object.assign(target, { contacts: Number(row.contacts), rated: Number(row.rated), successful: Number(row.successful) });
      }
      for (const row of deals) {
        const target = entry(row.member_id);
        if (target) Object.assign(target, { won: Number(row.won), lost: Number(row.lost) });
      }
      return {
        from,
        to: today,
        newCustomers: Number(week?.created ?? 0),
        updated: Number(week?.updated ?? 0),
        won: Number(week?.won ?? 0),
        lost: Number(week?.lost ?? 0),
        signed: {
          month: { current: count(0), previous: count(1) },
          quarter: { current: count(2), previous: count(3) },
          year: { current: count(4), previous: count(5) },
        },
        members: [...byMember.values()].sort((a, b) => b.contacts - a.contacts || a.member.displayName.localeCompare(b.member.displayName)),
        deals: await pipelineDeals(prisma, tenantId, { from, to: today }),
      };
    },
  };
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

function clampDate(date: CalendarDate, max: CalendarDate): CalendarDate {
  return date > max ? max : date;
}
