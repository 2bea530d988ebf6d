/**
 * `rapport import`: streams a CSV or XLSX file, validates every row, and writes valid rows in
 * batches inside ONE transaction. Default all-or-nothing: after the first bad row nothing more
 * is written, the remaining rows are still checked so that every problem is reported, and the
 * transaction is rolled back. With `skipInvalid` bad rows are reported and the rest committed.
 * `dryRun` does all the work, including the database-side checks, and rolls back.
 */
import type { ImportBatches, ImportKind, ImportSink, LateIssue, Lined, RowOf, WriteCounts } from "../core/import-sink.js";
import { planColumns } from "./columns.js";
import { openRows, type Encoding } from "./read-rows.js";
import { RowError, validateRow } from "./validate-row.js";
import { ImportProblem } from "./row-error.js";
import { DateOrderConflict, DateReader, type DateOrder } from "./import-dates.js";
import { createTranslator, type Locale, type Translate } from "../core/i18n/index.js";

export type ImportOptions = {
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** File column -> field, overriding header matching. */
  map?: Record<string, string>;
  encoding?: Encoding;
  /** How slash dates like 04/05/2026 are read (default: decided by the file, see import-dates.ts). */
  dateOrder?: DateOrder;
  batchSize?: number;
  /** Called for every bad row as it is found (the result keeps only the first `maxIssues`). */
  onIssue?: (issue: ImportIssue) => void;
  /** Every 1,000 rows and at the end; throwing from it stops the import (rolled back, rethrown). */
  onProgress?: (progress: { rows: number; bytes: number; size: number }) => void;
  /** Every row is written; the commit and the search-index merge follow (seconds at 1M rows). */
  onFinishing?: () => void;
  maxIssues?: number;
  /** The language of the issues' reasons (default English). */
  locale?: Locale;
};

export type ImportIssue = { line: number; reason: string; severity: "error" | "warning" };

export type ImportResult = {
  kind: ImportKind;
  encoding: string;
  /** Field -> the file header it was read from. */
  columns: Record<string, string>;
  ignoredColumns: string[];
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  warnings: number;
  issues: ImportIssue[];
  committed: boolean;
  dryRun: boolean;
  elapsedMs: number;
  rowsPerSecond: number;
};

class Rollback extends Error {
  readonly code = "rollback";
}

const REQUIRED: Record<ImportKind, string[][]> = {
  customers: [["name"]],
  contacts: [["customer"], ["name", "firstName", "lastName"]],
  // A file of order lines (sku, unit price) may leave the total out: it is the sum of the lines.
  orders: [["number"], ["customer"], ["orderedOn"], ["total", "unitPrice"]],
  invoices: [["number"], ["customer"], ["issuedOn"], ["amount"]],
  payments: [["customer"], ["amount"], ["receivedOn"]],
  quotes: [["number"], ["customer"], ["issuedOn"], ["sku"], ["unitPrice"]],
  deals: [["customer"], ["title"]],
};

export async function importFile(input: {
  sink: ImportSink;
  tenantId: number;
  kind: ImportKind;
  path: string;
  options?: ImportOptions;
}): Promise<ImportResult> {
  const { sink, tenantId, kind, path } = input;
  const options = input.options ?? {};
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const maxIssues = options.maxIssues ?? 1000;
  const t = createTranslator(options.locale ?? "en");
  const currency = await sink.tenantCurrency(tenantId);
  const source = await openRows(path, { encoding: options.encoding });
  const plan = planColumns(kind, source.headers, options.map);
  const missing = REQUIRED[kind].filter((anyOf) => !anyOf.some((field) => plan.fieldColumns.has(field)));
  if (missing.length) {
    throw new ImportProblem("import.file.noColumn", (t) => ({
      missing: missing.map((anyOf) => anyOf.join(t("import.file.or"))).join(", "),
      headers: source.headers.join(", "),
      field: missing[0]![0],
    }));
  }
  const fields = new Set(plan.fieldColumns.keys());
  if (kind === "orders" && (fields.has("sku") || fields.has("unitPrice")) && !fields.has("total") && !(fields.has("sku") && fields.has("unitPrice"))) {
    throw new ImportProblem("import.file.orderLines", { headers: source.headers.join(", ") });
  }
  const result: ImportResult = {
    kind,
    encoding: source.encoding,
    columns: Object.fromEntries([...plan.fieldColumns].map(([field, index]) => [field, source.headers[index]!])),
    ignoredColumns: plan.ignored,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    warnings: 0,
    issues: [],
    committed: false,
    dryRun: Boolean(options.dryRun),
    elapsedMs: 0,
    rowsPerSecond: 0,
  };
  const report = (issue: ImportIssue) => {
    if (issue.severity === "error") result.invalid++;
    else result.warnings++;
    if (result.issues.length < maxIssues) result.issues.push(issue);
    options.onIssue?.(issue);
  };
  const add = (counts: WriteCounts) => {
    result.inserted += counts.inserted;
    result.updated += counts.updated;
    result.unchanged += counts.unchanged;
  };

  const lateIssue = ({ line, reason, problem }: LateIssue) => report({ line, reason: problem ? t(problem.key, problem.values) : reason, severity: "error" });
  const onWarning = (line: number, reason: string) => report({ line, reason, severity: "warning" });

  const run = async (batches: ImportBatches<ImportKind>) => {
    // At most one write is in flight: the next batch is read, validated and prepared meanwhile.
    let inFlight: Promise<void> | null = null;
    const submit = async (rows: Lined<RowOf[ImportKind]>[]) => {
      if (rows.length === 0) return;
      const write = batches.prepare(rows);
      if (inFlight) await inFlight;
      inFlight = write().then(add);
      inFlight.catch(() => undefined); // awaited before the next write or at the end
    };
    const settled = async () => {
      if (inFlight) await inFlight.catch(() => undefined);
    };
    const columnOf = plan.fieldColumns;
    let batch: Lined<RowOf[ImportKind]>[] = [];
    let cells: string[] = [];
    const read = (field: string) => {
      const index = columnOf.get(field);
      return index === undefined ? "" : (cells[index] ?? "");
    };
    const dates = new DateReader(options.dateOrder);
    const rowOptions = { hasLines: fields.has("sku") };
    for await (const raw of source.rows) {
      result.rows++;
      cells = raw.cells;
      dates.line = raw.line;
      try {
        batch.push({ line: raw.line, row: validateRow(kind, read, currency, dates, rowOptions) });
      } catch (error) {
        if (error instanceof DateOrderConflict) {
          // Rows already written read that date wrongly: stop and roll back, even with --skip-invalid.
          report({ line: error.line, reason: error.describe(t), severity: "error" });
          await settled();
          throw new Rollback();
        }
        if (!(error instanceof RowError)) throw error;
        report({ line: raw.line, reason: error.describe(t), severity: "error" });
      }
      // All-or-nothing: once a row is bad nothing more is written, but every row is still checked.
      const writing = options.skipInvalid || result.invalid === 0;
      if (!writing) batch = [];
      if (batch.length >= batchSize) {
        await submit(batch);
        batch = [];
      }
      if (result.rows % 1000 === 0) options.onProgress?.({ rows: result.rows, bytes: source.bytesRead(), size: source.size });
    }
    if (options.skipInvalid || result.invalid === 0) await submit(batch);
    if (inFlight) await inFlight;
    const assumed = dates.assumption();
    if (assumed) {
      report({
        line: assumed.line,
        reason: t("import.date.assumed", { value: assumed.raw }),
        severity: "warning",
      });
    }
    options.onProgress?.({ rows: result.rows, bytes: source.size, size: source.size });
    if (options.dryRun || (!options.skipInvalid && result.invalid > 0)) throw new Rollback();
    options.onFinishing?.();
  };

  try {
    await sink.write({ tenantId, kind, fields, onIssue: lateIssue, onWarning }, run);
    result.committed = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (result.committed && (kind === "customers" || kind === "contacts")) await sink.refreshSearch();
  if (!result.committed && !result.dryRun) {
    // Nothing was written: report what would have been, not what was.
    result.inserted = result.updated = result.unchanged = 0;
  }
  result.elapsedMs = Math.round(performance.now() - started);
  result.rowsPerSecond = result.elapsedMs > 0 ? Math.round((result.rows / result.elapsedMs) * 1000) : result.rows;
  return result;
}

/** One line for stdout: "Imported 1,000 customers rows: 990 new, 10 updated, 0 unchanged, 2 invalid (1.2 s, 830 rows/s)." */
export function summarize(result: ImportResult, t: Translate = createTranslator("en")): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const values = {
    rows: n(result.rows),
    kind: t("import.kind", { kind: result.kind }),
    inserted: n(result.inserted),
    updated: n(result.updated),
    unchanged: n(result.unchanged),
    invalid: n(result.invalid),
    count: result.invalid,
    warnings: result.warnings ? t("import.summary.warnings", { count: n(result.warnings) }) : "",
    seconds: (result.elapsedMs / 1000).toFixed(1),
    rate: n(result.rowsPerSecond),
  };
  return t(result.committed ? "import.summary.committed" : result.dryRun ? "import.summary.dryRun" : "import.summary.nothing", values);
}
