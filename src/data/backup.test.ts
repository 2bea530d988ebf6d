import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { openDatabase, type Database } from "./database.js";
import { migrationsDir } from "./migrate.js";
import { BackupFileError, BackupVersionError, readBackupHeader, restoreBackup, writeBackup } from "./backup.js";
import { listTables, summarizeTable, useCanonicalText, type TableSummary } from "./copy-database.js";
import { seedAwkwardData } from "../../test/support/awkward-data.js";

async function summariesOf(database: Database): Promise<TableSummary[]> {
  return database.transaction(async (sql) => {
    await useCanonicalText(sql);
    const summaries: TableSummary[] = [];
    for (const table of await listTables(sql)) summaries.push(await summarizeTable(sql, table));
    return summaries;
  });
}

async function summariesIn(dataDir: string): Promise<TableSummary[]> {
  const database = await openDatabase({ kind: "pglite", dataDir, fsync: false }, { migrate: false });
  try {
    return await summariesOf(database);
  } finally {
    await database.close();
  }
}

/** Rewrites the backup's lines (it is gzip of JSON lines). */
function editBackup(from: string, to: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(readFileSync(from)).toString("utf8").split("\n");
  writeFileSync(to, gzipSync(edit(lines).join("\n")));
}

describe("writeBackup and restoreBackup", () => {
  let work: string;
  let source: Database;
  let expected: TableSummary[];
  let file: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "rapport-backup-"));
    source = await openDatabase({ kind: "pglite", dataDir: null });
    await seedAwkwardData(source);
    expected = await summariesOf(source);
    file = join(work, "rapport.backup.gz");
    await writeBackup(source, file, { batchRows: 5 });
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test("the backup names its format, migrations and tables, and leaves no partial file", async () => {
    const header = await readBackupHeader(file);
    expect(header.format).toBe("rapport-backup");
    expect(header.migrations).toEqual(readdirSync(migrationsDir).filter((name) => existsSync(join(migrationsDir, name, "migration.sql"))).sort());
    expect(header.tables).toContain("customers");
    expect(readdirSync(work)).toEqual(["rapport.backup.gz"]);
  });

  test("restoring into a new directory gives the same tables, row for row", async () => {
    const dataDir = join(work, "fresh");
    const report = await restoreBackup({ dataDir, file, fsync: false, batchRows: 5 });
    expect(report.keptAs).toBeNull();
    expect(report.tables).toEqual(expected.filter((table) => report.tables.some((restored) => restored.table === table.table)));
    expect(await summariesIn(dataDir)).toEqual(expected);
    expect(readdirSync(work).filter((entry) => entry.includes("restoring"))).toEqual([]);
  }, 120_000);

  test("restoring over an existing directory keeps the old one beside it", async () => {
    const dataDir = join(work, "existing");
    await restoreBackup({ dataDir, file, fsync: false });
    const report = await restoreBackup({ dataDir, file, fsync: false, now: () => new Date("2026-11-27T14:00:00Z") });
    expect(report.keptAs).toBe(`${dataDir}.before-restore-2026-11-27T14-00-00-000Z`);
    expect(existsSync(join(report.keptAs!, "PG_VERSION"))).toBe(true);
    expect(existsSync(join(report.keptAs!, "rapport.lock"))).toBe(false);
    expect(await summariesIn(dataDir)).toEqual(expected);
  }, 180_000);

  test("on a mount point the swap happens inside the directory", async () => {
    const dataDir = join(work, "volume");
    await restoreBackup({ dataDir, file, fsync: false, layout: "inside" });
    const report = await restoreBackup({ dataDir, file, fsync: false, layout: "inside", now: () => new Date("2026-11-27T15:00:00Z") });
    expect(report.keptAs).toBe(join(dataDir, "before-restore-2026-11-27T15-00-00-000Z"));
    expect(existsSync(join(report.keptAs!, "PG_VERSION"))).toBe(true);
    expect(readdirSync(dataDir).filter((entry) => entry.startsWith("restoring-"))).toEqual([]);
    expect(await summariesIn(dataDir)).toEqual(expected);
  }, 180_000);

  test.each([
    { name: "a row changed", edit: (lines: string[]) => lines.map((line) => line.replace("Acme Corp", "Acme Corq")), error: /does not match its checksum/ },
    { name: "a row removed", edit: (lines: string[]) => lines.filter((line, index) => index !== 5), error: /ends early|not where the header says|does not match/ },
    { name: "the end cut off", edit: (lines: string[]) => lines.slice(0, lines.length - 3), error: /ends early|truncated/ },
    { name: "not a backup at all", edit: () => ["name,phone", "Acme,1"], error: /not a Rapport backup/ },
  ])("a backup with $name is refused and the directory is left as it was", async ({ edit, error }) => {
    const dataDir = join(work, "kept");
    if (!existsSync(dataDir)) await restoreBackup({ dataDir, file, fsync: false });
    const damaged = join(work, "damaged.gz");
    editBackup(file, damaged, edit);
    const failure = await restoreBackup({ dataDir, file: damaged, fsync: false }).catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(BackupFileError);
    expect((failure as Error).message).toMatch(error);
    expect(readdirSync(work).filter((entry) => entry.startsWith("kept."))).toEqual([]);
    expect(await summariesIn(dataDir)).toEqual(expected);
  }, 180_000);

  test("a backup into a folder that does not exist fails and leaves nothing behind", async () => {
    await expect(writeBackup(source, join(work, "missing", "x.gz"))).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(work, "missing"))).toBe(false);
  });

  test("a file that is not gzip at all is refused", async () => {
    const garbage = join(work, "garbage.gz");
    writeFileSync(garbage, "PK\u0003\u0004 definitely not gzip");
    await expect(restoreBackup({ dataDir: join(work, "never"), file: garbage, fsync: false })).rejects.toBeInstanceOf(BackupFileError);
  });

  test("a backup from a newer Rapport (a migration this version lacks) is refused", async () => {
    const newer = join(work, "newer.gz");
    editBackup(file, newer, ([header, ...rest]) => {
      const parsed = JSON.parse(header!) as { migrations: string[] };
      parsed.migrations.push("29991231000000_from_the_future");
      return [JSON.stringify(parsed), ...rest];
    });
    await expect(restoreBackup({ dataDir: join(work, "never"), file: newer, fsync: false })).rejects.toBeInstanceOf(BackupVersionError);
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});

describe("a backup made by an older Rapport", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "rapport-backup-old-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("is loaded at its own schema, then migrated to this version", async () => {
    const all = readdirSync(migrationsDir).filter((name) => existsSync(join(migrationsDir, name, "migration.sql"))).sort();
    const older = join(work, "migrations");
    mkdirSync(older);
    for (const name of all.slice(0, 3)) cpSync(join(migrationsDir, name), join(older, name), { recursive: true });
    const old = await openDatabase({ kind: "pglite", dataDir: null }, { migrationsDir: older });
    const file = join(work, "old.gz");
    try {
      await old.transaction(async (sql) => {
        await sql.query(`INSERT INTO tenants (platform, external_id, name) VALUES ('console', 'local', 'Local')`);
        await sql.query(`INSERT INTO customers (tenant_id, name, updated_at) VALUES (1, 'Acme Corp', now()), (1, '宏達貿易', now())`);
      });
      await writeBackup(old, file);
    } finally {
      await old.close();
    }
    const dataDir = join(work, "data");
    const report = await restoreBackup({ dataDir, file, fsync: false });
    expect(report.migrated).toEqual(all.slice(3));
    const restored = await openDatabase({ kind: "pglite", dataDir, fsync: false }, { migrate: false });
    try {
      expect((await restored.prisma.customer.findMany({ orderBy: { id: "asc" } })).map((customer) => customer.name)).toEqual(["Acme Corp", "宏達貿易"]);
    } finally {
      await restored.close();
    }
  }, 180_000);
});
