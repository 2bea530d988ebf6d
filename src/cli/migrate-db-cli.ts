/**
 * `rapport migrate-to-postgres <DATABASE_URL> [--data-dir DIR]`: moves a team from the embedded
 * database to a PostgreSQL server. `rapport migrate-from-postgres <DATABASE_URL> [--data-dir DIR]`
 * is the way back (and how the tests prove a round trip). Both copy every table into an empty,
 * migrated target, verify each table's row count and checksum, and print them
 * (src/data/copy-database.ts).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { openDatabase, type Database, type DatabaseTarget } from "../data/database.js";
import { DataDirInUseError } from "../data/data-dir-lock.js";
import { copyDatabase, CopyRefusedError, CopyVerificationError, listTables, nonEmptyTables, MIGRATIONS_TABLE, type CopyReport } from "../data/copy-database.js";
import type { Translate } from "../core/i18n/index.js";
import { cliTranslator } from "./cli-locale.js";

type Output = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
type Direction = "migrate-to-postgres" | "migrate-from-postgres";

export async function runMigrateDbCli(direction: Direction, args: string[], config: Config, output: Output = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { "data-dir": { type: "string" }, "batch-rows": { type: "string" }, "skip-table": { type: "string", multiple: true }, locale: { type: "string" } },
    allowPositionals: true,
    strict: true,
  });
  const language = cliTranslator(values.locale, config.RAPPORT_LOCALE);
  if ("error" in language) {
    output.stderr.write(`${language.error}\n`);
    return 2;
  }
  const { t } = language;
  const [url] = positionals;
  if (!url || positionals.length > 1 || !/^postgres(ql)?:\/\//.test(url)) {
    output.stderr.write(`${t("cli.usage", { syntax: `rapport ${direction} <postgres://…> [--data-dir DIR] [--skip-table NAME]… [--locale en|zh-CN|zh-TW|ko]` })}\n`);
    return 2;
  }
  const dataDir = resolve(values["data-dir"] ?? config.RAPPORT_DATA_DIR);
  const embedded: DatabaseTarget = { kind: "pglite", dataDir, fsync: config.RAPPORT_EMBEDDED_FSYNC !== "off" };
  const server: DatabaseTarget = { kind: "postgres", url };
  const batchRows = values["batch-rows"] ? Number(values["batch-rows"]) : undefined;
  if (direction === "migrate-to-postgres" && !existsSync(join(dataDir, "PG_VERSION"))) {
    output.stderr.write(`${t("cli.copy.noSource", { dir: dataDir })}\n`);
    return 1;
  }
  const [from, to] = direction === "migrate-to-postgres" ? [embedded, server] : [server, embedded];
  const opened: Database[] = [];
  try {
    await refuseIfHoldsData(t, to);
    opened.push(await open(from));
    opened.push(await open(to));
    const [source, target] = opened as [Database, Database];
    output.stderr.write(`${t("cli.copy.copying", { from: describe(t, from), to: describe(t, to) })}\n`);
    const onTable = (table: { table: string; rows: number }) => output.stderr.write(`${t("cli.copy.table", { table: table.table, rows: table.rows })}\n`);
    const report = await copyDatabase({ source, target, batchRows, skipTables: values["skip-table"], onTable });
    output.stdout.write(`${formatReport(t, report)}\n\n${switchInstructions(t, direction, url, dataDir)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      output.stderr.write(`${error.message}\n${t("cli.copy.stopFirst", { command: direction })}\n`);
      return 1;
    }
    if (error instanceof CopyRefusedError || error instanceof CopyVerificationError) {
      output.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    for (const database of opened.reverse()) await database.close().catch(() => undefined);
  }
}

/** Opens with migrations, so both sides have this version's schema. */
function open(target: DatabaseTarget): Promise<Database> {
  return openDatabase(target, { migrate: true, poolSize: 2 });
}

/**
 * Refused before anything is migrated: a target that already holds Rapport data (perhaps another
 * team's, or a half-finished earlier attempt by hand) is never written to, not even by a migration.
 */
async function refuseIfHoldsData(t: Translate, target: DatabaseTarget): Promise<void> {
  if (target.kind === "pglite" && !existsSync(join(target.dataDir!, "PG_VERSION"))) return;
  const database = await openDatabase(target, { migrate: false, poolSize: 1 });
  try {
    const filled = await database.transaction(async (sql) => {
      const bookkeeping = await sql.query(`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1`, [MIGRATIONS_TABLE]);
      return bookkeeping.length > 0 ? nonEmptyTables(sql, await listTables(sql)) : [];
    });
    if (filled.length > 0) throw new CopyRefusedError(t("cli.copy.notEmpty", { target: describe(t, target), tables: filled.join(", "), kind: target.kind }));
  } finally {
    await database.close();
  }
}

export function formatReport(t: Translate, report: CopyReport): string {
  const header = [...t("cli.copy.header").split("|"), ""];
  const rows = report.tables.map((table) => [
    table.table,
    String(table.rows),
    String(table.targetRows),
    table.sourceChecksum.slice(0, 16),
    table.targetChecksum.slice(0, 16),
    table.rows === table.targetRows && table.sourceChecksum === table.targetChecksum ? t("cli.copy.same") : t("cli.copy.differs"),
  ]);
  // CJK characters take two columns in a terminal.
  const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1), 0);
  const pad = (text: string, to: number, start: boolean) => (start ? " ".repeat(Math.max(0, to - width(text))) + text : text + " ".repeat(Math.max(0, to - width(text))));
  const widths = header.map((title, column) => Math.max(width(title), ...rows.map((row) => width(row[column]!))));
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column]!, column === 1 || column === 2)).join("  ").trimEnd();
  const total = report.tables.reduce((sum, table) => sum + table.rows, 0);
  return [line(header), ...rows.map(line), t("cli.copy.total", { rows: total, tables: report.tables.length, seconds: (report.ms / 1000).toFixed(1) })].join("\n");
}

function switchInstructions(t: Translate, direction: Direction, url: string, dataDir: string): string {
  const lines =
    direction === "migrate-to-postgres"
      ? [
          t("cli.copy.toPostgres.title"),
          t("cli.copy.toPostgres.url", { url: maskPassword(url) }),
          t("cli.copy.toPostgres.secret"),
          t("cli.copy.toPostgres.start"),
          t("cli.copy.toPostgres.keep", { dir: dataDir }),
        ]
      : [t("cli.copy.fromPostgres.title"), t("cli.copy.fromPostgres.dir", { dir: dataDir }), t("cli.copy.fromPostgres.secret"), t("cli.copy.fromPostgres.start"), t("cli.copy.fromPostgres.keep")];
  return lines.join("\n");
}

function describe(t: Translate, target: DatabaseTarget): string {
  return target.kind === "postgres" ? t("cli.copy.postgres", { url: maskPassword(target.url) }) : t("cli.copy.embedded", { dir: target.dataDir });
}

export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "****";
    return parsed.toString();
  } catch {
    return url;
  }
}
