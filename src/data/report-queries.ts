/**
 * Queries behind export, stats and activity: aggregates run in the database (one GROUP BY each),
 * exports page through rows by keyset so a large tenant streams in constant memory.
 */
import type { ChartDimension, ExportCell, ExportFilters, ExportKind, ExportTable, ReportQueries } from "../core/reports.js";
import { addDaysTo } from "../core/dates.js";
import { minorUnitDigits } from "../core/money/currency.js";
import type { DbClient } from "./client-types.js";
import { dealQuoteExporters } from "./deal-quote-export.js";

const PAGE = 2000;

/** SQL expression of a customer dimension (c = customers, m = owner member). */
const DIMENSION_SQL: Record<ChartDimension, string> = {
  grade: "COALESCE(c.grade, '(none)')",
  region: "COALESCE(NULLIF(c.region, ''), '(none)')",
  industry: "COALESCE(NULLIF(c.industry, ''), '(none)')",
  source: "COALESCE(NULLIF(c.source, ''), '(none)')",
  owner: "COALESCE(m.display_name, '(unowned)')",
  city: "COALESCE(NULLIF(c.city, ''), '(none)')",
  type: "COALESCE(NULLIF(c.type, ''), '(none)')",
};
const OWNER_JOIN = "LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id";

class Sql {
  readonly params: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.params.length}::${cast}`;
  }
}

function customerFilters(sql: Sql, filters: ExportFilters): string {
  // Archived and merged customers are out of every export; their rows moved or are kept for the record.
  const where: string[] = ["c.archived_at IS NULL"];
  if (filters.ownerId !== undefined) where.push(`c.owner_id = ${sql.add(filters.ownerId, "int")}`);
  for (const field of ["status", "grade", "region", "industry", "source"] as const) {
    const value = filters[field];
    if (value !== undefined) where.push(`lower(c.${field}) = lower(${sql.add(value, "text")})`);
  }
  return where.map((clause) => ` AND ${clause}`).join("");
}

function majorUnits(minor: bigint | number | null, digits: number): string | null {
  if (minor === null) return null;
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const text = digits === 0 ? `${abs}` : `${abs / scale}.${(abs % scale).toString().padStart(digits, "0")}`;
  return negative ? `-${text}` : text;
}

/** An ISO currency code as an SQL literal (codes are checked on the way in; quoting keeps it safe regardless). */
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);

type Row = Record<string, unknown>;

export function createReportQueries(db: DbClient, tenantId: number, currency: string): ReportQueries {
  // Charts sum amounts: only customers whose amounts are in the workspace's currency take part.
  const inWorkspaceCurrency = `COALESCE(c.currency, ${quoteLiteral(currency)}) = ${quoteLiteral(currency)}`;
  /** Amounts of a row in its own currency's units; the row's currency is written next to them. */
  const amountIn = (row: Row) => {
    const digits = minorUnitDigits(row.row_currency as string);
    return (value: unknown) => majorUnits(value as bigint | null, digits);
  };
  // The customer's own currency, else the workspace's: the currency the stored minor units are in.
  const CURRENCY_SQL = `COALESCE(c.currency, '${currency.replace(/[^A-Z]/g, "")}')`;

  /** Pages through `select` ordered by `keyColumns`; `next` builds the WHERE clause continuing after a row. */
  async function* pages(build: (after: Row | null, sql: Sql) => string, after: Row | null = null): AsyncIterable<Row> {
    for (;;) {
      const sql = new Sql();
      const text = build(after, sql);
      const rows = await db.$queryRawUnsafe<Row[]>(`${text} LIMIT ${PAGE}`, ...sql.params);
      for (const row of rows) yield row;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!;
    }
  }

  function table(columns: string[], rows: AsyncIterable<Row>, cells: (row: Row) => ExportCell[]): ExportTable {
    return {
      columns,
      rows: (async function* () {
        for await (const row of rows) yield cells(row);
      })(),
    };
  }

  const exporters: Record<ExportKind, (filters: ExportFilters) => ExportTable> = {
    ...dealQuoteExporters({ tenantId, currencySql: CURRENCY_SQL, pages: (build) => pages(build), table, amountIn, customerFilters }),
    customers: (filters) =>
      table(
        ["external_id", "id", "name", "aliases", "status", "stage", "grade", "type", "industry", "source", "region", "city", "address", "phone", "email", "website", "owner", "credit_limit", "next_follow_up", "notes", "order_count", "lifetime_sales", "last_order_at", "created_at", "currency"],
        pages(
          (after, sql) =>
            `SELECT c.*, ${CURRENCY_SQL} AS row_currency, m.display_name AS owner_name FROM customers c ${OWNER_JOIN}
             WHERE c.tenant_id = ${tenantId}${customerFilters(sql, filters)}${after ? ` AND c.id > ${sql.add(after.id, "int")}` : ""}
             ORDER BY c.id`,
        ),
        (c, amount = amountIn(c)) => [
          (c.external_id as string | null) ?? `rapport:${c.id}`,
          c.id as number,
          c.name as string,
          (c.aliases as string[]).join("; "),
          c.status as string,
          c.stage as string | null,
          c.grade as string | null,
          c.type as string | null,
          c.industry as string | null,
          c.source as string | null,
          c.region as string | null,
          c.city as string | null,
          c.address as string | null,
          c.phone as string | null,
          c.email as string | null,
          c.website as string | null,
          c.owner_name as string | null,
          amount(c.credit_limit),
          day(c.next_follow_up as Date | null),
          c.notes as string | null,
          c.order_count as number,
          amount(c.lifetime_sales),
          day(c.last_order_at as Date | null),
          (c.created_at as Date).toISOString(),
          c.row_currency as string,
        ],
      ),
    overdue: (filters) =>
      table(
        ["customer", "customer_external_id", "owner", "balance", "overdue", "0-30", "31-60", "61-90", "91-180", ">180", "credit_limit", "currency"],
        pages((after, sql) => {
          const today = sql.add(filters.today, "date");
          return `SELECT * FROM (
              SELECT c.id, c.name, c.external_id, m.display_name AS owner_name, c.credit_limit, ${CURRENCY_SQL} AS row_currency,
                SUM(i.amount - i.paid - i.written_off) AS balance,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on >= 0), 0) AS overdue,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on BETWEEN 0 AND 30), 0) AS b0,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on BETWEEN 31 AND 60), 0) AS b31,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on BETWEEN 61 AND 90), 0) AS b61,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on BETWEEN 91 AND 180), 0) AS b91,
                COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE ${today} - i.due_on > 180), 0) AS b181
              FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.tenant_id = i.tenant_id ${OWNER_JOIN}
              WHERE i.tenant_id = ${tenantId} AND i.status = 'open' AND i.amount > i.paid + i.written_off${customerFilters(sql, filters)}
              GROUP BY c.id, c.name, c.external_id, m.display_name, c.credit_limit, c.currency) t
            WHERE t.overdue > 0${after ? ` AND t.id > ${sql.add(after.id, "int")}` : ""}
            ORDER BY t.id`;
        }),
        (r, amount = amountIn(r)) => [
          r.name as string, r.external_id as string | null, r.owner_name as string | null,
          amount(r.balance), amount(r.overdue), amount(r.b0), amount(r.b31), amount(r.b61), amount(r.b91), amount(r.b181), amount(r.credit_limit),
          r.row_currency as string,
        ],
      ),
    followups: (filters) =>
      table(
        ["due", "customer", "customer_external_id", "owner", "status", "phone", "last_contact_at"],
        pages((after, sql) => {
          const to = filters.to ?? addDaysTo(filters.today, 7);
          return `SELECT c.id, c.name, c.external_id, c.status, c.phone, c.next_follow_up, c.last_contact_at, m.display_name AS owner_name
            FROM customers c ${OWNER_JOIN}
            WHERE c.tenant_id = ${tenantId} AND c.status <> 'lost' AND c.next_follow_up <= ${sql.add(to, "date")}
            ${filters.from ? `AND c.next_follow_up >= ${sql.add(filters.from, "date")}` : ""}${customerFilters(sql, { ...filters, status: undefined })}
            ${after ? `AND (c.next_follow_up, c.id) > (${sql.add(day(after.next_follow_up as Date), "date")}, ${sql.add(after.id, "int")})` : ""}
            ORDER BY c.next_follow_up, c.id`;
        }),
        (r) => [day(r.next_follow_up as Date), r.name as string, r.external_id as string | null, r.owner_name as string | null, r.status as string, r.phone as string | null, r.last_contact_at ? (r.last_contact_at as Date).toISOString() : null],
      ),
    orders: (filters) =>
      table(
        ["number", "external_id", "customer", "customer_external_id", "ordered_on", "status", "total", "total_cost", "currency", "owner"],
        pages((after, sql) => {
          const where: string[] = [];
          if (filters.from) where.push(`o.ordered_on >= ${sql.add(filters.from, "date")}`);
          if (filters.to) where.push(`o.ordered_on <= ${sql.add(filters.to, "date")}`);
          if (filters.status) where.push(`o.status = ${sql.add(filters.status.toLowerCase(), "text")}`);
          // An order belongs to its customer's owner (orders.owner_id is not kept).
          if (filters.ownerId !== undefined) where.push(`c.owner_id = ${sql.add(filters.ownerId, "int")}`);
          if (after) where.push(`(o.ordered_on, o.id) > (${sql.add(day(after.ordered_on as Date), "date")}, ${sql.add(after.id, "int")})`);
          return `SELECT o.id, o.number, o.external_id, o.ordered_on, o.status, o.total, o.total_cost, ${CURRENCY_SQL} AS row_currency, c.name AS customer_name, c.external_id AS customer_external_id, m.display_name AS owner_name
            FROM orders o JOIN customers c ON c.id = o.customer_id AND c.tenant_id = o.tenant_id
            LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id
            WHERE o.tenant_id = ${tenantId}${where.map((clause) => ` AND ${clause}`).join("")}
            ORDER BY o.ordered_on, o.id`;
        }),
        (r, amount = amountIn(r)) => [
          r.number as string, r.external_id as string | null, r.customer_name as string, r.customer_external_id as string | null, day(r.ordered_on as Date), r.status as string,
          amount(r.total), amount(r.total_cost), r.row_currency as string, r.owner_name as string | null,
        ],
      ),
  };

  return {
    exportTable: (kind, filters) => exporters[kind](filters),

    async customersInOtherCurrencies() {
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT c.currency, COUNT(*) AS customers FROM customers c
         WHERE c.tenant_id = ${tenantId} AND c.currency IS NOT NULL AND NOT (${inWorkspaceCurrency})
         GROUP BY 1 ORDER BY 1`,
      );
      return rows.map((row) => ({ currency: String(row.currency), customers: Number(row.customers) }));
    },

    async ageing({ today, by }) {
      const group = by ? DIMENSION_SQL[by] : "'all'";
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT ${group} AS grp,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on < 0), 0) AS not_due,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on BETWEEN 0 AND 30), 0) AS b0,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on BETWEEN 31 AND 60), 0) AS b31,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on BETWEEN 61 AND 90), 0) AS b61,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on BETWEEN 91 AND 180), 0) AS b91,
           COALESCE(SUM(i.amount - i.paid - i.written_off) FILTER (WHERE $1::date - i.due_on > 180), 0) AS b181
         FROM invoices i JOIN customers c ON c.id = i.customer_id AND c.tenant_id = i.tenant_id ${OWNER_JOIN}
         WHERE i.tenant_id = ${tenantId} AND i.status = 'open' AND i.amount > i.paid + i.written_off AND ${inWorkspaceCurrency} AND c.archived_at IS NULL
         GROUP BY 1 ORDER BY 1`,
        today,
      );
      return rows.map((row) => ({
        group: String(row.grp),
        notDue: Number(row.not_due),
        buckets: { "0-30": Number(row.b0), "31-60": Number(row.b31), "61-90": Number(row.b61), "91-180": Number(row.b91), ">180": Number(row.b181) },
      }));
    },

    async monthlySales({ from, to, by }) {
      const group = by ? DIMENSION_SQL[by] : "'all'";
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT to_char(o.ordered_on, 'YYYY-MM') AS month, ${group} AS grp, SUM(o.total) AS total, COUNT(*) AS orders
         FROM orders o JOIN customers c ON c.id = o.customer_id AND c.tenant_id = o.tenant_id ${OWNER_JOIN}
         WHERE o.tenant_id = ${tenantId} AND o.status <> 'cancelled' AND o.ordered_on BETWEEN $1::date AND $2::date AND ${inWorkspaceCurrency} AND c.archived_at IS NULL
         GROUP BY 1, 2 ORDER BY 1, 2`,
        from,
        to,
      );
      return rows.map((row) => ({ month: String(row.month), group: String(row.grp), total: Number(row.total), orders: Number(row.orders) }));
    },

    async customersBy({ by }) {
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT ${DIMENSION_SQL[by]} AS grp, COUNT(*) AS customers, COALESCE(SUM(c.lifetime_sales), 0) AS sales
         FROM customers c ${OWNER_JOIN} WHERE c.tenant_id = ${tenantId} AND ${inWorkspaceCurrency} AND c.archived_at IS NULL
         GROUP BY 1 ORDER BY 3 DESC, 1`,
      );
      return rows.map((row) => ({ group: String(row.grp), customers: Number(row.customers), lifetimeSales: Number(row.sales) }));
    },

    async activity({ from, to, memberId }) {
      const memberFilter = memberId === undefined ? "" : `AND m.id = ${Number(memberId)}`;
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT m.id, m.display_name,
           COUNT(i.id) AS contacts,
           COUNT(i.id) FILTER (WHERE i.outcome = 'effective') AS effective,
           COUNT(i.id) FILTER (WHERE i.outcome = 'high-value') AS high_value,
           COUNT(i.id) FILTER (WHERE i.outcome = 'unsuccessful') AS unsuccessful,
           (SELECT COUNT(DISTINCT a.entity_id) FROM audit_events a JOIN customers lc ON lc.id::text = a.entity_id AND lc.tenant_id = a.tenant_id
              WHERE a.tenant_id = ${tenantId} AND a.entity = 'customer' AND a.at >= $1 AND a.at < $2
                AND a.after->>'status' = 'lost' AND COALESCE(a.before->>'status', '') <> 'lost' AND lc.owner_id = m.id) AS lost,
           (SELECT COUNT(*) FROM customers oc WHERE oc.tenant_id = ${tenantId} AND oc.owner_id = m.id AND oc.archived_at IS NULL) AS owned
         FROM members m
         LEFT JOIN interactions i ON i.logged_by_id = m.id AND i.tenant_id = m.tenant_id AND NOT i.undone AND i.occurred_at >= $1 AND i.occurred_at < $2
         WHERE m.tenant_id = ${tenantId} AND (m.active OR i.id IS NOT NULL) ${memberFilter}
         GROUP BY m.id, m.display_name ORDER BY COUNT(i.id) DESC, m.display_name`,
        from,
        to,
      );
      return rows.map((row) => ({
        memberId: Number(row.id),
        memberName: String(row.display_name),
        contacts: Number(row.contacts),
        effective: Number(row.effective),
        highValue: Number(row.high_value),
        unsuccessful: Number(row.unsuccessful),
        lostDeals: Number(row.lost),
        ownedCustomers: Number(row.owned),
      }));
    },
  };
}
