import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "./database.js";
import { seedAwkwardData } from "../../test/support/awkward-data.js";
import { copyDatabase, CopyRefusedError, foreignKeyOrder, listTables, summarizeTable, useCanonicalText } from "./copy-database.js";

describe("foreignKeyOrder", () => {
  const tables = (...names: string[]) => names.map((name) => ({ name }));
  test.each([
    { name: "GIVEN a chain THEN parents come first", tables: tables("c", "b", "a"), references: [{ child: "c", parent: "b" }, { child: "b", parent: "a" }], order: ["a", "b", "c"] },
    { name: "GIVEN independent tables THEN alphabetical", tables: tables("z", "m"), references: [], order: ["m", "z"] },
    { name: "GIVEN a self reference THEN it does not block the table", tables: tables("tree", "root"), references: [{ child: "tree", parent: "tree" }, { child: "tree", parent: "root" }], order: ["root", "tree"] },
  ])("$name", ({ tables, references, order }) => {
    expect(foreignKeyOrder(tables, references).map((table) => table.name)).toEqual(order);
  });

  test("GIVEN a cycle between two tables THEN the copy is refused", () => {
    expect(() => foreignKeyOrder(tables("a", "b"), [{ child: "a", parent: "b" }, { child: "b", parent: "a" }])).toThrow(CopyRefusedError);
  });
});

async function summaries(database: Database) {
  return database.transaction(async (sql) => {
    await useCanonicalText(sql);
    const tables = await listTables(sql);
    return Promise.all(tables.map((table) => summarizeTable(sql, table, 7)));
  });
}

describe("copyDatabase between two embedded databases", () => {
  let source: Database;
  let target: Database;
  beforeAll(async () => {
    source = await openDatabase({ kind: "pglite", dataDir: null });
    target = await openDatabase({ kind: "pglite", dataDir: null });
    await seedAwkwardData(source);
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  test("copies every table with equal counts and checksums, in batches smaller than a table", async () => {
    const report = await copyDatabase({ source, target, batchRows: 7 });
    expect(report.tables.map((table) => table.table)).toContain("customers");
    expect(report.tables.indexOf(report.tables.find((table) => table.table === "tenants")!)).toBeLessThan(report.tables.findIndex((table) => table.table === "customers"));
    expect(report.tables.find((table) => table.table === "customers")!.rows).toBeGreaterThan(7);
    for (const table of report.tables) {
      expect(table.targetRows).toBe(table.rows);
      expect(table.targetChecksum).toBe(table.sourceChecksum);
    }
    expect(await summaries(target)).toEqual(await summaries(source));
  }, 120_000);

  test("values arrive exactly: bigint past 2^53, jsonb, CJK and emoji text, arrays", async () => {
    const [row] = await target.prisma.$queryRawUnsafe<{ credit: string; aliases: string[]; name: string }[]>(
      `SELECT credit_limit::text AS credit, aliases, name FROM customers WHERE credit_limit = 9007199254740993`,
    );
    expect(row).toEqual({ credit: "9007199254740993", aliases: ["宏達", "홍다"], name: '上海宏达贸易有限公司 "引号" \\ 😀' });
    const [audit] = await target.prisma.$queryRawUnsafe<{ after: string }[]>(`SELECT after::text AS after FROM audit_events WHERE action = 'customer.update' AND after ? 'amounts'`);
    expect(audit?.after).toContain("12345678901234567890");
  });

  test("sequences continue after the source's, so new rows get new ids", async () => {
    const next = async (database: Database) =>
      (await database.prisma.$queryRawUnsafe<{ id: number }[]>(`INSERT INTO audit_events (tenant_id, action, entity) VALUES (1, 'x', 'y') RETURNING id`))[0]!.id;
    expect(await next(target)).toBe(await next(source));
  });

  test("a target that already holds data is refused and left as it was", async () => {
    const before = await summaries(target);
    await expect(copyDatabase({ source, target })).rejects.toThrow(/already holds Rapport data/);
    expect(await summaries(target)).toEqual(before);
  });
});
