import { afterEach, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirInUseError, LOCK_FILE, lockDataDir } from "./data-dir-lock.js";
import { openDatabase } from "./database.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rapport-lock-"));
  dirs.push(dir);
  return dir;
}
/** A pid that certainly runs no process any more: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

test("a second opener of the same directory is refused with who holds it; after release it opens", () => {
  const dir = freshDir();
  const first = lockDataDir(dir);
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
  expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another Rapport process \\(pid ${process.pid}.*stop that process first`));
  first.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  lockDataDir(dir).release();
});

test("a lock left by a process that no longer runs, or a half-written one, is taken over", () => {
  const dir = freshDir();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), command: "start", since: "2026-11-23T00:00:00Z" }));
  lockDataDir(dir).release();
  writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
  lockDataDir(dir).release();
});

test("a lock from another host is respected (its pids cannot be checked here)", () => {
  const dir = freshDir();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: "other-host", command: "start", since: "2026-11-23T00:00:00Z" }));
  expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
});

test("openDatabase on an embedded directory holds the lock until close", async () => {
  const dir = freshDir();
  const database = await openDatabase({ kind: "pglite", dataDir: dir });
  await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(DataDirInUseError);
  await database.close();
  const again = await openDatabase({ kind: "pglite", dataDir: dir });
  expect(await again.prisma.tenant.count()).toBe(0);
  await again.close();
}, 60_000);
