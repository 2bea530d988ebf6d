/**
 * Search quality on the generated multilingual book (test/fixtures/search-book): recall by kind
 * of query. `npm run search:score -- [--db pglite|postgres] [--customers 20000] [--per-kind 200] [--misses]`
 */
import { parseArgs } from "node:util";
import { testTargets } from "../test/support/test-databases.js";
import { createTestApp } from "../test/support/test-app.js";
import { generateSearchBook } from "../test/fixtures/search-book/generate.js";
import { formatScore, loadBook, scoreBook } from "../test/fixtures/search-book/score.js";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "pglite" },
    customers: { type: "string", default: "20000" },
    "per-kind": { type: "string", default: "200" },
    misses: { type: "boolean", default: false },
  },
});

const target = testTargets.find((candidate) => candidate.name === values.db);
if (!target) throw new Error(`--db must be one of ${testTargets.map((candidate) => candidate.name).join(", ")}`);
const book = generateSearchBook({ customers: Number(values.customers), queriesPerKind: Number(values["per-kind"]) });
const app = await createTestApp(target);
try {
  const { tenant, store } = await app.rapport.identify(app.actor("search-book", "you"));
  const ids = await loadBook(app.database.prisma, tenant.id, book.customers);
  await app.database.prisma.$executeRawUnsafe("ANALYZE customers");
  const score = await scoreBook(book.queries, ids, (text) => store.customers.search(text, { limit: 5 }));
  process.stdout.write(
    `${book.customers.length} customers, ${book.queries.length} queries on ${target.name}; one search: p50 ${score.p50Ms.toFixed(1)} ms, p99 ${score.p99Ms.toFixed(1)} ms\n\n${formatScore(score)}\n`,
  );
  if (values.misses) {
    for (const kind of score.byKind) for (const miss of kind.misses) process.stdout.write(`${kind.kind}: ${miss}\n`);
    process.stdout.write(`\nslowest:\n${score.slowest.join("\n")}\n`);
  }
} finally {
  await app.drop();
}
