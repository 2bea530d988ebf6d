/**
 * The deal and quote exports. Columns carry the field names `rapport import deals|quotes` reads
 * (src/import/columns.ts), so a file taken out goes back in: one row per deal, and one row per
 * quote line with the quote's own fields repeated on each of its lines (as the quote import reads
 * them). Amounts are in major units of the row's currency, written next to them.
 */
import type { ExportCell, ExportFilters, ExportTable } from "../core/reports.js";

type Row = Record<string, unknown>;

/** What the report queries already own: keyset paging, SQL parameters and the amount formatting. */
export type ExportParts = {
  tenantId: number;
  /** SQL of a row's currency (c = customers). */
  currencySql: string;
  pages(build: (after: Row | null, sql: { add(value: unknown, cast: string): string }) => string): AsyncIterable<Row>;
  table(columns: string[], rows: AsyncIterable<Row>, cells: (row: Row) => ExportCell[]): ExportTable;
  /** Formats the row's minor units in its `row_currency`. */
  amountIn(row: Row): (value: unknown) => string | null;
  /** ` AND ...` clauses of the customer filters (grade, region, industry, source; archived customers left out). */
  customerFilters(sql: { add(value: unknown, cast: string): string }, filters: ExportFilters): string;
};

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : null);
/** Basis points as the percentage people write (1250 -> 12.5). */
const percent = (basisPoints: unknown) => Number(basisPoints) / 100;

export function dealQuoteExporters(parts: ExportParts): { deals: (filters: ExportFilters) => ExportTable; quotes: (filters: ExportFilters) => ExportTable } {
  const { tenantId, pages, table, amountIn } = parts;
  // Customer status and stage are not the deal's or quote's: status= and stage= filter the record itself.
  const customerOnly = (filters: ExportFilters): ExportFilters => ({ ...filters, status: undefined, stage: undefined, ownerId: undefined });

  return {
    deals: (filters) =>
      table(
        ["external_id", "id", "customer", "customer_external_id", "owner", "title", "amount", "currency", "stage", "probability", "close_on", "status", "lost_reason", "created_at", "closed_on"],
        pages((after, sql) => {
          const where: string[] = [];
          // A deal without an owner of its own is its customer's owner's, as on the deal card.
          if (filters.ownerId !== undefined) where.push(`COALESCE(d.owner_id, c.owner_id) = ${sql.add(filters.ownerId, "int")}`);
          if (filters.status) where.push(`d.status = lower(${sql.add(filters.status, "text")})`);
          if (filters.stage) {
            const stage = sql.add(filters.stage, "text");
            where.push(`(lower(d.stage) = lower(${stage}) OR d.stage IN (SELECT s.key FROM deal_stages s WHERE s.tenant_id = ${tenantId} AND lower(s.name) = lower(${stage})))`);
          }
          if (filters.from) where.push(`d.created_at >= ${sql.add(filters.from, "date")}`);
          if (filters.to) where.push(`d.created_at < ${sql.add(filters.to, "date")} + 1`);
          if (after) where.push(`d.id > ${sql.add(after.id, "int")}`);
          return `SELECT d.*, COALESCE(d.currency, ${parts.currencySql}) AS row_currency, c.name AS customer_name, c.external_id AS customer_external_id, m.display_name AS owner_name
            FROM deals d JOIN customers c ON c.id = d.customer_id AND c.tenant_id = d.tenant_id
            LEFT JOIN members m ON m.id = d.owner_id AND m.tenant_id = d.tenant_id
            WHERE d.tenant_id = ${tenantId}${parts.customerFilters(sql, customerOnly(filters))}${where.map((clause) => ` AND ${clause}`).join("")}
            ORDER BY d.id`;
        }),
        (d, amount = amountIn(d)) => [
          (d.external_id as string | null) ?? `rapport:${d.id}`,
          d.id as number,
          d.customer_name as string,
          d.customer_external_id as string | null,
          d.owner_name as string | null,
          d.title as string,
          amount(d.amount),
          d.row_currency as string,
          d.stage as string,
          d.probability as number | null,
          day(d.close_on),
          d.status as string,
          d.lost_reason as string | null,
          (d.created_at as Date).toISOString(),
          day(d.closed_on),
        ],
      ),
    quotes: (filters) =>
      table(
        ["quote_number", "external_id", "customer", "customer_external_id", "owner", "status", "issued_on", "valid_until", "currency", "sku", "description", "quantity", "unit_price", "discount", "line_amount", "subtotal", "tax_rate", "tax", "quote_total", "terms"],
        pages((after, sql) => {
          const where: string[] = [];
          if (filters.ownerId !== undefined) where.push(`c.owner_id = ${sql.add(filters.ownerId, "int")}`);
          if (filters.status) where.push(`q.status = lower(${sql.add(filters.status, "text")})`);
          if (filters.from) where.push(`q.issued_on >= ${sql.add(filters.from, "date")}`);
          if (filters.to) where.push(`q.issued_on <= ${sql.add(filters.to, "date")}`);
          if (after) where.push(`(q.id, l.position, l.id) > (${sql.add(after.quote_id, "int")}, ${sql.add(after.position, "int")}, ${sql.add(after.line_id, "int")})`);
          return `SELECT q.id AS quote_id, q.number, q.external_id, q.status, q.issued_on, q.valid_until, q.subtotal, q.tax_rate_bp, q.tax, q.total, q.payment_terms,
              COALESCE(q.currency, ${parts.currencySql}) AS row_currency, c.name AS customer_name, c.external_id AS customer_external_id, m.display_name AS owner_name,
              l.id AS line_id, l.position, l.sku, l.description, l.quantity, l.unit_price, l.discount_bp,
              ROUND(l.quantity * l.unit_price * (10000 - l.discount_bp) / 10000.0)::bigint AS line_amount
            FROM quotes q JOIN customers c ON c.id = q.customer_id AND c.tenant_id = q.tenant_id
            JOIN quote_lines l ON l.quote_id = q.id
            LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id
            WHERE q.tenant_id = ${tenantId}${parts.customerFilters(sql, customerOnly(filters))}${where.map((clause) => ` AND ${clause}`).join("")}
            ORDER BY q.id, l.position, l.id`;
        }),
        (q, amount = amountIn(q)) => [
          q.number as string,
          q.external_id as string | null,
          q.customer_name as string,
          q.customer_external_id as string | null,
          q.owner_name as string | null,
          q.status as string,
          day(q.issued_on),
          day(q.valid_until),
          q.row_currency as string,
          q.sku as string,
          q.description as string | null,
          q.quantity as number,
          amount(q.unit_price),
          percent(q.discount_bp),
          amount(q.line_amount),
          amount(q.subtotal),
          percent(q.tax_rate_bp),
          amount(q.tax),
          amount(q.total),
          q.payment_terms as string | null,
        ],
      ),
  };
}
