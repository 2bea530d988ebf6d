/**
 * `rapport backup <file>` and `rapport restore <file>` for the embedded database.
 *
 * backup: while a process holds the data directory (`rapport start`), that process writes the
 * backup between commands (src/data/backup-requests.ts); when none does, this process opens the
 * directory and writes it itself. restore: refused while any process holds the directory.
 * PostgreSQL has pg_dump / pg_restore for both.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { targetFromConfig } from "../app.js";
import { openDatabase } from "../data/database.js";
import { DataDirInUseError } from "../data/data-dir-lock.js";
import { writeBackup, restoreBackup, BackupFileError, BackupVersionError, type BackupReport } from "../data/backup.js";
import { requestBackup, BackupFailedError, BackupNotTakenError } from "../data/backup-requests.js";
import type { TableSummary } from "../data/copy-database.js";
import type { Translate } from "../core/i18n/index.js";
import { cliTranslator } from "./cli-locale.js";

type Output = { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };

const KNOWN_ERRORS = [DataDirInUseError, BackupFileError, BackupVersionError, BackupFailedError, BackupNotTakenError];

export async function runBackupCli(command: "backup" | "restore", args: string[], config: Config, output: Output = process): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { locale: { type: "string" } }, allowPositionals: true, strict: true });
  const language = cliTranslator(values.locale, config.RAPPORT_LOCALE);
  if ("error" in language) {
    output.stderr.write(`${language.error}\n`);
    return 2;
  }
  const { t } = language;
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    output.stderr.write(`${t("cli.usage", { syntax: `rapport ${command} <file> [--locale en|zh-CN|zh-TW|ko]` })}\n`);
    return 2;
  }
  const target = targetFromConfig(config);
  if (target.kind !== "pglite" || !target.dataDir) {
    output.stderr.write(`${t("cli.backup.postgres", { command, tool: command === "backup" ? "pg_dump" : "pg_restore" })}\n`);
    return 2;
  }
  try {
    if (command === "backup") {
      if (!existsSync(join(target.dataDir, "PG_VERSION"))) {
        output.stderr.write(`${t("cli.backup.noDatabase", { dir: target.dataDir })}\n`);
        return 1;
      }
      const { report, by } = await backup(target.dataDir, target.fsync, file);
      output.stdout.write(`${describeBackup(t, report, by)}\n`);
      return 0;
    }
    const report = await restoreBackup({ dataDir: target.dataDir, file, fsync: target.fsync });
    const lines = [
      t("cli.restore.done", { file, dir: report.dataDir, seconds: seconds(report.ms), rows: totalRows(report.tables), tables: report.tables.length }),
      report.migrated.length > 0 ? t("cli.restore.migrated", { migrations: report.migrated.join(", ") }) : null,
      report.keptAs ? t("cli.restore.kept", { dir: report.keptAs }) : null,
      t("cli.restore.startAgain"),
    ];
    output.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);
    return 0;
  } catch (error) {
    if (KNOWN_ERRORS.some((known) => error instanceof known)) {
      output.stderr.write(`${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `holder`: the process holding the directory wrote it; `self`: this one did. */
async function backup(dataDir: string, fsync: boolean | undefined, file: string): Promise<{ report: BackupReport; by: "holder" | "self" }> {
  let database;
  try {
    database = await openDatabase({ kind: "pglite", dataDir, fsync }, { migrate: false });
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    return { report: await requestBackup({ dataDir, file }), by: "holder" };
  }
  try {
    return { report: await writeBackup(database, file), by: "self" };
  } finally {
    await database.close();
  }
}

export function describeBackup(t: Translate, report: BackupReport, by: "holder" | "self"): string {
  return t("cli.backup.written", { file: report.file, by, seconds: seconds(report.ms), rows: totalRows(report.tables), tables: report.tables.length, size: formatBytes(report.bytes) });
}

const totalRows = (tables: TableSummary[]): number => tables.reduce((sum, table) => sum + table.rows, 0);
const seconds = (ms: number): string => (ms / 1000).toFixed(1);

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
