/**
 * `rapport import quotes`: one row per quote line, rows with the same number one quote (its
 * customer, dates, status, tax and terms read from its first row in the file). A quote met for the
 * first time in an import has its lines replaced by the file's; its subtotal, tax and total are
 * computed from its lines as `quote new` does (line = qty × price × (1 − discount), tax rounded).
 */
import type { Lined, QuoteImportRow, WriteCounts } from "../core/import-sink.js";
import { minorOf, withCustomerAmounts, type AmountContext } from "./import-writers.js";
import type { SqlRunner } from "./sql-runner.js";

/** Per import: the quotes whose old lines this import already replaced (later rows add to them). */
const replacedIn = new WeakMap<object, Set<string>>();

export async function writeQuotes(db: SqlRunner, tenantId: number, batch: Lined<QuoteImportRow>[], context: AmountContext): Promise<WriteCounts> {
  let replaced = replacedIn.get(context);
  if (!replaced) replacedIn.set(context, (replaced = new Set()));
  const rows = await withCustomerAmounts(batch, context, (row, currency) => ({ unitPrice: minorOf("unitPrice", row.unitPrice, currency), currency }));
  const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const touched = new Map<string, number>();
  for (const item of rows) {
    const { row } = item;
    let quoteId = touched.get(row.number);
    if (quoteId === undefined) {
      const [written] = await db.query<{ id: number; inserted: boolean }>(
        `INSERT INTO quotes (tenant_id, number, external_id, customer_id, status, issued_on, valid_until, tax_rate_bp, payment_terms, currency, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6::date, $7::date, $8, $9, $10, now())
         ON CONFLICT (tenant_id, number) DO UPDATE SET external_id = COALESCE(EXCLUDED.external_id, quotes.external_id), customer_id = EXCLUDED.customer_id,
           status = EXCLUDED.status, issued_on = EXCLUDED.issued_on, valid_until = EXCLUDED.valid_until, tax_rate_bp = EXCLUDED.tax_rate_bp,
           payment_terms = EXCLUDED.payment_terms, currency = EXCLUDED.currency, updated_at = now()
         RETURNING id, (xmax = 0) AS inserted`,
        [tenantId, row.number, row.externalId, item.customerId, row.status, row.issuedOn, row.validUntil, row.taxRateBp, row.terms, item.minor.currency],
      );
      quoteId = Number(written!.id);
      touched.set(row.number, quoteId);
      if (written!.inserted) counts.inserted++;
      else counts.updated++;
      if (!replaced.has(row.number)) {
        replaced.add(row.number);
        await db.query(`DELETE FROM quote_lines WHERE quote_id = $1`, [quoteId]);
      }
    }
    await db.query(
      `INSERT INTO quote_lines (quote_id, sku, description, quantity, unit_price, discount_bp, position)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT COUNT(*) FROM quote_lines WHERE quote_id = $1))`,
      [quoteId, row.sku, row.description, row.quantity, String(item.minor.unitPrice), row.discountBp],
    );
  }
  if (touched.size) {
    await db.query(
      `UPDATE quotes q SET subtotal = s.subtotal, tax = ROUND(s.subtotal * q.tax_rate_bp / 10000.0), total = s.subtotal + ROUND(s.subtotal * q.tax_rate_bp / 10000.0)
       FROM (SELECT quote_id, SUM(ROUND(quantity * unit_price * (10000 - discount_bp) / 10000.0)) AS subtotal FROM quote_lines WHERE quote_id = ANY($1::int[]) GROUP BY quote_id) s
       WHERE q.id = s.quote_id AND q.tenant_id = $2`,
      [[...touched.values()], tenantId],
    );
  }
  return counts;
}
