/**
 * Export headers in the reader's language. The data layer names columns by Rapport's import field
 * names (`credit_limit`); English keeps them, so a file goes back into any importer unchanged, and
 * zh-CN, zh-TW and ko get the words a person reads (信用额度, 信用額度, 여신 한도), which
 * `rapport import` also accepts (src/import/columns.ts).
 */
import type { ExportTable } from "../core/reports.js";
import { createTranslator, isMessageKey, type Locale } from "../core/i18n/index.js";

export function exportHeader(column: string, locale: Locale): string {
  const key = `export.column.${column}`;
  return isMessageKey(key) ? createTranslator(locale)(key) : column;
}

/** The same table with its headers in `locale`; rows are untouched. */
export function withHeadersIn(table: ExportTable, locale: Locale): ExportTable {
  return { columns: table.columns.map((column) => exportHeader(column, locale)), rows: table.rows };
}
