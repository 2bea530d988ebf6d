/** Customer search against real databases (PGlite and PostgreSQL) with the multilingual demo data. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import pg from "pg";
import { inOneRoundTrip, searchStatements, typoStatement, TYPO_SCANNED, TYPO_SCORED, WORD_SIMILARITY_THRESHOLD } from "../../src/data/customer-search.js";
import { buildSearchKeys } from "../../src/core/text/search-keys.js";

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
    ["another legal form", "上海宏达贸易公司", "上海宏达贸易有限公司"],
    ["Simplified with another legal form", "台湾宏达电子有限公司", "台灣宏達電子股份有限公司"],
    ["Korean legal form typed", "삼성전자㈜", "삼성전자"],
    ["Latin legal form typed", "Globex Inc.", "Globex Corporation"],
    ["Chinese words in another order", "宏达 上海", "上海宏达贸易有限公司"],
    ["Chinese with a space", "深圳 华强电子", "深圳华强电子有限公司"],
    ["romanized Korean", "samseong jeonja", "삼성전자"],
    ["romanized Korean, customary spelling", "hyundai sangsa", "현대상사"],
    ["romanized Korean with spaces", "hyeondae sangsa", "현대상사"],
    ["pinyin with spaces", "huaqiang dianzi", "深圳华强电子有限公司"],
    ["pinyin initials without 市", "szhqdz", "深圳华强电子有限公司"],
    ["local phone form", "021-5555-0300", "上海宏达贸易有限公司"],
    ["full-width phone digits", "５５５５ ０３００", "上海宏达贸易有限公司"],
    ["part of a phone number", "5555 03", "上海宏达贸易有限公司"],
    ["two-edit typo", "Globxe Corporaton", "Globex Corporation"],
  ])("%s: %s finds %s", async (_case, query, expected) => {
    const found = await names(query);
    expect(found).toContain(expected);
    expect(found[0]).toBe(expected);
  });

  test.each(["zzqxj", "zzzzzz", "penguin", "飞机场"])("a query that matches nothing returns nothing: %s", async (query) => {
    expect(await names(query)).toEqual([]);
  });

  test("the first tiers sent as one statement return exactly what each tier returns alone", async () => {
    const prisma = app.database.prisma;
    const { tenant } = await app.rapport.identify(app.actor("acme-team", "you"));
    const rowsOf = async (statement: { sql: string; params: unknown[] }) =>
      (await prisma.$queryRawUnsafe<{ id: number; score: number }[]>(statement.sql, ...statement.params)).map((row) => `${row.id}:${Number(row.score)}`).sort();
    let combined = 0;
    for (const query of ["Acme Corp", "glob", "ac", "宏达 上海", "삼성", "hongda", "jane.doe@acme", "(617) 555-0101", "5555 03", "Globxe Corporaton"]) {
      // A restricted rep's scope puts a placeholder between the others: the renumbering must hold.
      for (const scope of [{}, { visibleTo: { memberId: 1 } }]) {
        const { first } = searchStatements(tenant.id, query, 5, scope);
        const separately = (await Promise.all(first.map(rowsOf))).flat().sort();
        expect(await rowsOf(inOneRoundTrip(first)), query).toEqual(separately);
        if (first.length > 1 && separately.length > 0) combined += 1;
      }
    }
    expect(combined).toBeGreaterThan(5);
  });

  test("LIKE wildcards in the query are literal", async () => {
    expect(await names("%")).toEqual([]);
    expect(await names("a_m")).toEqual([]);
  });

  test("a typo search re-checks and scores a bounded number of neighbours, however many there are", async () => {
    const prisma = app.database.prisma;
    const { tenant, store } = await app.rapport.identify(app.actor("typo-crowd", "you"));
    const count = TYPO_SCANNED * 2;
    const keys = Array.from({ length: count }, (_, n) => buildSearchKeys({ name: `Brightway Systems ${n}`, aliases: [], contacts: [] }));
    await prisma.$executeRawUnsafe(
      `INSERT INTO customers (tenant_id, name, search_name, search_doc, search_grams, search_phones, updated_at)
       SELECT $1, 'Brightway Systems ' || (n - 1), k.name, k.doc, '{}', '', now()
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(name, doc, n)`,
      tenant.id,
      keys.map((key) => key.searchName),
      keys.map((key) => key.searchDoc),
    );
    await prisma.$executeRawUnsafe("ANALYZE customers");
    const { typo } = searchStatements(tenant.id, "Brightway Systms", 5);
    const [explained] = await prisma.$queryRawUnsafe<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${typo!.sql}`, ...typo!.params);
    const nodes = flatten(explained!["QUERY PLAN"][0]!.Plan);
    const scanned = Math.max(...nodes.filter((node) => node["Relation Name"] === "customers").map((node) => node["Actual Rows"]));
    expect(scanned).toBe(TYPO_SCANNED);
    const scored = nodes.find((node) => node["Node Type"] === "Limit" && node.Plans?.[0]?.["Node Type"] === "Sort" && node["Actual Rows"] !== 5);
    expect(scored?.["Actual Rows"]).toBe(TYPO_SCORED);
    expect((await store.customers.search("Brightway Systms", { limit: 5 })).map((hit) => hit.name)).toHaveLength(5);
  });

  // PGlite's planner still picks a sequential scan at this size (measured latency: see the benchmark),
  // so the plan is asserted on the PostgreSQL server, where a scan would not survive 1M customers.
  // The statements are the ones searchCustomers sends, one query per kind of tier condition. The
  // server runs them with one generic plan each (Database.read), so that plan is asserted too.
  test.skipIf(target.name === "pglite")("at 60,000 customers every search statement is answered by an index", async () => {
    const prisma = app.database.prisma;
    const { tenant } = await app.rapport.identify(app.actor("plan-team", "you"));
    await prisma.$executeRawUnsafe(
      `INSERT INTO customers (tenant_id, name, search_name, search_doc, search_grams, search_phones, updated_at)
       SELECT $1, 'Customer ' || n, 'customer ' || n,
              '| customer ' || n || ' | customer ' || n || ' | ' || md5(n::text) || ' | ~~ ' || md5((n + 1)::text) || ' ~~ c' || n || ' ~~ ',
              ARRAY[chr(19968 + n % 500) || chr(19968 + n % 300), substr(md5(n::text), 1, 2)],
              (10000000 + n)::text || ' ' || (8610000000 + n)::text, now()
       FROM generate_series(1, 60000) AS n`,
      tenant.id,
    );
    await prisma.$executeRawUnsafe("ANALYZE customers");
    const cases: [string, "prefix" | "candidates" | "typo", RegExp][] = [
      ["customer 12", "prefix", /customers_search_name_prefix/],
      ["acme widgets", "candidates", /customers_search_doc_trgm/],
      ["宏达 上海", "candidates", /customers_search_grams_gin/],
      ["LG", "candidates", /customers_search_grams_gin/],
      ["021-6258-3371", "candidates", /customers_search_grams_gin/],
      ["62583", "candidates", /customers_search_phones_trgm/],
      ["custmer widgts", "typo", /customers_search_typo_trgm/],
      ["宏达", "candidates", /customers_search_grams_gin/],
      ["上海宏达贸易", "candidates", /customers_search_(grams_gin|doc_trgm)/],
      ["LG 宏达", "candidates", /customers_search_grams_gin/],
    ];
    const generic = new pg.Client({
      connectionString: (app.database.target as { url: string }).url,
      options: `-c plan_cache_mode=force_generic_plan -c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}`,
    });
    await generic.connect();
    const expectGenericPlanUses = async (label: string, statement: { sql: string; params: unknown[] }, index: RegExp) => {
      const plan = await genericPlan(generic, statement);
      expect(plan, `generic plan of ${label}:\n${plan}`).toMatch(index);
      expect(plan, `generic plan of ${label}:\n${plan}`).not.toMatch(/Seq Scan on customers/);
    };
    try {
      for (const [query, tier, index] of cases) {
        const { first, typo } = searchStatements(tenant.id, query, 5);
        if (tier === "typo") await expectGenericPlanUses(`"${query}"`, typo!, index);
        else await expectGenericPlanUses(`"${query}"`, inOneRoundTrip(first), index);
        // A name prefix is a range of the index, not a walk through all of it.
        if (tier === "prefix") expect(await genericPlan(generic, first[0]!)).toMatch(/Index Cond: .*search_name ~>=~/);
      }
      // Two Han characters make no trigram: a trigram index would read every row of its tenant.
      expect(await genericPlan(generic, inOneRoundTrip(searchStatements(tenant.id, "宏达", 5).first))).not.toMatch(/customers_search_doc_trgm/);
      const corrected = typoStatement(tenant.id, searchStatements(tenant.id, "custmer widgts", 5).query, 5, {}, [["customer"], ["widgets", "widget"]]);
      await expectGenericPlanUses("corrected typo words", corrected!, /customers_search_typo_trgm/);
    } finally {
      await generic.end();
    }

    for (const [query, tier, index] of cases) {
      const { first, typo } = searchStatements(tenant.id, query, 5);
      const statement = [...first, ...(typo ? [typo] : [])].find((candidate) => candidate.tier === tier)!;
      const plan = (await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.sql}`, ...statement.params))
        .map((row) => row["QUERY PLAN"])
        .join("\n");
      expect(plan, `${tier} tier of "${query}":\n${plan}`).toMatch(index);
      expect(plan, `${tier} tier of "${query}"`).not.toMatch(/Seq Scan on customers/);
      // As searchCustomers sends them: the first tiers in one statement, each planned as it is alone.
      if (tier !== "typo" && first.length > 1) {
        const explain = async (statement: { sql: string; params: unknown[] }) =>
          (await prisma.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.sql}`, ...statement.params)).map((row) => row["QUERY PLAN"]).join("\n");
        const scans = (text: string) => [...text.matchAll(/(Seq Scan|Index Scan|Index Only Scan|Bitmap Index Scan)(?: using (\w+))? on customers/g)].map((match) => `${match[1]} ${match[2] ?? ""}`).sort();
        const joint = await explain(inOneRoundTrip(first));
        const alone = (await Promise.all(first.map(explain))).join("\n");
        expect(joint, `first tiers of "${query}" together:\n${joint}`).toMatch(index);
        expect(scans(joint), `first tiers of "${query}" together:\n${joint}`).toEqual(scans(alone));
      }
    }
  });
});

/** EXPLAIN of a statement's generic plan: prepared with its parameters left open, then run with its values. */
async function genericPlan(client: pg.Client, statement: { sql: string; params: unknown[] }): Promise<string> {
  await client.query(`PREPARE generic_probe AS ${statement.sql}`);
  try {
    const literal = (value: unknown) =>
      value === null ? "NULL" : client.escapeLiteral(Array.isArray(value) ? `{${value.map((item) => `"${String(item).replace(/["\\]/g, "\\$&")}"`).join(",")}}` : String(value));
    const explained = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN EXECUTE generic_probe(${statement.params.map(literal).join(", ")})`);
    return explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("DEALLOCATE generic_probe");
  }
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Actual Rows": number; Plans?: PlanNode[] };

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)];
}
