/** Customer search against real databases (PGlite and PostgreSQL) with the multilingual demo data. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";

describe.each(testTargets)("customer search on $name", (target) => {
  let app: TestApp;
  let names: (query: string) => Promise<string[]>;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant, store } = await app.rapport.identify(app.actor("acme-team", "you"));
    await loadDemoData(app.database.prisma, tenant.id, FIXED_NOW.toISOString().slice(0, 10));
    names = async (query) => (await store.customers.search(query, { limit: 5 })).map((hit) => hit.name);
  });
  afterAll(async () => app?.drop());

  test.each([
    ["exact name", "Acme Corp", "Acme Corp"],
    ["typo", "acme crop", "Acme Corp"],
    ["prefix", "glob", "Globex Corporation"],
    ["two-letter prefix", "ac", "Acme Corp"],
    ["accent folded", "Muller", "Müller GmbH"],
    ["accent typed", "müller", "Müller GmbH"],
    ["accent in French name", "cafe lumiere", "Café Lumière SARL"],
    ["2-character Simplified substring", "宏达", "上海宏达贸易有限公司"],
    ["Traditional finds Simplified", "宏達", "上海宏达贸易有限公司"],
    ["Simplified finds Traditional", "台湾宏达", "台灣宏達電子股份有限公司"],
    ["single Han character", "沪".replace("沪", "强"), "深圳华强电子有限公司"],
    ["Hangul", "삼성", "삼성전자"],
    ["Hangul initials", "ㅅㅅ", "삼성전자"],
    ["pinyin", "hongda", "上海宏达贸易有限公司"],
    ["pinyin initials", "shhd", "上海宏达贸易有限公司"],
    ["alias", "Samsung", "삼성전자"],
    ["contact name", "John Smith", "Acme Corp"],
    ["contact name in Chinese", "王伟", "上海宏达贸易有限公司"],
    ["email", "jane.doe@acme", "Acme Corp"],
    ["phone with punctuation", "(617) 555-0101", "Acme Corp"],
    ["phone digits only", "01055550501", "삼성전자"],
  ])("%s: %s finds %s", async (_case, query, expected) => {
    const found = await names(query);
    expect(found).toContain(expected);
    expect(found[0]).toBe(expected);
  });

  test("a query that matches nothing returns nothing", async () => {
    expect(await names("zzqxj")).toEqual([]);
  });

  test("LIKE wildcards in the query are literal", async () => {
    expect(await names("%")).toEqual([]);
    expect(await names("a_m")).toEqual([]);
  });

  // PGlite's planner still picks a sequential scan at this size (measured latency: see the benchmark),
  // so the plan is asserted on the PostgreSQL server, where a scan would not survive 1M customers.
  test.skipIf(target.name === "pglite")("at 60,000 customers the search predicates are answered by the trigram and gram indexes", async () => {
    const prisma = app.database.prisma;
    const { tenant } = await app.rapport.identify(app.actor("plan-team", "you"));
    await prisma.$executeRawUnsafe(
      `INSERT INTO customers (tenant_id, name, search_name, search_doc, search_grams, updated_at)
       SELECT $1, 'Customer ' || n, 'customer ' || n, 'customer ' || n || ' | ' || md5(n::text), ARRAY[chr(19968 + n % 500) || chr(19968 + n % 300)], now()
       FROM generate_series(1, 60000) AS n`,
      tenant.id,
    );
    await prisma.$executeRawUnsafe("ANALYZE customers");
    // At a few thousand rows the planner rightly prefers a sequential scan; at tens of thousands
    // it must pick the composite (tenant_id, search key) GIN indexes.
    const explain = async (sql: string) =>
      (await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`)).map((row) => row["QUERY PLAN"]).join("\n");
    const plan = await explain(`SELECT id FROM customers WHERE tenant_id = ${tenant.id} AND (search_doc LIKE '%acme%' OR 'acme' <% search_doc)`);
    expect(plan).toMatch(
      /Bitmap Index Scan on customers_search_doc_trgm/,
    );
    expect(await explain(`SELECT id FROM customers WHERE tenant_id = ${tenant.id} AND search_grams @> ARRAY['宏达']`)).toMatch(
      /Bitmap Index Scan on customers_search_grams_gin/,
    );
  });
});
