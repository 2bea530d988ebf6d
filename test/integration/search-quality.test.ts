/**
 * Search quality on the generated multilingual book (test/fixtures/search-book), on PGlite and
 * PostgreSQL: the goal thresholds of issue 15. `npm run search:score` prints the by-kind table
 * on a bigger book.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { generateSearchBook } from "../fixtures/search-book/generate.js";
import { formatScore, loadBook, scoreBook, type BookScore } from "../fixtures/search-book/score.js";

const book = generateSearchBook({ customers: 3000, queriesPerKind: 40 });

describe.each(testTargets)("search quality on $name", (target) => {
  let app: TestApp;
  let score: BookScore;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant, store } = await app.rapport.identify(app.actor("search-book", "you"));
    const ids = await loadBook(app.database.prisma, tenant.id, book.customers);
    await app.database.prisma.$executeRawUnsafe("ANALYZE customers");
    score = await scoreBook(book.queries, ids, (text) => store.customers.search(text, { limit: 5 }));
  }, 240_000);
  afterAll(async () => app?.drop());

  test("every kind of query is in the book", () => {
    expect(score.byKind.map((kind) => kind.kind).sort()).toEqual(
      ["Chinese with spaces", "contact", "exact name", "legal form", "local phone", "nonsense", "pinyin initials", "pinyin with spaces", "romanized Korean", "short Latin / alias", "two-edit typo"],
    );
  });

  test("the wanted customer is in the top 5 for 97 % of queries and first for 90 %", () => {
    const table = formatScore(score);
    expect(score.top5, table).toBeGreaterThanOrEqual(0.97);
    expect(score.first, table).toBeGreaterThanOrEqual(0.9);
  });

  test("queries with no sensible match return nothing 95 % of the time", () => {
    expect(score.nonsenseEmpty, score.byKind.find((kind) => kind.kind === "nonsense")?.misses.join("\n")).toBeGreaterThanOrEqual(0.95);
  });

  test("no kind of query falls below 85 % in the top 5", () => {
    for (const kind of score.byKind.filter((entry) => entry.kind !== "nonsense")) {
      expect(kind.top5 / kind.queries, `${kind.kind}: ${kind.misses.join("; ")}`).toBeGreaterThanOrEqual(0.85);
    }
  });
});
