/**
 * `rapport backup` and `rapport restore` as an operator runs them, on a real data directory with
 * the demo data: a backup taken while `rapport console` holds the directory (the running process
 * writes it), restore refused while it runs, restore replacing the data and keeping the old
 * directory, and a damaged backup refused with the directory left alone.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, runCli } from "../support/run-cli.js";
import { openDatabase } from "../../src/data/database.js";

const MARK = "backupcheck7";

function cliEnv(dataDir: string): Record<string, string> {
  return { RAPPORT_DATA_DIR: dataDir, RAPPORT_EMBEDDED_FSYNC: "off" };
}

/** `rapport console` kept running (stdin left open), as `rapport start` would hold the directory. */
function startConsole(dataDir: string): { child: ChildProcessWithoutNullStreams; output: () => string; waitFor(text: string): Promise<void>; stop(): Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, "console", "--no-demo"], {
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", RAPPORT_TIME_ZONE: "UTC", NODE_OPTIONS: "", ...cliEnv(dataDir) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stdout += chunk));
  return {
    child,
    output: () => stdout,
    async waitFor(text) {
      const deadline = Date.now() + 90_000;
      while (!stdout.includes(text)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`console never printed "${text}":\n${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop: () =>
      new Promise((resolve) => {
        child.on("close", (code) => resolve(code));
        child.stdin.end();
      }),
  };
}

async function markedInteractions(dataDir: string): Promise<number> {
  const database = await openDatabase({ kind: "pglite", dataDir, fsync: false }, { migrate: false });
  try {
    const [row] = await database.prisma.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM interactions i WHERE row_to_json(i)::text LIKE '%${MARK}%'`,
    );
    return row!.count;
  } finally {
    await database.close();
  }
}

describe("rapport backup / restore on the embedded database", () => {
  let work: string;
  let dataDir: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "rapport-backup-cli-"));
    dataDir = join(work, "data");
    const seeded = await runCli(["seed", "--demo"], "", cliEnv(dataDir));
    expect(seeded.stdout).toContain("Loaded the DEMO data set");
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("with no process running, `rapport backup` opens the directory itself", async () => {
    const result = await runCli(["backup", join(work, "before.gz")], "", cliEnv(dataDir));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backup written to .*before\.gz by this process \(no other process held the directory\)/);
    expect(existsSync(join(work, "before.gz"))).toBe(true);
  }, 120_000);

  test("while `rapport console` holds the directory, it writes the backup and restore is refused", async () => {
    const console = startConsole(dataDir);
    try {
      console.child.stdin.write(`log muller call ${MARK}\n`);
      await console.waitFor("Logged call");
      const backup = await runCli(["backup", join(work, "held.gz")], "", cliEnv(dataDir));
      expect(backup.stderr).toBe("");
      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain("by the running Rapport process");

      const restore = await runCli(["restore", join(work, "before.gz")], "", cliEnv(dataDir));
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(/is in use by another Rapport process \(pid \d+, "rapport console/);

      // The console still answers after the backup it wrote between commands.
      console.child.stdin.write("find acme\n");
      await console.waitFor("Acme Corp");
    } finally {
      expect(await console.stop()).toBe(0);
    }
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith("backup-request-"))).toEqual([]);
  }, 240_000);

  test("restore replaces the data, keeps the previous directory and opens as Rapport", async () => {
    expect(await markedInteractions(dataDir)).toBe(1);
    const older = await runCli(["restore", join(work, "before.gz")], "", cliEnv(dataDir));
    expect(older.stderr).toBe("");
    expect(older.code).toBe(0);
    expect(older.stdout).toContain("every table's count and checksum verified");
    const kept = /kept as (\S+);/.exec(older.stdout)?.[1];
    expect(kept).toMatch(/data\.before-restore-\d{4}-\d{2}-\d{2}T/);
    expect(await markedInteractions(dataDir)).toBe(0);
    expect(await markedInteractions(kept!)).toBe(1);

    const newer = await runCli(["restore", join(work, "held.gz")], "", cliEnv(dataDir));
    expect(newer.code).toBe(0);
    expect(await markedInteractions(dataDir)).toBe(1);

    // New rows get new ids after a restore: the sequences came back with the data.
    const after = await runCli(["console", "--no-demo"], `log muller call ${MARK}\nfind acme\n`, cliEnv(dataDir));
    expect(after.stdout).toContain("Logged call");
    expect(after.stdout).toContain("Acme Corp");
    expect(await markedInteractions(dataDir)).toBe(2);
  }, 300_000);

  test("a damaged backup is refused and the directory is left as it was", async () => {
    const damaged = join(work, "damaged.gz");
    const bytes = readFileSync(join(work, "held.gz"));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(damaged, bytes);
    const result = await runCli(["restore", damaged], "", cliEnv(dataDir));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/damaged|not a Rapport backup/);
    expect(await markedInteractions(dataDir)).toBe(2);
    expect(readdirSync(work).filter((entry) => entry.includes(".restoring-"))).toEqual([]);
  }, 120_000);

  test("on PostgreSQL the commands point to pg_dump and pg_restore", async () => {
    const result = await runCli(["backup", join(work, "pg.gz")], "", { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("pg_dump");
  }, 60_000);
});
