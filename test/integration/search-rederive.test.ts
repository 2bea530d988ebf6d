/** Stored customers get the current search keys after migrations, without a re-import. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { rederiveSearchKeys } from "../../src/data/search-keys-rederive.js";
import { buildSearchKeys, SEARCH_KEYS_VERSION } from "../../src/core/text/search-keys.js";
import { openDatabase } from "../../src/data/database.js";

describe.each(testTargets)("search keys re-derivation on $name", (target) => {
  let app: TestApp;
  let tenantId: number;
  const runner = () => ({ query: <T,>(sql: string, params: unknown[] = []) => app.database.prisma.$queryRawUnsafe<T[]>(sql, ...params) });

  /** A customer as version 1 stored it: the full name and pinyin, no legal-form core, no romanization. */
  async function insertOldCustomer(name: string): Promise<number> {
    const rows = await app.database.prisma.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO customers (tenant_id, name, phone, search_name, search_doc, search_grams, search_phones, search_keys_version, updated_at)
       VALUES ($1, $2, '+86 21 6258 3371', $3, $3, ARRAY['삼성']::text[], '862162583371', 1, now()) RETURNING id`,
      tenantId,
      name,
      name.toLowerCase(),
    );
    await app.database.prisma.$executeRawUnsafe(`INSERT INTO contacts (tenant_id, customer_id, name) VALUES ($1, $2, '김민준')`, tenantId, rows[0]!.id);
    return rows[0]!.id;
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant } = await app.rapport.identify(app.actor("rederive-team", "you"));
    tenantId = tenant.id;
  });
  afterAll(async () => app?.drop());

  test("the column's default is the current key version, so new rows are never re-derived", async () => {
    const rows = await app.database.prisma.$queryRawUnsafe<{ column_default: string }[]>(
      `SELECT column_default FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'search_keys_version'`,
    );
    expect(Number(rows[0]!.column_default)).toBe(SEARCH_KEYS_VERSION);
  });

  test("a row with old keys gets the current keys and version; current rows are left alone", async () => {
    const old = await insertOldCustomer("삼성전자 주식회사");
    const store = (await app.rapport.identify(app.actor("rederive-team", "you"))).store;
    expect((await store.customers.search("samseong jeonja", { limit: 5 })).map((hit) => hit.id)).not.toContain(old);

    const rederived = await rederiveSearchKeys(runner());

    expect(rederived).toBe(1);
    const [row] = await app.database.prisma.$queryRawUnsafe<{ search_doc: string; search_phones: string; search_grams: string[]; search_keys_version: number }[]>(
      `SELECT search_doc, search_phones, search_grams, search_keys_version FROM customers WHERE id = $1`,
      old,
    );
    const expected = buildSearchKeys({ name: "삼성전자 주식회사", aliases: [], phone: "+86 21 6258 3371", contacts: [{ name: "김민준" }] });
    expect(row).toEqual({
      search_doc: expected.searchDoc,
      search_phones: expected.searchPhones,
      search_grams: expected.searchGrams,
      search_keys_version: SEARCH_KEYS_VERSION,
    });
    expect((await store.customers.search("samseong jeonja", { limit: 5 }))[0]?.id).toBe(old);
    expect((await store.customers.search("021-6258-3371", { limit: 5 }))[0]?.id).toBe(old);
    expect(await rederiveSearchKeys(runner())).toBe(0);
  });

  // PGlite in memory cannot be reopened; on PostgreSQL, opening the database runs migrations.
  test.skipIf(target.name === "pglite")("opening a database re-derives old rows after the SQL migrations", async () => {
    const old = await insertOldCustomer("현대상사 주식회사");
    const url = (app.database.target as { url: string }).url;
    const reopened = await openDatabase({ kind: "postgres", url }, { poolSize: 1 });
    await reopened.close();
    const [row] = await app.database.prisma.$queryRawUnsafe<{ search_keys_version: number; search_doc: string }[]>(
      `SELECT search_keys_version, search_doc FROM customers WHERE id = $1`,
      old,
    );
    expect(row!.search_keys_version).toBe(SEARCH_KEYS_VERSION);
    expect(row!.search_doc).toContain("hyundai sangsa");
  });
});
