/**
 * Backups of the embedded database as a logical dump, and restoring one into a data directory.
 *
 * A logical dump (every table's rows as PostgreSQL JSON text, gzip, one row per line) rather than
 * PGlite's `dumpDataDir()` tarball: it is written row batch by row batch, so memory stays flat at
 * any size (the tarball is built whole in memory, then written), it is read in one transaction, so
 * it is one consistent moment, and it does not depend on PGlite's PostgreSQL version or file
 * layout. It carries per-table row counts and checksums (src/data/copy-database.ts) that a restore
 * checks row for row before it touches the live directory.
 *
 * File layout (gzip of newline-separated JSON):
 *   {"format":"rapport-backup","version":1,"createdAt":…,"migrations":[…],"tables":[…]}
 *   per table: {"table":…,"columns":[…],"rows":N,"sequences":[…]} then N row lines
 *   {"end":true,"tables":[{"table":…,"rows":N,"checksum":…},…]}
 */
import { once } from "node:events";
import { closeSync, cpSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { openDatabase, type Database } from "./database.js";
import type { SqlRunner } from "./sql-runner.js";
import { LOCK_FILE, lockDataDir } from "./data-dir-lock.js";
import { migrationsDir } from "./migrate.js";
import {
  appliedMigrations,
  DEFAULT_BATCH_ROWS,
  listTables,
  quoteIdent,
  readRows,
  readSequences,
  restoreSequences,
  summarizeTable,
  tableHasher,
  useCanonicalText,
  writeRows,
  type SequenceState,
  type TableInfo,
  type TableSummary,
} from "./copy-database.js";

export const BACKUP_FORMAT = "rapport-backup";
export const BACKUP_VERSION = 1;

type BackupHeader = { format: string; version: number; createdAt: string; migrations: string[]; tables: string[] };
type TableHeader = { table: string; columns: string[]; rows: number; sequences: SequenceState[] };
type BackupFooter = { end: true; tables: TableSummary[] };

export type BackupReport = { file: string; tables: TableSummary[]; bytes: number; ms: number; createdAt: string };
export type RestoreReport = { dataDir: string; tables: TableSummary[]; keptAs: string | null; migrated: string[]; ms: number };

/** The file is not a Rapport backup, or it is damaged (truncated, corrupted, edited). */
export class BackupFileError extends Error {
  readonly code = "backup_file_invalid";
}

/** The backup cannot be restored by this version (made by a newer Rapport, or migrations differ). */
export class BackupVersionError extends Error {
  readonly code = "backup_version_mismatch";
}

/**
 * Writes a backup of `database` to `file`: into a temporary file beside it, flushed to disk, then
 * renamed, so `file` is either the previous version or the complete new one.
 * On PGlite the dump is one transaction on its one session, so commands wait until it ends.
 */
export async function writeBackup(database: Pick<Database, "transaction">, file: string, options: { batchRows?: number; now?: () => Date } = {}): Promise<BackupReport> {
  const started = performance.now();
  const target = resolve(file);
  const partial = `${target}.partial-${process.pid}`;
  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const gzip = createGzip({ level: 6 });
  // A file that cannot be written (no such folder, disk full) rejects here instead of crashing the
  // process with an unhandled stream error: this may run inside `rapport start`.
  const written = pipeline(gzip, createWriteStream(partial));
  written.catch(() => undefined);
  const write = async (text: string) => {
    if (gzip.destroyed) await written; // rejects with the file's error
    if (!gzip.write(text)) await Promise.race([once(gzip, "drain"), written]);
  };
  try {
    const tables = await database.transaction(async (sql) => {
      await sql.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      await useCanonicalText(sql);
      const tables = await listTables(sql);
      const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt, migrations: await appliedMigrations(sql), tables: tables.map((table) => table.name) };
      await write(`${JSON.stringify(header)}\n`);
      const summaries: TableSummary[] = [];
      for (const table of tables) {
        const [counted] = await sql.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM ${quoteIdent(table.name)}`);
        const tableHeader: TableHeader = { table: table.name, columns: table.columns, rows: counted!.rows, sequences: await readSequences(sql, table) };
        await write(`${JSON.stringify(tableHeader)}\n`);
        const hasher = tableHasher(table.name);
        for await (const rows of readRows(sql, table, options.batchRows)) {
          hasher.add(rows);
          // jsonb prints on one line; a raw newline would break the framing, so it is refused loudly.
          if (rows.some((row) => row.includes("\n"))) throw new Error(`A row of ${table.name} prints over several lines; it cannot be framed.`);
          await write(`${rows.join("\n")}\n`);
        }
        summaries.push(hasher.summary());
      }
      const footer: BackupFooter = { end: true, tables: summaries };
      await write(`${JSON.stringify(footer)}\n`);
      return summaries;
    });
    gzip.end();
    await written;
    flushFile(partial);
    renameSync(partial, target);
    flushDirectory(dirname(target));
    return { file: target, tables, bytes: statSync(target).size, ms: Math.round(performance.now() - started), createdAt };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Reads the whole backup without a database: framing, row counts and each table's checksum
 * against the ones recorded when it was written. Returns its header.
 */
export async function verifyBackupFile(file: string): Promise<BackupHeader> {
  const lines = backupLines(file);
  try {
    const next = nextLine(lines, file);
    const header = parseHeader(await next("the header"), file);
    const seen: TableSummary[] = [];
    for (const name of header.tables) {
      const tableHeader = parseJson<TableHeader>(await next(`the ${name} table`), file);
      if (tableHeader.table !== name || !Number.isInteger(tableHeader.rows)) throw new BackupFileError(`${file} is damaged: table ${name} is not where the header says.`);
      const hasher = tableHasher(name);
      for (let row = 0; row < tableHeader.rows; row++) hasher.add([await next(`row ${row + 1} of ${tableHeader.rows} in ${name}`)]);
      seen.push(hasher.summary());
    }
    checkFooter(parseJson<BackupFooter>(await next("the closing checksums"), file), seen, file);
    if (!(await lines.next()).done) throw new BackupFileError(`${file} has data after its closing checksums.`);
    return header;
  } finally {
    await lines.return(undefined);
  }
}

function nextLine(lines: AsyncGenerator<string, void, undefined>, file: string): (what: string) => Promise<string> {
  return async (what) => {
    const line = await lines.next();
    if (line.done) throw new BackupFileError(`${file} ends early (expected ${what}): the file is truncated.`);
    return line.value;
  };
}

function checkFooter(footer: BackupFooter, loaded: TableSummary[], file: string): void {
  if (footer.end !== true || !Array.isArray(footer.tables)) throw new BackupFileError(`${file}: the closing checksums are missing.`);
  for (const summary of loaded) {
    const expected = footer.tables.find((table) => table.table === summary.table);
    if (!expected || expected.rows !== summary.rows || expected.checksum !== summary.checksum) {
      throw new BackupFileError(`${file}: table ${summary.table} does not match its checksum; the file is damaged.`);
    }
  }
}

/** The backup's first line: what it holds, before anything is restored. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw new BackupFileError(`${file} is empty.`);
    return parseHeader(first.value, file);
  } finally {
    await lines.return(undefined);
  }
}

/**
 * Restores `file` into `dataDir`, which no process may hold (refused otherwise): the backup is
 * loaded into a new directory and checked against its counts and checksums, migrated to this
 * version, and only then swapped in. The previous directory is kept as
 * `<dataDir>.before-restore-<time>`; when the data directory is a mount point (a container volume,
 * which cannot be renamed) the swap happens inside it instead, keeping the previous files in
 * `<dataDir>/before-restore-<time>`.
 */
export async function restoreBackup(options: {
  dataDir: string;
  file: string;
  fsync?: boolean;
  now?: () => Date;
  /** Where the restore is staged; chosen from the file system when not given (tests pin it). */
  layout?: "beside" | "inside";
  batchRows?: number;
}): Promise<RestoreReport> {
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  // The whole file is checked before any directory is made: a damaged backup fails in seconds.
  const header = await verifyBackupFile(options.file);
  const known = currentMigrations();
  const missing = header.migrations.filter((name) => !known.includes(name));
  if (missing.length > 0) throw new BackupVersionError(`${options.file} was made by a newer Rapport (migrations ${missing.join(", ")}); restore it with that version.`);
  if (header.migrations.join() !== known.slice(0, header.migrations.length).join()) {
    throw new BackupVersionError(`${options.file} was made with migrations this version does not apply in the same order; restore it with the version that made it.`);
  }
  const existed = existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-");
  const layout = options.layout ?? (isMountPoint(dataDir) ? "inside" : "beside");
  const staging = layout === "beside" ? `${dataDir}.restoring-${stamp}` : join(dataDir, `restoring-${stamp}`);
  const olderSchema = header.migrations.length < known.length ? migrationSubset(header.migrations) : null;
  let tables: TableSummary[];
  let migrated: string[];
  try {
    const loading = await openDatabase({ kind: "pglite", dataDir: staging, fsync: options.fsync }, { migrate: true, migrationsDir: olderSchema ?? undefined });
    try {
      tables = await loadBackup(loading, options.file, options.batchRows);
    } finally {
      await loading.close();
    }
    // Opens as Rapport will, bringing an older backup up to this version's schema.
    const upgraded = await openDatabase({ kind: "pglite", dataDir: staging, fsync: options.fsync }, { migrate: true });
    try {
      await upgraded.ping();
      migrated = (await upgraded.transaction(appliedMigrations)).filter((name) => !header.migrations.includes(name));
    } finally {
      await upgraded.close();
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
    if (!existed) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (olderSchema) rmSync(olderSchema, { recursive: true, force: true });
  }
  try {
    const keptAs = layout === "beside" ? swapBeside(dataDir, staging, stamp) : swapInside(dataDir, staging, stamp);
    return { dataDir, tables, keptAs, migrated, ms: Math.round(performance.now() - started) };
  } finally {
    lock.release();
  }
}

/** Loads every table of the backup into the empty, migrated `database` in one transaction, checking as it goes. */
async function loadBackup(database: Database, file: string, batchRows = DEFAULT_BATCH_ROWS): Promise<TableSummary[]> {
  return database.transaction(async (sql) => {
    await useCanonicalText(sql);
    const schema = new Map((await listTables(sql)).map((table) => [table.name, table]));
    const lines = backupLines(file);
    try {
      return await loadLines(sql, lines, schema, file, batchRows);
    } finally {
      await lines.return(undefined);
    }
  });
}

async function loadLines(sql: SqlRunner, lines: AsyncGenerator<string, void, undefined>, schema: Map<string, TableInfo>, file: string, batchRows: number): Promise<TableSummary[]> {
  const next = nextLine(lines, file);
  const header = parseHeader(await next("the header"), file);
  const loaded: TableSummary[] = [];
  for (const name of header.tables) {
    const tableHeader = parseJson<TableHeader>(await next(`the ${name} table`), file);
    const table = schema.get(name);
    if (tableHeader.table !== name || !table || table.columns.join() !== tableHeader.columns.join()) {
      throw new BackupFileError(`${file}: table ${tableHeader.table ?? name} does not match the schema of the migrations it names.`);
    }
    const hasher = tableHasher(name);
    let batch: string[] = [];
    for (let row = 0; row < tableHeader.rows; row++) {
      batch.push(await next(`row ${row + 1} of ${tableHeader.rows} in ${name}`));
      if (batch.length === batchRows) {
        hasher.add(batch);
        await loadRows(sql, table, batch, file);
        batch = [];
      }
    }
    hasher.add(batch);
    await loadRows(sql, table, batch, file);
    await restoreSequences(sql, table, tableHeader.sequences);
    loaded.push(hasher.summary());
  }
  checkFooter(parseJson<BackupFooter>(await next("the closing checksums"), file), loaded, file);
  // Read back from the database: what was stored, not only what was sent.
  for (const summary of loaded) {
    const stored = await summarizeTable(sql, schema.get(summary.table)!, batchRows);
    if (stored.rows !== summary.rows || stored.checksum !== summary.checksum) throw new Error(`Restored table ${summary.table} differs from the backup.`);
  }
  if (!(await lines.next()).done) throw new BackupFileError(`${file} has data after its closing checksums.`);
  return loaded;
}

/** A row the database will not take (edited or damaged JSON) is the file's fault, said so. */
async function loadRows(sql: SqlRunner, table: TableInfo, rows: string[], file: string): Promise<void> {
  try {
    await writeRows(sql, table, rows);
  } catch (error) {
    throw new BackupFileError(`${file}: rows of ${table.name} cannot be loaded (${(error as Error).message}); the file is damaged.`, { cause: error });
  }
}

/** Lines of a gzip file; gzip's own CRC turns a corrupted file into an error here. */
async function* backupLines(file: string): AsyncGenerator<string, void, undefined> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  // Errors of the file and of gzip reach the reader through the line iterator.
  input.on("error", (error) => gunzip.destroy(error));
  try {
    for await (const line of lines) yield line;
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") throw new BackupFileError(`Cannot read ${file}: ${(error as Error).message}`);
    throw new BackupFileError(`${file} is not a Rapport backup or is damaged (${(error as Error).message}).`, { cause: error });
  } finally {
    lines.close();
    input.destroy();
  }
}

function parseJson<T>(line: string, file: string): T {
  try {
    return JSON.parse(line) as T;
  } catch (error) {
    throw new BackupFileError(`${file} is damaged: a line is not valid JSON.`, { cause: error });
  }
}

function parseHeader(line: string, file: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupFileError(`${file} is not a Rapport backup.`);
  }
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.migrations) || !Array.isArray(header.tables)) throw new BackupFileError(`${file} is not a Rapport backup.`);
  if (header.version !== BACKUP_VERSION) throw new BackupVersionError(`${file} is a backup of format version ${header.version}; this Rapport reads version ${BACKUP_VERSION}.`);
  return header as BackupHeader;
}

function currentMigrations(): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** A folder with only the migrations an older backup was made at: its schema, to load it into. */
function migrationSubset(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "rapport-migrations-"));
  for (const name of names) cpSync(join(migrationsDir, name), join(dir, name), { recursive: true });
  return dir;
}

function isMountPoint(dir: string): boolean {
  return statSync(dir).dev !== statSync(dirname(dir)).dev;
}

/** Renames the live directory aside and the restored one into its place. */
function swapBeside(dataDir: string, staging: string, stamp: string): string | null {
  const entries = readdirSync(dataDir).filter((entry) => entry !== LOCK_FILE);
  let keptAs: string | null = null;
  if (entries.length > 0) {
    keptAs = `${dataDir}.before-restore-${stamp}`;
    renameSync(dataDir, keptAs);
    rmSync(join(keptAs, LOCK_FILE), { force: true });
  } else {
    rmSync(dataDir, { recursive: true, force: true });
  }
  try {
    renameSync(staging, dataDir);
  } catch (error) {
    throw new Error(
      `The restored database is complete in ${staging} but could not be moved to ${dataDir} (${(error as Error).message}). ` +
        `${keptAs ? `The previous directory is in ${keptAs}. ` : ""}Move ${staging} to ${dataDir} by hand.`,
      { cause: error },
    );
  }
  flushDirectory(dirname(dataDir));
  return keptAs;
}

/** For a mount point: moves the live files into a subfolder and the restored files up. */
function swapInside(dataDir: string, staging: string, stamp: string): string | null {
  const keptAs = join(dataDir, `before-restore-${stamp}`);
  const ours = new Set([LOCK_FILE, basename(staging), basename(keptAs)]);
  const previous = readdirSync(dataDir).filter((entry) => !ours.has(entry) && !entry.startsWith("before-restore-"));
  if (previous.length > 0) {
    mkdirSync(keptAs);
    for (const entry of previous) renameSync(join(dataDir, entry), join(keptAs, entry));
  }
  for (const entry of readdirSync(staging)) {
    if (entry === LOCK_FILE) continue;
    renameSync(join(staging, entry), join(dataDir, entry));
  }
  rmSync(join(staging, LOCK_FILE), { force: true });
  rmdirSync(staging);
  flushDirectory(dataDir);
  return previous.length > 0 ? keptAs : null;
}

function flushFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function flushDirectory(path: string): void {
  try {
    const fd = openSync(path, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself has happened.
  }
}
