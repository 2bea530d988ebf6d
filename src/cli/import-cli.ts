/**
 * `rapport import <kind> <file> [--dry-run] [--skip-invalid] [--map col=field ...] [--encoding e] [--tenant platform:id]`.
 * Bad rows go to stderr as they are found ("line 12: email ... "), a progress bar with rate and
 * ETA is drawn on a TTY, and one summary line goes to stdout. Exit code 1 when nothing was
 * committed because of bad rows.
 */
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import type { Config } from "../config.js";
import { targetFromConfig } from "../app.js";
import { openDatabase } from "../data/database.js";
import { tidyEmbeddedDatabase } from "../data/maintenance.js";
import { createImportSink } from "../data/import-sink.js";
import { resolveTenant } from "../data/tenant-lookup.js";
import { IMPORT_KINDS, type ImportKind } from "../import/columns.js";
import { ENCODINGS, type Encoding } from "../import/read-rows.js";
import { importFile, summarize } from "../import/import-file.js";
import { DATE_ORDERS, type DateOrder } from "../import/import-dates.js";
import { cliTranslator } from "./cli-locale.js";
import { ImportProblem } from "../import/row-error.js";

const IMPORT_SYNTAX = `rapport import <${IMPORT_KINDS.join("|")}> <file.csv|file.xlsx> [--dry-run] [--skip-invalid]
       [--map "Column=field" ...] [--encoding ${ENCODINGS.join("|")}] [--date-order ${DATE_ORDERS.join("|")}]
       [--tenant platform:workspace] [--locale en|zh-CN|zh-TW|ko]`;

export function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.lastIndexOf("=");
    if (at <= 0) throw new ImportProblem("import.map.syntax", { pair });
    map[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return map;
}

export async function runImportCli(
  args: string[],
  config: Config,
  io: { stdout: NodeJS.WritableStream & { isTTY?: boolean }; stderr: NodeJS.WritableStream & { isTTY?: boolean } } = process,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      "dry-run": { type: "boolean", default: false },
      "skip-invalid": { type: "boolean", default: false },
      map: { type: "string", multiple: true, default: [] },
      encoding: { type: "string" },
      "date-order": { type: "string" },
      tenant: { type: "string" },
      locale: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const language = cliTranslator(values.locale, config.RAPPORT_LOCALE);
  if ("error" in language) {
    io.stderr.write(`${language.error}\n`);
    return 2;
  }
  const { t } = language;
  const [kind, path] = positionals;
  if (!kind || !path || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    io.stderr.write(`${t("cli.usage", { syntax: IMPORT_SYNTAX })}\n`);
    return 2;
  }
  if (values.encoding && !(ENCODINGS as readonly string[]).includes(values.encoding)) {
    io.stderr.write(`${t("cli.import.badEncoding", { choices: ENCODINGS.join(", ") })}\n`);
    return 2;
  }
  if (values["date-order"] && !(DATE_ORDERS as readonly string[]).includes(values["date-order"])) {
    io.stderr.write(`${t("cli.import.badDateOrder", { choices: DATE_ORDERS.join(", ") })}\n`);
    return 2;
  }
  const database = await openDatabase(targetFromConfig(config), { poolSize: 2 });
  const bar = io.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: "{bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}", etaBuffer: 50, fps: 5, stream: io.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  // Ctrl-C: say what happened. The server rolls the open transaction back when the connection
  // closes; PGlite discards it when the directory is opened next.
  const interrupted = () => {
    bar?.stop();
    io.stderr.write(`\n${t("cli.import.interrupted")}\n`);
    process.exit(130);
  };
  process.on("SIGINT", interrupted);
  process.on("SIGTERM", interrupted);
  // Started by bin/rapport.mjs in a child process: if that launcher dies (kill -9, a closed
  // terminal), stop and roll back. Its 'disconnect' reaches us late while batches keep the event
  // loop busy, so the parent pid is also checked synchronously every 1,000 rows.
  const launcher = config.RAPPORT_LAUNCHER_PID;
  const checkLauncher = () => {
    if (launcher !== undefined && process.ppid !== launcher) throw new Error(`the rapport process that started this import (pid ${launcher}) is gone.`);
  };
  try {
    const { id: tenantId } = await resolveTenant(database.prisma, values.tenant);
    const startedAt = Date.now();
    let started = false;
    const result = await importFile({
      sink: createImportSink(database),
      tenantId,
      kind: kind as ImportKind,
      path,
      options: {
        dryRun: values["dry-run"],
        skipInvalid: values["skip-invalid"],
        map: parseMap(values.map ?? []),
        encoding: values.encoding as Encoding | undefined,
        dateOrder: values["date-order"] as DateOrder | undefined,
        locale: t.locale,
        onIssue: (issue) => {
          bar?.stop();
          started = false;
          io.stderr.write(`${t(issue.severity === "warning" ? "cli.import.warning" : "cli.import.issue", { line: issue.line, reason: issue.reason })}\n`);
        },
        onFinishing: () => {
          if (!bar) return;
          bar.stop();
          started = false;
          io.stderr.write(`${t("cli.import.finishing")}\n`);
        },
        onProgress: ({ rows, bytes, size }) => {
          checkLauncher();
          if (!bar) return;
          if (!started) {
            bar.start(size, bytes, { rows: 0, rate: 0 });
            started = true;
          }
          const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
          bar.update(bytes, { rows: rows.toLocaleString("en-US"), rate: Math.round(rows / seconds).toLocaleString("en-US") });
        },
      },
    });
    bar?.stop();
    if (result.committed) {
      // The embedded database has no autovacuum: refresh statistics and the visibility map now.
      if (database.target.kind === "pglite" && io.stderr.isTTY) io.stderr.write(`${t("cli.import.vacuum")}\n`);
      await tidyEmbeddedDatabase(database);
    }
    io.stdout.write(`${summarize(result, t)}\n`);
    return result.committed || result.dryRun ? (result.invalid > 0 && !result.committed && !values["skip-invalid"] ? 1 : 0) : 1;
  } catch (error) {
    // The import is one transaction: whatever stopped it, nothing of this file was written.
    bar?.stop();
    const reason = error instanceof ImportProblem ? error.describe(t) : error instanceof Error ? error.message : String(error);
    io.stderr.write(`${t("cli.import.failed", { reason })}\n`);
    return 1;
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    bar?.stop();
    await database.close();
  }
}
