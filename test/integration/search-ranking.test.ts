/**
 * One test per ranking signal (src/data/search-ranking.ts), on PGlite and PostgreSQL: the score
 * band a match earns, and that a stronger signal outranks a weaker one.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadBook } from "../fixtures/search-book/score.js";
import type { BookCustomer } from "../fixtures/search-book/generate.js";
import type { CustomerHit } from "../../src/core/domain.js";

function customer(name: string, extra: Partial<BookCustomer> = {}): BookCustomer {
  return { key: name, name, aliases: [], email: "", phone: "", website: null, contacts: [], facts: { script: "distractor" }, ...extra };
}

const BOOK = [
  customer("Brightway Systems GmbH", { contacts: [{ name: "Jürgen Weber", email: "j.weber@brightway.example", phone: "" }] }),
  customer("Brightway Systems Asia Pacific GmbH"),
  customer("엘지전자 주식회사", { aliases: ["LG"] }),
  customer("LGT Logistik GmbH", { email: "lg@lgt.example" }),
  customer("上海宏达贸易有限公司", { phone: "+86 21 5555 0300" }),
  customer("上海宏达电子有限公司"),
];

describe.each(testTargets)("search ranking signals on $name", (target) => {
  let app: TestApp;
  let search: (query: string) => Promise<CustomerHit[]>;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant, store } = await app.rapport.identify(app.actor("ranking-team", "you"));
    await loadBook(app.database.prisma, tenant.id, BOOK);
    search = (query) => store.customers.search(query, { limit: 5 });
  });
  afterAll(async () => app?.drop());

  test.each([
    ["name without legal form equals the query", "Brightway Systems", "Brightway Systems GmbH", 1.0, 1.05],
    ["another legal form is the same name", "Brightway Systems Inc.", "Brightway Systems GmbH", 1.0, 1.05],
    ["alias equals the query", "LG", "엘지전자 주식회사", 0.95, 1.0],
    ["romanization equals the query", "elji", "엘지전자 주식회사", 0.85, 1.0],
    ["name starts with the query", "Brightway Sys", "Brightway Systems GmbH", 0.9, 0.95],
    ["a reading starts with the query", "shanghaihongdamao", "上海宏达贸易有限公司", 0.85, 0.9],
    ["phone contains the digits", "021-5555-0300", "上海宏达贸易有限公司", 0.85, 0.9],
    ["every word in the names, any order", "systems brightway", "Brightway Systems GmbH", 0.8, 0.85],
    ["every word in contacts or emails", "jurgen weber", "Brightway Systems GmbH", 0.7, 0.75],
    ["initials equal the query", "shhdmy", "上海宏达贸易有限公司", 0.65, 0.7],
    ["initials contain the query", "shhdm", "上海宏达贸易有限公司", 0.6, 0.65],
    ["typo neighbours", "Brigthway Systms", "Brightway Systems GmbH", 0.3, 0.65],
  ])("%s: %s ranks %s first with a score in [%d, %d)", async (_signal, query, expected, low, high) => {
    const hits = await search(query);
    expect(hits[0]?.name).toBe(expected);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(low);
    expect(hits[0]!.score).toBeLessThan(high);
  });

  test("an alias equal to the query outranks a name that starts with it and an email that contains it", async () => {
    expect((await search("LG")).map((hit) => hit.name)).toEqual(["엘지전자 주식회사", "LGT Logistik GmbH"]);
  });

  test("among equal matches the name the query covers most comes first", async () => {
    const hits = await search("brightway");
    expect(hits.map((hit) => hit.name)).toEqual(["Brightway Systems GmbH", "Brightway Systems Asia Pacific GmbH"]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  test("typo neighbours are not searched when the text matched", async () => {
    // "brightway" matches by prefix; the typo tier would add "Brightway"-like neighbours at ≤ 0.6.
    expect((await search("brightway")).every((hit) => hit.score >= 0.9)).toBe(true);
  });
});
