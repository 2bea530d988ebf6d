/**
 * Copies every Rapport table from one database to another (PGlite <-> PostgreSQL) and proves the
 * copy: per table a row count and a checksum computed the same way on both sides.
 *
 * Rows travel as PostgreSQL's own JSON text (`row_to_json`), read in primary-key order in batches
 * (keyset pagination, so memory stays flat at any size) and written back with
 * `json_populate_recordset`, which parses every value with the column's own type: bigint money,
 * jsonb, arrays and timestamps arrive exactly, with no JavaScript number or Date in between.
 * The checksum is a SHA-256 over those JSON texts in primary-key order, hashed here batch by batch
 * rather than `md5(string_agg(...))` in SQL, which would build a whole table as one string inside
 * the database (in PGlite's case, Wasm memory that is never given back).
 */
import { createHash } from "node:crypto";
import type { SqlRunner } from "./sql-runner.js";
import type { Database } from "./database.js";

/** Prisma's bookkeeping: each side records the migrations it applied itself. */
export const MIGRATIONS_TABLE = "_prisma_migrations";
export const DEFAULT_BATCH_ROWS = 1000;
/**
 * Tables kept by triggers from the rows they derive from (deal_month_totals from deals; the
 * receivable summaries from invoices; search_words from customers). Never copied or backed up: the
 * target's own triggers rebuild them as the source rows arrive.
 */
export const DERIVED_TABLES = ["deal_month_totals", "receivable_due_totals", "customer_receivables", "receivable_changes", "receivable_change_marks", "search_words"];

export type SequenceState = { column: string; lastValue: string; isCalled: boolean };

export type TableInfo = {
  name: string;
  /** Every column, sorted by name: the JSON text (and so the checksum) does not depend on column order. */
  columns: string[];
  /** Columns a copy writes: generated columns are computed by the target itself. */
  writable: string[];
  primaryKey: string[];
};

export type TableSummary = { table: string; rows: number; checksum: string };

export type CopyReport = {
  tables: { table: string; rows: number; sourceChecksum: string; targetRows: number; targetChecksum: string }[];
  ms: number;
};

export class CopyRefusedError extends Error {
  readonly code = "copy_refused";
}

export class CopyVerificationError extends Error {
  readonly code = "copy_verification_failed";
}

/** Same text on both sides: timestamps in UTC, floats in their shortest exact form. */
export async function useCanonicalText(sql: SqlRunner): Promise<void> {
  await sql.query("SET LOCAL TimeZone = 'UTC'");
  await sql.query("SET LOCAL extra_float_digits = 1");
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The tables of the current schema, parents before children (foreign keys); `skip` names tables left out. */
export async function listTables(sql: SqlRunner, skip: readonly string[] = []): Promise<TableInfo[]> {
  const tables = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ALL($1::text[]) ORDER BY c.relname`,
    [[MIGRATIONS_TABLE, ...DERIVED_TABLES, ...skip]],
  );
  const columns = await sql.query<{ table: string; column: string; generated: string }>(
    `SELECT c.relname AS table, a.attname AS column, a.attgenerated::text AS generated
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const keys = await sql.query<{ table: string; column: string; position: number }>(
    `SELECT c.relname AS table, a.attname AS column, k.ord::int AS position
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
     WHERE n.nspname = current_schema() AND con.contype = 'p'`,
  );
  const references = await sql.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint con JOIN pg_class child ON child.oid = con.conrelid JOIN pg_class parent ON parent.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE n.nspname = current_schema() AND con.contype = 'f'`,
  );
  const infos = new Map<string, TableInfo>();
  for (const { name } of tables) {
    const own = columns.filter((column) => column.table === name);
    const primaryKey = keys
      .filter((key) => key.table === name)
      .sort((a, b) => a.position - b.position)
      .map((key) => key.column);
    // Keyset pagination and a stable checksum order both need a key.
    if (primaryKey.length === 0) throw new CopyRefusedError(`Table ${name} has no primary key; it cannot be copied in a stable order.`);
    infos.set(name, {
      name,
      columns: own.map((column) => column.column).sort(),
      writable: own
        .filter((column) => column.generated === "")
        .map((column) => column.column)
        .sort(),
      primaryKey,
    });
  }
  return foreignKeyOrder([...infos.values()], references);
}

/**
 * Parents first, so every foreign key already has its row when a child arrives. A table that
 * references itself is copied in primary-key order (autoincrement ids put parents first); a cycle
 * between tables has no such order and is refused.
 */
export function foreignKeyOrder<T extends { name: string }>(tables: T[], references: { child: string; parent: string }[]): T[] {
  const parentsOf = new Map(tables.map((table) => [table.name, new Set<string>()]));
  for (const { child, parent } of references) if (child !== parent && parentsOf.has(parent)) parentsOf.get(child)?.add(parent);
  const ordered: T[] = [];
  const placed = new Set<string>();
  const remaining = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (remaining.length > 0) {
    const index = remaining.findIndex((table) => [...parentsOf.get(table.name)!].every((parent) => placed.has(parent)));
    if (index < 0) throw new CopyRefusedError(`Tables ${remaining.map((table) => table.name).join(", ")} reference each other in a cycle.`);
    const [next] = remaining.splice(index, 1) as [T];
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

/** A table's rows as JSON texts, `batchRows` at a time, in primary-key order. */
export async function* readRows(sql: SqlRunner, table: TableInfo, batchRows = DEFAULT_BATCH_ROWS): AsyncGenerator<string[]> {
  const select = table.columns.map(quoteIdent).join(", ");
  const key = table.primaryKey.map(quoteIdent).join(", ");
  const keyRow = table.primaryKey.length === 1 ? key : `(${key})`;
  const keyParams = table.primaryKey.length === 1 ? "$1" : `(${table.primaryKey.map((_, index) => `$${index + 1}`).join(", ")})`;
  const limit = `$${table.primaryKey.length + 1}`;
  let after: unknown[] | null = null;
  for (;;) {
    const where = after ? `WHERE ${keyRow} > ${keyParams}` : "";
    const params: unknown[] = after ? [...after, batchRows] : [batchRows];
    const query = `SELECT row_to_json(r)::text AS row FROM (SELECT ${select} FROM ${quoteIdent(table.name)} ${where} ORDER BY ${key} LIMIT ${after ? limit : "$1"}) r`;
    const rows = (await sql.query<{ row: string }>(query, params)).map((row) => row.row);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchRows) return;
    // Only the last row is parsed: its key is where the next batch starts.
    const last = JSON.parse(rows[rows.length - 1]!) as Record<string, unknown>;
    after = table.primaryKey.map((column) => last[column]);
  }
}

/** Writes JSON rows (as `readRows` yields them) into `table`. */
export async function writeRows(sql: SqlRunner, table: TableInfo, rows: string[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = table.writable.map(quoteIdent).join(", ");
  // OVERRIDING SYSTEM VALUE keeps the source's ids even for GENERATED ALWAYS identity columns.
  await sql.query(
    `INSERT INTO ${quoteIdent(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
     SELECT ${columns} FROM json_populate_recordset(NULL::${quoteIdent(table.name)}, $1::json)`,
    [`[${rows.join(",")}]`],
  );
}

/** A running count and checksum over rows in primary-key order. */
export function tableHasher(table: string): { add(rows: string[]): void; summary(): TableSummary } {
  const hash = createHash("sha256");
  let count = 0;
  return {
    add(rows) {
      for (const row of rows) hash.update(row).update("\n");
      count += rows.length;
    },
    summary: () => ({ table, rows: count, checksum: hash.copy().digest("hex") }),
  };
}

export async function summarizeTable(sql: SqlRunner, table: TableInfo, batchRows = DEFAULT_BATCH_ROWS): Promise<TableSummary> {
  const hasher = tableHasher(table.name);
  for await (const rows of readRows(sql, table, batchRows)) hasher.add(rows);
  return hasher.summary();
}

/** Sequences owned by the table's columns (serial and identity), with where each stands. */
export async function readSequences(sql: SqlRunner, table: TableInfo): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const column of table.columns) {
    const [owned] = await sql.query<{ sequence: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS sequence`, [quoteIdent(table.name), column]);
    if (!owned?.sequence) continue;
    const [state] = await sql.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM ${owned.sequence}`);
    states.push({ column, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return states;
}

/**
 * Sets each sequence where the source's stood, and never below the highest id copied, so new rows
 * get new ids and an id once used and deleted is not handed out again.
 */
export async function restoreSequences(sql: SqlRunner, table: TableInfo, states: SequenceState[]): Promise<void> {
  for (const state of states) {
    const [owned] = await sql.query<{ sequence: string | null }>(`SELECT pg_get_serial_sequence($1, $2) AS sequence`, [quoteIdent(table.name), state.column]);
    if (!owned?.sequence) continue;
    const column = quoteIdent(state.column);
    await sql.query(
      `SELECT CASE
         WHEN m.top IS NOT NULL AND m.top >= $2::bigint THEN setval($1::regclass, m.top, true)
         ELSE setval($1::regclass, $2::bigint, $3::boolean) END
       FROM (SELECT max(${column})::bigint AS top FROM ${quoteIdent(table.name)}) m`,
      [owned.sequence, state.lastValue, state.isCalled],
    );
  }
}

export async function appliedMigrations(sql: SqlRunner): Promise<string[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT migration_name AS name FROM ${quoteIdent(MIGRATIONS_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((row) => row.name);
}

/** Tables that already hold rows (a copy target must have none). */
export async function nonEmptyTables(sql: SqlRunner, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const rows = await sql.query(`SELECT 1 FROM ${quoteIdent(table.name)} LIMIT 1`);
    if (rows.length > 0) filled.push(table.name);
  }
  return filled;
}

/**
 * Copies everything from `source` into the empty, migrated `target`, then verifies it.
 * The source is read in one REPEATABLE READ transaction (one consistent snapshot); the target is
 * written in one transaction, so a copy that fails part-way leaves it empty and can simply be run
 * again: a half-copied target would otherwise be refused as "not empty" and need cleaning by hand.
 * PostgreSQL holds a large transaction without trouble (no one else uses the new database yet).
 */
export async function copyDatabase(options: {
  source: Pick<Database, "transaction">;
  target: Pick<Database, "transaction">;
  batchRows?: number;
  /** Tables of the source that are not copied (a table someone added by hand, named on purpose). */
  skipTables?: readonly string[];
  onTable?: (summary: TableSummary) => void;
}): Promise<CopyReport> {
  const started = performance.now();
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const copied = await options.source.transaction(async (from) => {
    await from.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    await useCanonicalText(from);
    const tables = await listTables(from, options.skipTables);
    const sourceMigrations = await appliedMigrations(from);
    return options.target.transaction(async (to) => {
      await useCanonicalText(to);
      await checkCompatible(to, tables, sourceMigrations);
      const filled = await nonEmptyTables(to, tables);
      if (filled.length > 0) {
        throw new CopyRefusedError(`The target database already holds Rapport data (${filled.join(", ")}). Copy into a new, empty database.`);
      }
      const summaries: TableSummary[] = [];
      for (const table of tables) {
        const hasher = tableHasher(table.name);
        for await (const rows of readRows(from, table, batchRows)) {
          hasher.add(rows);
          await writeRows(to, table, rows);
        }
        await restoreSequences(to, table, await readSequences(from, table));
        const summary = hasher.summary();
        summaries.push(summary);
        options.onTable?.(summary);
      }
      return { tables, summaries };
    });
  });
  // Read back after the commit: what a new process will see.
  const verified = await options.target.transaction(async (to) => {
    await useCanonicalText(to);
    const summaries: TableSummary[] = [];
    for (const table of copied.tables) summaries.push(await summarizeTable(to, table, batchRows));
    return summaries;
  });
  const report: CopyReport = {
    tables: copied.summaries.map((source, index) => ({
      table: source.table,
      rows: source.rows,
      sourceChecksum: source.checksum,
      targetRows: verified[index]!.rows,
      targetChecksum: verified[index]!.checksum,
    })),
    ms: Math.round(performance.now() - started),
  };
  const differing = report.tables.filter((table) => table.rows !== table.targetRows || table.sourceChecksum !== table.targetChecksum);
  if (differing.length > 0) throw new CopyVerificationError(`The copy differs from the source in ${differing.map((table) => table.table).join(", ")}.`);
  return report;
}

/** Both sides must have the same schema: the same migrations applied and the same tables and columns. */
async function checkCompatible(to: SqlRunner, tables: TableInfo[], sourceMigrations: string[]): Promise<void> {
  const targetMigrations = await appliedMigrations(to);
  if (targetMigrations.join() !== sourceMigrations.join()) {
    const missing = sourceMigrations.filter((name) => !targetMigrations.includes(name));
    const extra = targetMigrations.filter((name) => !sourceMigrations.includes(name));
    throw new CopyRefusedError(
      `The two databases are at different migrations (only in the source: ${missing.join(", ") || "none"}; only in the target: ${extra.join(", ") || "none"}). Run \`rapport migrate\` against both with the same Rapport version.`,
    );
  }
  const targetTables = new Map((await listTables(to)).map((table) => [table.name, table]));
  for (const table of tables) {
    const other = targetTables.get(table.name);
    if (!other) throw new CopyRefusedError(`Table ${table.name} is not part of Rapport's schema (the target has no such table). Copy it yourself, then run again with --skip-table ${table.name}.`);
    if (other.columns.join() !== table.columns.join()) throw new CopyRefusedError(`Table ${table.name} differs between the two databases.`);
  }
}
