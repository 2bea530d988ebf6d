/**
 * Baselines on the same data, in the same run:
 *  (a) naive: `ILIKE '%q%'` over name and search_doc with index scans disabled (a sequential scan);
 *  (b) in memory: load every customer of the tenant and search with Fuse.js;
 *  (c) the floor: the statements one search executes (every tier, recorded), replayed through pg / PGlite (no Prisma).
 * Plus EXPLAIN (ANALYZE, BUFFERS) of one query per class, to explain the slow ones.
 */
import Fuse from "fuse.js";
import { buildSearchQuery } from "../src/core/text/search-keys.js";
import type { RecordedFinds } from "./floor.js";
import type { Sql } from "./db.js";
import { summarize, timed, type Stats } from "./measure.js";
import type { BenchQuery } from "./queries.js";

export type ClassStats = { klass: string; stats: Stats; found: number | null; expected: number; meanHits: number; samples?: number[] };

function byClass(queries: BenchQuery[]): Map<string, BenchQuery[]> {
  const groups = new Map<string, BenchQuery[]>();
  for (const query of queries) groups.set(query.klass, [...(groups.get(query.klass) ?? []), query]);
  return groups;
}

async function measureClasses(
  queries: BenchQuery[],
  passes: number,
  budgetMsPerClass: number,
  run: (query: BenchQuery) => Promise<{ name: string }[]>,
  warmUp = true,
): Promise<ClassStats[]> {
  const results: ClassStats[] = [];
  for (const [klass, group] of byClass(queries)) {
    if (warmUp) for (const query of group) await run(query);
    const samples: number[] = [];
    let found = 0;
    let expected = 0;
    let hits = 0;
    const started = performance.now();
    outer: for (let pass = 0; pass < passes; pass++) {
      for (const query of group) {
        const { ms, value } = await timed(() => run(query));
        samples.push(ms);
        hits += value.length;
        if (pass === 0 && query.expect) {
          expected += 1;
          if (value.slice(0, 10).some((hit) => hit.name === query.expect)) found += 1;
        }
        if (pass > 0 && performance.now() - started > budgetMsPerClass) break outer;
      }
      if (performance.now() - started > budgetMsPerClass) break;
    }
    results.push({ klass, stats: summarize(samples), found: expected ? found : null, expected, meanHits: Math.round((hits / samples.length) * 10) / 10, samples });
  }
  return results;
}

export async function floorBaseline(sql: Sql, recorded: RecordedFinds, queries: BenchQuery[], passes: number, budgetMsPerClass: number): Promise<ClassStats[]> {
  return measureClasses(queries, passes, budgetMsPerClass, async (query) => {
    // The JS-side key building is part of the floor too (it is the same work Rapport does).
    buildSearchQuery(query.text);
    const rows: { name: string }[] = [];
    for (const statement of recorded.get(query.text) ?? []) rows.push(...(await sql.query<{ name: string }>(statement.sql, statement.params)));
    return rows;
  });
}

export async function naiveBaseline(sql: Sql, tenantId: number, queries: BenchQuery[], budgetMsPerClass: number): Promise<ClassStats[]> {
  return measureClasses(
    queries,
    1,
    budgetMsPerClass,
    async (query) => {
      const like = `%${query.text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const normalized = `%${buildSearchQuery(query.text).text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      await sql.exec("BEGIN");
      try {
        await sql.exec("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off");
        return await sql.query<{ name: string }>(
          `SELECT id, name FROM customers WHERE tenant_id = $1 AND (name ILIKE $2 OR search_doc ILIKE $3) ORDER BY name LIMIT 11`,
          [tenantId, like, normalized],
        );
      } finally {
        await sql.exec("COMMIT");
      }
    },
    false,
  );
}

type FuseRow = { id: number; name: string; aliases: string[] | null; email: string | null; phone: string | null; city: string | null };

export type FuseResult = { loadMs: number; indexMs: number; rows: number; classes: ClassStats[] };

/** What many bots do: SELECT every customer, build a Fuse index, search in memory. */
export async function fuseBaseline(sql: Sql, tenantId: number, queries: BenchQuery[], budgetMsPerClass: number): Promise<FuseResult> {
  const loaded = await timed(() => sql.query<FuseRow>(`SELECT id, name, aliases, email, phone, city FROM customers WHERE tenant_id = $1`, [tenantId]));
  const indexed = await timed(async () => new Fuse(loaded.value, { keys: ["name", "aliases", "email", "phone"], threshold: 0.3, ignoreLocation: true }));
  const fuse = indexed.value;
  const classes = await measureClasses(queries, 1, budgetMsPerClass, async (query) => fuse.search(query.text, { limit: 11 }).map((result) => result.item), false);
  return { loadMs: Math.round(loaded.ms), indexMs: Math.round(indexed.ms), rows: loaded.value.length, classes };
}

/** EXPLAIN (ANALYZE, BUFFERS) of every statement the first query of each class executes. */
export async function explainClasses(sql: Sql, recorded: RecordedFinds, queries: BenchQuery[]): Promise<Record<string, { query: string; plan: string }>> {
  const plans: Record<string, { query: string; plan: string }> = {};
  for (const [klass, group] of byClass(queries)) {
    const query = group[0]!;
    const statements = recorded.get(query.text) ?? [];
    if (!statements.length) continue;
    const parts: string[] = [];
    for (const statement of statements) {
      const rows = await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
      parts.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
    }
    plans[klass] = { query: query.text, plan: parts.join("\n-- next statement of the same find --\n") };
  }
  return plans;
}
