/**
 * `rapport import`: streams a CSV or XLSX file, validates every row, and writes valid rows in
 * batches inside ONE transaction. Default all-or-nothing: after the first bad row nothing more
 * is written, the remaining rows are still checked so that every problem is reported, and the
 * transaction is rolled back. With `skipInvalid` bad rows are reported and the rest committed.
 * `dryRun` does all the work, including the database-side checks, and rolls back.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { DbClient } from "../data/client-types.js";
import { planColumns, type ImportKind } from "./columns.js";
import { openRows, type Encoding } from "./read-rows.js";
import { RowError, validateRow, type RowOf } from "./validate-row.js";
import {
  createCustomerResolver,
  loadMemberLookup,
  writeContacts,
  writeCustomers,
  writeInvoices,
  writeOrders,
  writePayments,
  type Lined,
  type WriteCounts,
} from "./bulk-writers.js";

export type ImportOptions = {
  dryRun?: boolean;
  skipInvalid?: boolean;
  /** File column -> field, overriding header matching. */
  map?: Record<string, string>;
  encoding?: Encoding;
  batchSize?: number;
  /** Called for every bad row as it is found (the result keeps only the first `maxIssues`). */
  onIssue?: (issue: ImportIssue) => void;
  onProgress?: (progress: { rows: number; bytes: number; size: number }) => void;
  maxIssues?: number;
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

class Rollback extends Error {}

const REQUIRED: Record<ImportKind, string[][]> = {
  customers: [["name"]],
  contacts: [["customer"], ["name", "firstName", "lastName"]],
  orders: [["number"], ["customer"], ["orderedOn"], ["total"]],
  invoices: [["number"], ["customer"], ["issuedOn"], ["amount"]],
  payments: [["customer"], ["amount"], ["receivedOn"]],
};

export async function importFile(input: {
  prisma: PrismaClient;
  tenantId: number;
  kind: ImportKind;
  path: string;
  options?: ImportOptions;
}): Promise<ImportResult> {
  const { prisma, tenantId, kind, path } = input;
  const options = input.options ?? {};
  const started = performance.now();
  const batchSize = options.batchSize ?? 2000;
  const maxIssues = options.maxIssues ?? 1000;
  const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const source = await openRows(path, { encoding: options.encoding });
  const plan = planColumns(kind, source.headers, options.map);
  const missing = REQUIRED[kind].filter((anyOf) => !anyOf.some((field) => plan.fieldColumns.has(field)));
  if (missing.length) {
    throw new Error(
      `The file has no column for ${missing.map((anyOf) => anyOf.join(" or ")).join(", ")}. Its headers are: ${source.headers.join(", ")}. ` +
        `Use --map "Your header=${missing[0]![0]}".`,
    );
  }
  const fields = new Set(plan.fieldColumns.keys());
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

  const run = async (db: DbClient) => {
    const ownerOf = await loadMemberLookup(db, tenantId);
    const resolve = createCustomerResolver(db, tenantId);
    const lateIssue = ({ line, reason }: { line: number; reason: string }) => report({ line, reason, severity: "error" });
    const context = { fields, ownerOf, resolve, onIssue: lateIssue, onWarning: (line: number, reason: string) => report({ line, reason, severity: "warning" }) };
    const flush = async (batch: Lined<RowOf[ImportKind]>[]) => {
      if (batch.length === 0) return;
      switch (kind) {
        case "customers":
          return add(await writeCustomers(db, tenantId, batch as Lined<RowOf["customers"]>[], context));
        case "contacts":
          return add(await writeContacts(db, tenantId, batch as Lined<RowOf["contacts"]>[], context));
        case "orders":
          return add(await writeOrders(db, tenantId, batch as Lined<RowOf["orders"]>[], context));
        case "invoices":
          return add(await writeInvoices(db, tenantId, batch as Lined<RowOf["invoices"]>[], context));
        case "payments":
          return add(await writePayments(db, tenantId, batch as Lined<RowOf["payments"]>[], context));
      }
    };
    // One batch is written while the next is read and validated: the database and the
    // JavaScript work (parsing, search keys) overlap. At most one write is in flight.
    let inFlight: Promise<void> | null = null;
    const submit = async (rows: Lined<RowOf[ImportKind]>[]) => {
      if (inFlight) await inFlight;
      inFlight = flush(rows);
      inFlight.catch(() => undefined); // awaited before the next write or at the end
    };
    const columnOf = plan.fieldColumns;
    let batch: Lined<RowOf[ImportKind]>[] = [];
    let cells: string[] = [];
    const read = (field: string) => {
      const index = columnOf.get(field);
      return index === undefined ? "" : (cells[index] ?? "");
    };
    for await (const raw of source.rows) {
      result.rows++;
      cells = raw.cells;
      try {
        batch.push({ line: raw.line, row: validateRow(kind, read, tenant.currency) });
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        report({ line: raw.line, reason: error.message, severity: "error" });
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
    if (inFlight) await inFlight;
    if (options.skipInvalid || result.invalid === 0) await flush(batch);
    options.onProgress?.({ rows: result.rows, bytes: source.size, size: source.size });
    if (options.dryRun || (!options.skipInvalid && result.invalid > 0)) throw new Rollback();
  };

  try {
    await prisma.$transaction((tx) => run(tx), { timeout: 6 * 60 * 60 * 1000, maxWait: 60_000 });
    result.committed = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!result.committed && !result.dryRun) {
    // Nothing was written: report what would have been, not what was.
    result.inserted = result.updated = result.unchanged = 0;
  }
  result.elapsedMs = Math.round(performance.now() - started);
  result.rowsPerSecond = result.elapsedMs > 0 ? Math.round((result.rows / result.elapsedMs) * 1000) : result.rows;
  return result;
}

/** One line for stdout: "Imported 1,000 customers: 990 new, 10 updated, 0 unchanged, 2 invalid (1.2 s, 830 rows/s)." */
export function summarize(result: ImportResult): string {
  const n = (value: number) => value.toLocaleString("en-US");
  const verb = result.committed ? "Imported" : result.dryRun ? "Dry run: would import" : "Nothing imported from";
  const counts = `${n(result.inserted)} new, ${n(result.updated)} updated, ${n(result.unchanged)} unchanged, ${n(result.invalid)} invalid`;
  const detail = result.committed || result.dryRun ? counts : `${n(result.invalid)} invalid row${result.invalid === 1 ? "" : "s"}; fix them or use --skip-invalid`;
  return `${verb} ${n(result.rows)} ${result.kind} rows: ${detail}${result.warnings ? `, ${n(result.warnings)} warnings` : ""} (${(result.elapsedMs / 1000).toFixed(1)} s, ${n(result.rowsPerSecond)} rows/s).`;
}
