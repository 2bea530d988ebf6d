/**
 * Backups while Rapport runs. Only one process may open an embedded data directory
 * (data-dir-lock.ts), so `rapport backup` cannot read it beside `rapport start`. Instead it drops a
 * request file into the directory and the process that holds it writes the backup between
 * commands, then leaves a result file. Files, not a signal or the ops port: they need no port, no
 * token and no pid (the holder may be in a container next to `docker exec rapport backup`), and
 * they work the same for the console and the server.
 *
 *   backup-request-<id>.json         written by the requester: { file }
 *   backup-request-<id>.taken        renamed by the holder when it starts
 *   backup-request-<id>.result.json  written by the holder: the report, or the error
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../core/logger.js";
import type { Database } from "./database.js";
import { writeBackup, type BackupReport } from "./backup.js";
import { LOCK_FILE } from "./data-dir-lock.js";

const PREFIX = "backup-request-";
const REQUEST = /^backup-request-([0-9a-f]+)\.json$/;

type BackupResult = { ok: true; report: BackupReport } | { ok: false; error: string };

/** Nobody took the request: the holder is a command that does not answer (an import, an older version). */
export class BackupNotTakenError extends Error {
  readonly code = "backup_not_taken";
}

/** The holder took the request and failed to write the backup. */
export class BackupFailedError extends Error {
  readonly code = "backup_failed";
}

/**
 * Asks the process holding `dataDir` to write a backup to `file` and waits for its report.
 * `file` is resolved here, so the holder writes where the requester meant.
 */
export async function requestBackup(options: {
  dataDir: string;
  file: string;
  /** How long the holder may take to notice the request (it looks every second). */
  pickupMs?: number;
  /** How long the backup itself may take once started. */
  timeoutMs?: number;
  pollMs?: number;
}): Promise<BackupReport> {
  const id = randomBytes(8).toString("hex");
  const request = join(options.dataDir, `${PREFIX}${id}.json`);
  const taken = join(options.dataDir, `${PREFIX}${id}.taken`);
  const result = join(options.dataDir, `${PREFIX}${id}.result.json`);
  const pollMs = options.pollMs ?? 100;
  writeFileSync(`${request}.tmp`, JSON.stringify({ file: resolve(options.file), requestedAt: new Date().toISOString() }));
  renameSync(`${request}.tmp`, request);
  const pickupBy = Date.now() + (options.pickupMs ?? 10_000);
  while (existsSync(request)) {
    if (Date.now() > pickupBy) {
      try {
        rmSync(request);
      } catch {
        continue; // taken at this very moment: wait for it after all
      }
      throw new BackupNotTakenError(
        `The process holding ${options.dataDir} did not take the backup request. Only \`rapport start\` and \`rapport console\` of this version answer; wait for the other command to finish, then run \`rapport backup\` again.`,
      );
    }
    await sleep(pollMs);
  }
  const giveUpAt = Date.now() + (options.timeoutMs ?? 3_600_000);
  while (!existsSync(result)) {
    const holderGone = !existsSync(join(options.dataDir, LOCK_FILE));
    if ((holderGone || !existsSync(taken)) && !existsSync(result)) throw new BackupFailedError(`The process holding ${options.dataDir} stopped before it finished the backup.`);
    if (Date.now() > giveUpAt) throw new BackupFailedError(`The backup did not finish in time; it may still be written to ${options.file}.`);
    await sleep(pollMs);
  }
  const answer = JSON.parse(readFileSync(result, "utf8")) as BackupResult;
  rmSync(result, { force: true });
  if (!answer.ok) throw new BackupFailedError(`The running process could not write the backup: ${answer.error}`);
  return answer.report;
}

/**
 * Makes the process that opened `database` answer backup requests in its data directory until it
 * closes (the returned database's close stops the watch first). A no-op for PostgreSQL and for an
 * in-memory database.
 */
export function answerBackupRequests(database: Database, logger?: Logger, pollMs = 1000): Database {
  const target = database.target;
  if (target.kind !== "pglite" || !target.dataDir) return database;
  const dataDir = target.dataDir;
  let running: Promise<void> | null = null;
  const look = () => {
    if (running) return;
    // A failure here (the directory removed under us) is logged, never an unhandled rejection.
    running = answerPending(database, dataDir, logger)
      .then(
        () => undefined,
        (error: unknown) => logger?.error({ err: error }, "answering backup requests failed"),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(look, pollMs);
  // Waiting for requests must not keep a finished command alive.
  timer.unref();
  return {
    ...database,
    async close() {
      clearInterval(timer);
      await running;
      await database.close();
    },
  };
}

/** Answers every request waiting in `dataDir`, one at a time. */
export async function answerPending(database: Pick<Database, "transaction">, dataDir: string, logger?: Logger): Promise<number> {
  let entries: string[];
  try {
    entries = readdirSync(dataDir);
  } catch {
    return 0;
  }
  // Every waiting request is claimed at once, so a second requester does not give up while the
  // first backup is still being written.
  const claimed: string[] = [];
  for (const entry of entries) {
    const id = REQUEST.exec(entry)?.[1];
    if (!id) continue;
    try {
      renameSync(join(dataDir, entry), join(dataDir, `${PREFIX}${id}.taken`));
      claimed.push(id);
    } catch {
      // withdrawn by the requester
    }
  }
  let answered = 0;
  for (const id of claimed) {
    const taken = join(dataDir, `${PREFIX}${id}.taken`);
    let answer: BackupResult;
    try {
      const { file } = JSON.parse(readFileSync(taken, "utf8")) as { file: string };
      const report = await writeBackup(database, file);
      logger?.info({ file: report.file, bytes: report.bytes, ms: report.ms }, "backup written on request");
      answer = { ok: true, report };
    } catch (error) {
      logger?.error({ err: error }, "backup request failed");
      answer = { ok: false, error: (error as Error).message };
    }
    const result = join(dataDir, `${PREFIX}${id}.result.json`);
    writeFileSync(`${result}.tmp`, JSON.stringify(answer));
    renameSync(`${result}.tmp`, result);
    rmSync(taken, { force: true });
    answered++;
  }
  return answered;
}
