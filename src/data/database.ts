/**
 * Opens the database: an embedded PGlite directory when no DATABASE_URL is set, a PostgreSQL
 * server otherwise. This folder (src/data) is the only place that imports the Prisma client.
 */
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type pg from "pg";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { PrismaClient } from "../generated/prisma/client.js";
import { applyMigrations, migrationsDir, type SqlSession } from "./migrate.js";
import { unpackEmbeddedTemplate } from "./embedded-template.js";
import type { SqlReader, SqlRunner } from "./sql-runner.js";
import { LOCK_FILE, lockDataDir } from "./data-dir-lock.js";
import { WORD_SIMILARITY_THRESHOLD } from "./customer-search.js";
import { DurableNodeFS, durableStartParams } from "./durable-node-fs.mjs";
import { openEmbeddedThread, type EmbeddedSession } from "./pglite-thread.js";

export type DatabaseTarget =
  | {
      kind: "pglite";
      dataDir: string | null /* null = in memory (tests) */;
      /** Commits wait for the disk (default on; RAPPORT_EMBEDDED_FSYNC=off trades that for speed). */
      fsync?: boolean;
      /** `worker`: PostgreSQL runs on a thread of its own, off the event loop (RAPPORT_EMBEDDED_THREAD). */
      thread?: "main" | "worker";
    }
  | {
      kind: "postgres";
      url: string;
      /** Hot reads as named prepared statements (default on; RAPPORT_DB_PREPARED=off behind a pooler that cannot keep them). */
      prepared?: boolean;
    };

export type Database = {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** PostgreSQL pool figures for metrics; undefined on the embedded database (one session). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** Runs `work` in one transaction on a connection of its own, with plain SQL (bulk imports). */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>;
  /** Answers when the database does (readiness checks). */
  ping(): Promise<void>;
  /** Plain SQL outside any transaction, for hot reads: the ORM's query compiler costs more CPU than they do. */
  read: SqlReader;
  close(): Promise<void>;
};

/** defaultThread: where the embedded database runs when RAPPORT_EMBEDDED_THREAD does not say. */
export function targetFromEnv(env: NodeJS.ProcessEnv, defaultThread: "main" | "worker" = "main"): DatabaseTarget {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL, ...(env.RAPPORT_DB_PREPARED === "off" ? { prepared: false } : {}) };
  return { kind: "pglite", dataDir: env.RAPPORT_DATA_DIR ?? "./data", fsync: env.RAPPORT_EMBEDDED_FSYNC !== "off", thread: env.RAPPORT_EMBEDDED_THREAD === "main" || env.RAPPORT_EMBEDDED_THREAD === "worker" ? env.RAPPORT_EMBEDDED_THREAD : defaultThread };
}

export async function openDatabase(
  target: DatabaseTarget,
  /** migrationsDir: apply only the migrations in that folder (a restore rebuilds an older backup's schema). */
  options: { migrate?: boolean; poolSize?: number; migrationsDir?: string } = {},
): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (target.kind === "pglite") {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const lock = target.dataDir ? lockDataDir(target.dataDir) : null;
    let lite: EmbeddedSession;
    try {
      if (target.dataDir && !existsSync(join(target.dataDir, "PG_VERSION"))) {
        const fsync = target.fsync !== false;
        if (!(await unpackEmbeddedTemplate(target.dataDir, { migrationsDir: options.migrationsDir ?? migrationsDir, fsync }))) await createEmbeddedDatabase(target.dataDir, fsync);
      }
      // PGlite's default 128 MB shared_buffers is most of the process's memory; 16 MB measured
      // the same search latency at 100k customers (bench) with ~135 MB less RSS.
      const defaults = (PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams;
      const memory = ["-c", "shared_buffers=16MB"];
      // PGlite's defaults include -F (no fsync), and even with fsync=on its file system never calls
      // fsync (durable-node-fs.ts): a power cut could lose acknowledged writes or corrupt the
      // directory. DurableNodeFS makes fsync real; RAPPORT_EMBEDDED_FSYNC=off opts out.
      const durable = target.dataDir !== null && target.fsync !== false;
      const startParams = [...(durable ? durableStartParams(defaults) : defaults), ...memory];
      lite =
        target.thread === "worker"
          ? await openEmbeddedThread({ dataDir: target.dataDir, startParams, durable })
          : await PGlite.create({
              ...(target.dataDir ? { fs: durable ? new DurableNodeFS(target.dataDir) : new NodeFS(target.dataDir) } : {}),
              extensions: { pg_trgm, btree_gin },
              startParams,
            });
      if (migrate) await applyMigrations(pgliteSession(lite), options.migrationsDir);
    } catch (error) {
      lock?.release();
      throw error;
    }
    // PGlite is one session: set the typo tolerance of `<%` once.
    await lite.exec(`SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
    // The adapter calls only query, exec and transaction, which the thread's session answers too.
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite as PGlite) as never });
    const session = runnerOf(lite);
    return {
      prisma,
      target,
      read: (sql, params) => session.query(sql, params),
      // PGlite is one session: its transaction holds it, so ORM queries wait until the work ends.
      transaction: (work) => lite.transaction((tx) => work(runnerOf(tx))),
      // Plain SQL: through the ORM, the first readiness check would wait for its query compiler
      // (a Wasm module compiled on first use), which answering "the database is up" does not need.
      ping: async () => {
        await session.query("SELECT 1");
      },
      async close() {
        try {
          await prisma.$disconnect();
          await lite.close();
        } finally {
          lock?.release();
        }
      },
    };
  }
  // Loaded only for a server: the embedded database, the default, has no use for them.
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  if (migrate) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await applyMigrations(pgSession(client), options.migrationsDir);
    } finally {
      await client.end();
    }
  }
  // Every pooled session gets the typo tolerance of `<%` at connect time. The ORM's statements are
  // planned for their values; the hot reads keep one plan per statement (see namedStatements).
  const poolOf = (planCacheMode: "force_custom_plan" | "force_generic_plan") => {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      options: `-c pg_trgm.word_similarity_threshold=${WORD_SIMILARITY_THRESHOLD} -c plan_cache_mode=${planCacheMode}`,
    });
    // An idle pooled connection can be killed by the server (restart, failover, admin); without a
    // listener that 'error' event would crash the process. The pool replaces the connection.
    pool.on("error", () => undefined);
    return pool;
  };
  const pool = poolOf("force_custom_plan");
  const readPool = poolOf("force_generic_plan");
  const statementName = namedStatements(target.prepared === false ? 0 : 500);
  const readOn = (connection: pg.Pool | pg.PoolClient): SqlReader => async <T,>(sql: string, params?: unknown[]) => {
    const values = params ?? [];
    const name = statementName.nameOf(sql);
    if (!name) return (await connection.query({ text: sql, values })).rows as T[];
    try {
      return (await connection.query({ name, text: sql, values })).rows as T[];
    } catch (error) {
      // A migration that changed a table under a prepared statement ("cached plan must not
      // change result type") fails it on every connection that holds it: run it unnamed from now on.
      if ((error as { code?: string }).code !== "0A000") throw error;
      statementName.retire(sql);
      return (await connection.query({ text: sql, values })).rows as T[];
    }
  };
  const read: SqlReader = Object.assign(readOn(readPool), {
    together: async <T,>(work: (read: SqlReader) => Promise<T>): Promise<T> => {
      const client = await readPool.connect();
      let broken: Error | undefined;
      // As in pgTransaction: a connection lost while held must not crash the process.
      const onError = (error: Error) => (broken = error);
      client.on("error", onError);
      try {
        return await work(readOn(client));
      } finally {
        client.off("error", onError);
        client.release(broken);
      }
    },
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    target,
    read,
    poolStats: () => ({
      total: pool.totalCount + readPool.totalCount,
      idle: pool.idleCount + readPool.idleCount,
      waiting: pool.waitingCount + readPool.waitingCount,
    }),
    transaction: (work) => pgTransaction(pool, work),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      await Promise.all([pool.end().catch(() => undefined), readPool.end().catch(() => undefined)]);
    },
  };
}

/**
 * The hot reads (member lookup, search tiers, deal lists and sums) as named prepared statements,
 * each planned once per connection (plan_cache_mode=force_generic_plan): planning a search
 * statement cost PostgreSQL more than running it. So a hot read's text must settle which index
 * serves it, never its values: a search word too short for trigrams is written so that no index
 * is tried for it (customer-search.ts), and integration tests check each kind's generic plan.
 * The texts are few (one per query shape); past a bound, new ones run unnamed so that a stream of
 * distinct texts cannot fill every backend's memory.
 */
function namedStatements(limit: number): { nameOf(sql: string): string | undefined; retire(sql: string): void } {
  const names = new Map<string, string | null>();
  return {
    nameOf(sql) {
      const known = names.get(sql);
      if (known !== undefined) return known ?? undefined;
      if (names.size >= limit) return undefined;
      const name = `rapport_read_${names.size + 1}`;
      names.set(sql, name);
      return name;
    },
    retire(sql) {
      names.set(sql, null);
    },
  };
}

/** pg clients, PGlite and PGlite transactions all answer `query(sql, params)` with `{ rows }`. */
function runnerOf(connection: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> }): SqlRunner {
  return { query: async <T>(sql: string, params?: unknown[]) => (await connection.query(sql, params)).rows as T[] };
}

async function pgTransaction<T>(pool: pg.Pool, work: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection lost mid-transaction (server restart, admin kill) also emits 'error' on the
  // client; unhandled, that event would crash the process. The running query rejects with it.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const result = await work(runnerOf(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not returned to the pool.
    if (!broken) await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}

function pgliteSession(lite: EmbeddedSession): SqlSession {
  return {
    ...runnerOf(lite),
    exec: async (sql) => {
      await lite.exec(sql);
    },
    // One PGlite process per data directory: there is nobody else to exclude.
    withLock: async (fn) => fn(),
  };
}

function pgSession(client: pg.Client): SqlSession {
  return {
    ...runnerOf(client),
    exec: async (sql) => {
      await client.query(sql);
    },
    // Several Rapport processes may start at once against one server: one migrates, the others wait.
    // The lock is taken and released on this single dedicated connection (not a pool).
    withLock: async (fn) => {
      await client.query("SELECT pg_advisory_lock(727274)");
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock(727274)");
      }
    },
  };
}

/**
 * Without a matching template (embedded-template.ts: development, or a restore of an older schema)
 * a new data directory is created by a short-lived child process (create-embedded-database.mjs
 * says why: about 600 MB less resident memory for the life of this process). If the child cannot
 * run, PGlite.create makes the directory here as before, only at that memory cost.
 */
async function createEmbeddedDatabase(dataDir: string, fsync: boolean): Promise<void> {
  const script = fileURLToPath(new URL("./create-embedded-database.mjs", import.meta.url));
  try {
    await promisify(execFile)(process.execPath, [script, dataDir, ...(fsync ? ["--fsync"] : [])], { timeout: 120_000 });
  } catch {
    // Left to PGlite.create in this process, which reports a real problem (permissions, disk)
    // itself; whatever the child wrote before it failed is removed first (not our lock).
    for (const entry of readdirSync(dataDir)) if (entry !== LOCK_FILE) rmSync(join(dataDir, entry), { recursive: true, force: true });
  }
}
