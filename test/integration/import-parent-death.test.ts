/**
 * `rapport import` runs in a child process (bin/rapport.mjs gives it a fixed heap ceiling). Killing
 * the launcher with SIGKILL, which it cannot pass on, must stop the child too and leave nothing of
 * the file in the database: the import is one transaction, all or nothing.
 *
 * The real CLI on a real embedded data directory: a file of 30,000 customers with two bad rows
 * (--skip-invalid keeps going and reports them on stderr as it meets them); once the second one, at
 * line 6,000, is reported, batches of 2,000 have been written inside the open transaction: kill -9 the
 * launcher, then the child must be gone within seconds and the directory must hold none of the rows.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/data/database.js";
import { BIN } from "../support/run-cli.js";

const ROWS = 30_000;
const LATE_BAD_LINE = 6_000;
const EXIT_LIMIT_MS = 5_000;

const dir = mkdtempSync(join(tmpdir(), "rapport-import-kill-"));
const dataDir = join(dir, "data");
const csv = join(dir, "customers.csv");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  const ps = spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" });
  return ps.stdout.split("\n").map((line) => Number(line.trim())).filter((n) => n > 0);
}

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  return condition();
};

beforeAll(async () => {
  const lines = ["name,city"];
  // Line numbers count the header as line 1: row i is on line i + 2.
  for (let i = 0; i < ROWS; i++) lines.push(i + 2 === 3 || i + 2 === LATE_BAD_LINE ? ",Nowhere" : `Parent Kill ${i},Lyon`);
  writeFileSync(csv, `${lines.join("\n")}\n`);
  // The directory exists and is migrated beforehand, so the CLI starts straight into the import.
  const database = await openDatabase({ kind: "pglite", dataDir, fsync: false });
  await database.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("kill -9 of the launcher mid-import stops the import child and writes nothing", async () => {
  const launcher = spawn(process.execPath, [BIN, "import", "customers", csv, "--skip-invalid"], {
    env: { ...process.env, DATABASE_URL: "", RAPPORT_DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  launcher.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  launcher.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  let child: number | undefined;
  try {
    expect(await until(() => (child = childrenOf(launcher.pid!)[0]) !== undefined, 20_000), "the launcher starts an import child").toBe(true);
    expect(await until(() => stderr.includes(`line ${LATE_BAD_LINE}:`), 60_000), `the import reaches line ${LATE_BAD_LINE}; stderr: ${stderr}`).toBe(true);
    expect(stdout, "the import was still running when the launcher was killed").toBe("");
    launcher.kill("SIGKILL");
    const killedAt = Date.now();
    const stopped = await until(() => !isAlive(child!), EXIT_LIMIT_MS);
    const exitMs = Date.now() - killedAt;
    expect(stopped, `the import child (pid ${child}) still runs ${EXIT_LIMIT_MS} ms after its launcher died`).toBe(true);
    expect(exitMs).toBeLessThan(EXIT_LIMIT_MS);
    // It said so on the way out (its stderr is the pipe the launcher handed down).
    expect(await until(() => /Nothing was imported|nothing was imported/.test(stderr), 2_000), stderr).toBe(true);
  } finally {
    launcher.kill("SIGKILL");
    if (child !== undefined && isAlive(child)) process.kill(child, "SIGKILL");
  }
  const database = await openDatabase({ kind: "pglite", dataDir });
  try {
    const imported = await database.prisma.customer.count({ where: { name: { startsWith: "Parent Kill" } } });
    expect(imported, "all or nothing: none of the file's rows").toBe(0);
  } finally {
    await database.close();
  }
}, 120_000);
