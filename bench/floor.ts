/**
 * The throughput floor of `find`: exactly the statements one `find` executes (recorded from a real
 * search against the same data, every tier in order), replayed without Rapport. On PostgreSQL by
 * pgbench (`-M prepared`, the same concurrency, the same query mix), and by the pg driver from
 * Node; on PGlite by PGlite alone, one statement at a time as PGlite serves them.
 * Each of Rapport's layers is then reported as a fraction of that floor's throughput.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { searchCustomers } from "../src/data/customer-search.js";
import type { DbClient } from "../src/data/client-types.js";
import { WORD_SIMILARITY_THRESHOLD } from "../src/data/customer-search.js";
import type { Sql } from "./db.js";
import { runConcurrent, summarize, type Stats } from "./measure.js";

const run = promisify(execFile);

export type Statement = { sql: string; params: unknown[] };

export type FloorRun = { layer: string; concurrency: number; cmdsPerSec: number; p50Ms: number; p99Ms: number; note?: string };

/** Every statement one search executes, in order, recorded while it runs against the real database. */
export async function recordSearchStatements(sql: Sql, tenantId: number, text: string): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recorder = {
    $queryRawUnsafe: async (statement: string, ...params: unknown[]) => {
      statements.push({ sql: statement, params });
      return sql.query(statement, params);
    },
  } as unknown as DbClient;
  await searchCustomers(recorder, tenantId, text, { limit: 11 });
  return statements;
}

/** The statements of every query's search, recorded once and shared by the floor, EXPLAIN and the concurrency runs. */
export type RecordedFinds = ReadonlyMap<string, Statement[]>;

export async function recordFinds(sql: Sql, tenantId: number, texts: readonly string[]): Promise<RecordedFinds> {
  const recorded = new Map<string, Statement[]>();
  for (const text of texts) if (!recorded.has(text)) recorded.set(text, await recordSearchStatements(sql, tenantId, text));
  return recorded;
}

/** A parameter as an SQL literal; arrays as PostgreSQL array literals (typed by the statement's own casts). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (Array.isArray(value)) {
    const elements = value.map((element) => `"${String(element).replace(/["\\]/g, (char) => `\\${char}`)}"`);
    return literal(`{${elements.join(",")}}`);
  }
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The statement with its parameters written in, for a pgbench script (highest number first: $10 before $1). */
export function inlineParameters(statement: Statement): string {
  return statement.sql.replace(/\$(\d+)/g, (_match, index: string) => literal(statement.params[Number(index) - 1])).replace(/\s+/g, " ").trim();
}

function pgbenchLatencies(logDir: string): number[] {
  const samples: number[] = [];
  for (const file of readdirSync(logDir).filter((name) => name.startsWith("floor"))) {
    for (const line of readFileSync(join(logDir, file), "utf8").split("\n")) {
      const micros = Number(line.split(" ")[2]);
      if (Number.isFinite(micros) && micros > 0) samples.push(micros / 1000);
    }
  }
  return samples;
}

/** pgbench replaying one `find` per transaction (one script per query, equal weights), prepared statements. */
export async function pgbenchFloor(url: string, finds: Statement[][], concurrency: number, seconds: number): Promise<FloorRun> {
  const dir = mkdtempSync(join(tmpdir(), "rapport-floor-"));
  try {
    // pgbench takes at most 128 scripts.
    const scripts = finds.slice(0, 120).map((statements, index) => {
      const file = join(dir, `find-${index}.sql`);
      writeFileSync(file, `${statements.map((statement) => `${inlineParameters(statement)};`).join("\n")}\n`);
      return `${file}@1`;
    });
    const args = ["-n", "-M", "prepared", "-c", String(concurrency), "-j", "2", "-T", String(seconds), "-l", `--log-prefix=${join(dir, "floor")}`, ...scripts.flatMap((script) => ["-f", script]), url];
    const { stdout } = await run("pgbench", args, {
      env: { ...process.env, PGOPTIONS: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}` },
      maxBuffer: 16 * 1024 * 1024,
    });
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1] ?? Number.NaN);
    const latencies = summarize(pgbenchLatencies(dir));
    return { layer: "pgbench (floor)", concurrency, cmdsPerSec: Math.round(tps * 10) / 10, p50Ms: latencies.p50, p99Ms: latencies.p99 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same statements through the pg driver from Node, `concurrency` connections, no Prisma. */
export async function pgDriverFloor(url: string, finds: Statement[][], concurrency: number, total: number, budgetMs: number): Promise<FloorRun> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency, options: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}` });
  try {
    const one = async (i: number) => {
      for (const statement of finds[i % finds.length]!) await pool.query({ text: statement.sql, values: statement.params, name: undefined });
    };
    for (let i = 0; i < Math.min(finds.length, concurrency); i++) await one(i);
    const result = await runConcurrent(total, concurrency, one, budgetMs);
    const stats: Stats = summarize(result.samples);
    return { layer: "pg driver", concurrency, cmdsPerSec: Math.round(result.perSecond * 10) / 10, p50Ms: stats.p50, p99Ms: stats.p99 };
  } finally {
    await pool.end();
  }
}

/** PGlite serves one statement at a time: its floor is the same replay, sequential, in one session. */
export async function sessionFloor(sql: Sql, finds: Statement[][], total: number, budgetMs: number): Promise<FloorRun> {
  const one = async (i: number) => {
    for (const statement of finds[i % finds.length]!) await sql.query(statement.sql, statement.params);
  };
  const result = await runConcurrent(total, 1, one, budgetMs);
  const stats = summarize(result.samples);
  return { layer: "PGlite session (floor)", concurrency: 1, cmdsPerSec: Math.round(result.perSecond * 10) / 10, p50Ms: stats.p50, p99Ms: stats.p99 };
}
