/**
 * Where the benchmark data lives (a cached PostgreSQL database or PGlite directory per size) and a
 * minimal SQL session over either, used for bulk loading and the no-Prisma baselines.
 */
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import pg from "pg";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseTarget } from "../src/data/database.js";
import { WORD_SIMILARITY_THRESHOLD } from "../src/data/customer-search.js";

export type BenchDbKind = "pglite" | "postgres";
export type BenchSize = "10k" | "100k" | "1m";

export const SIZE_CUSTOMERS: Record<BenchSize, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ADMIN_URL = process.env.RAPPORT_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseName(size: BenchSize): string {
  return `rapport_bench_${size}`;
}

export function pgliteDir(size: BenchSize): string {
  return join(BENCH_DIR, "cache", `pglite-${size}`);
}

export function targetFor(kind: BenchDbKind, size: BenchSize): DatabaseTarget {
  // As Rapport runs it: the embedded database on its own thread unless RAPPORT_EMBEDDED_THREAD=main.
  if (kind === "pglite") return { kind: "pglite", dataDir: pgliteDir(size), thread: process.env.RAPPORT_EMBEDDED_THREAD === "main" ? "main" : "worker" };
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName(size)}`;
  return { kind: "postgres", url: url.toString() };
}

export type Sql = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
};

/** A single session, with the same typo threshold the app sets on its sessions. */
export async function openSql(target: DatabaseTarget): Promise<Sql> {
  if (target.kind === "pglite") {
    const lite = await PGlite.create(target.dataDir ?? undefined, { extensions: { pg_trgm, btree_gin } });
    await lite.exec(`SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
    return {
      query: async <T>(sql: string, params?: unknown[]) => (await lite.query<T>(sql, params)).rows,
      exec: async (sql) => {
        await lite.exec(sql);
      },
      close: () => lite.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url, options: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD}` });
  await client.connect();
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function postgresReachable(): Promise<boolean> {
  try {
    await withAdmin(async (client) => client.query("SELECT 1"));
    return true;
  } catch {
    return false;
  }
}
