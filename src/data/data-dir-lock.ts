/**
 * One process per embedded database directory. PGlite is PostgreSQL compiled to WebAssembly in
 * single-user mode: two processes opening the same directory (say `rapport start` running and
 * `rapport import` started beside it) would both write its files and corrupt it, and PGlite
 * itself does not check. A lock file holding the owner's pid, created exclusively, refuses the
 * second process with what to do instead; a lock left by a process that no longer runs (kill -9,
 * power cut) is taken over. Liveness is asked of the OS (`kill(pid, 0)`) rather than inferred from
 * a refreshed timestamp, so a long synchronous stretch in the owner never looks like a dead owner.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";

export const LOCK_FILE = "rapport.lock";

type LockOwner = { pid: number; host: string; command: string; since: string };

export class DataDirInUseError extends Error {
  readonly code = "data_dir_in_use";
}

export function lockDataDir(dataDir: string): { release(): void } {
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), command: commandLine(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by another Rapport process (pid ${owner.pid}, "${owner.command}" since ${owner.since}). ` +
            `Only one process may open it at a time: stop that process first (and start it again afterwards), or use PostgreSQL (DATABASE_URL) to run several.`,
        );
      }
      // The owner is gone: its lock is stale.
      rmSync(path, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock ${path}: another process keeps creating it.`);
}

/** "rapport start" / "rapport import customers": what the holder is, for the refusal message. */
function commandLine(): string {
  const script = basename(process.argv[1] ?? "node");
  return script.startsWith("rapport") ? `rapport ${process.argv.slice(2, 4).join(" ")}`.trim() : script;
}

function readOwner(path: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" ? { pid: owner.pid, host: String(owner.host), command: String(owner.command ?? ""), since: String(owner.since ?? "?") } : null;
  } catch {
    return null; // half-written or unreadable: a crash while locking; treat as stale
  }
}

function isAlive(owner: LockOwner): boolean {
  // A directory on a network share may be locked from another machine, whose pids mean nothing here.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
