/**
 * Moving a team between the embedded database and PostgreSQL through the real CLI: the demo data
 * (plus values that are easy to get wrong) goes embedded -> PostgreSQL -> embedded with equal
 * checksums, PostgreSQL hands out new ids afterwards, and the refusals: a target that holds data,
 * a directory another process holds.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { BIN, runCli } from "../support/run-cli.js";
import { testTargets } from "../support/test-databases.js";
import { seedAwkwardData } from "../support/awkward-data.js";
import { openDatabase, type DatabaseTarget } from "../../src/data/database.js";
import { listTables, summarizeTable, useCanonicalText, type TableSummary } from "../../src/data/copy-database.js";

const postgres = testTargets.find((target) => target.name === "postgres")!;

async function summariesOf(target: DatabaseTarget): Promise<TableSummary[]> {
  const database = await openDatabase(target, { migrate: false, poolSize: 1 });
  try {
    return await database.transaction(async (sql) => {
      await useCanonicalText(sql);
      const summaries: TableSummary[] = [];
      for (const table of await listTables(sql)) summaries.push(await summarizeTable(sql, table));
      return summaries;
    });
  } finally {
    await database.close();
  }
}

/** The per-table lines of the printed report: table, rows, copied, checksums, verdict. */
function reportRows(stdout: string): string[][] {
  return stdout
    .split("\n")
    .filter((line) => /^[a-z_]+\s+\d+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+\S+$/.test(line))
    .map((line) => line.split(/\s+/));
}

describe("rapport migrate-to-postgres / migrate-from-postgres", () => {
  let work: string;
  let dataDir: string;
  const databases: { target: DatabaseTarget; drop(): Promise<void> }[] = [];
  const env = () => ({ RAPPORT_DATA_DIR: dataDir, RAPPORT_EMBEDDED_FSYNC: "off" });
  const newPostgres = async () => {
    const created = await postgres.create();
    databases.push(created);
    return (created.target as { url: string }).url;
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "rapport-migrate-db-"));
    dataDir = join(work, "data");
    const database = await openDatabase({ kind: "pglite", dataDir, fsync: false });
    try {
      await seedAwkwardData(database);
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    for (const database of databases) await database.drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  test("round trip embedded -> PostgreSQL -> embedded keeps every table's count and checksum", async () => {
    const url = await newPostgres();
    const to = await runCli(["migrate-to-postgres", url], "", env());
    expect(to.code).toBe(0);
    const rows = reportRows(to.stdout);
    expect(rows.map((row) => row[0])).toEqual(expect.arrayContaining(["tenants", "customers", "orders", "audit_events", "tasks", "deals", "write_offs"]));
    expect(rows.every((row) => row[1] === row[2] && row[3] === row[4] && row[5] === "ok")).toBe(true);
    expect(rows.find((row) => row[0] === "customers")![1]).toBe("13");
    expect(to.stdout).toContain(`Set DATABASE_URL=${url}`);
    expect(to.stdout).toContain("Keep RAPPORT_SECRET_KEY");
    expect(to.stdout).toContain(`${dataDir} (RAPPORT_DATA_DIR) is no longer used; keep it as a backup`);

    const embedded = await summariesOf({ kind: "pglite", dataDir, fsync: false });
    expect(await summariesOf({ kind: "postgres", url })).toEqual(embedded);

    // PostgreSQL continues the ids: a new row gets an id above every copied one.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: fresh } = await client.query(
        `INSERT INTO audit_events (tenant_id, action, entity) VALUES (1, 'test', 'customer') RETURNING id, (SELECT max(id) FROM audit_events) AS top`,
      );
      expect(fresh[0].id).toBeGreaterThan(fresh[0].top);
      await client.query(`DELETE FROM audit_events WHERE action = 'test'`);
    } finally {
      await client.end();
    }

    const backDir = join(work, "back");
    const from = await runCli(["migrate-from-postgres", url, "--data-dir", backDir], "", env());
    expect(from.code).toBe(0);
    expect(from.stdout).toContain(`set RAPPORT_DATA_DIR=${backDir}`);
    const back = await summariesOf({ kind: "pglite", dataDir: backDir, fsync: false });
    // The test row above was deleted again: only the sequence moved on, the rows are the same.
    expect(back).toEqual(embedded);

    // The copy answers as Rapport: the console finds the CJK customer in the copied directory.
    const console = await runCli(["console", "--no-demo"], "find 宏達\n", { RAPPORT_DATA_DIR: backDir, RAPPORT_EMBEDDED_FSYNC: "off" });
    expect(console.stdout).toContain("上海宏达贸易有限公司");
  }, 300_000);

  test("a target that already holds Rapport data is refused without being changed", async () => {
    const url = await newPostgres();
    expect((await runCli(["migrate-to-postgres", url], "", env())).code).toBe(0);
    const before = await summariesOf({ kind: "postgres", url });
    const again = await runCli(["migrate-to-postgres", url], "", env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds Rapport data \(.*customers.*\)\. Copy into a new, empty database/);
    expect(await summariesOf({ kind: "postgres", url })).toEqual(before);

    const back = await runCli(["migrate-from-postgres", url, "--data-dir", dataDir], "", env());
    expect(back.code).toBe(1);
    expect(back.stderr).toContain("already holds Rapport data");
  }, 300_000);

  test("a directory another process holds is refused with what to do", async () => {
    const url = await newPostgres();
    const holder = spawn(process.execPath, [BIN, "console", "--no-demo"], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", NODE_OPTIONS: "", ...env() },
      stdio: ["pipe", "pipe", "pipe"],
    });
    try {
      let output = "";
      holder.stdout.on("data", (chunk) => (output += chunk));
      holder.stdin.write("find acme\n");
      while (!output.includes("Acme Corp")) {
        if (holder.exitCode !== null) throw new Error(`the console stopped early:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const result = await runCli(["migrate-to-postgres", url], "", env());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("is in use by another Rapport process");
      expect(result.stderr).toContain("stop Rapport, run migrate-to-postgres again");
    } finally {
      await new Promise((resolve) => {
        holder.on("close", resolve);
        holder.stdin.end();
      });
    }
  }, 240_000);

  test("a URL that is not PostgreSQL is a usage error", async () => {
    const result = await runCli(["migrate-to-postgres", "mysql://localhost/rapport"], "", env());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Usage: rapport migrate-to-postgres <postgres://");
  }, 60_000);
});
