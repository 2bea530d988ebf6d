/**
 * Test databases for integration suites: an in-memory PGlite, and a fresh database on the local
 * PostgreSQL server (created per suite, dropped afterwards). Both get the real migrations.
 */
import pg from "pg";
import { randomBytes } from "node:crypto";
import type { DatabaseTarget } from "../../src/data/database.js";

export const POSTGRES_ADMIN_URL = process.env.RAPPORT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestTarget = { name: "pglite" | "postgres"; create(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> };

async function createPostgresDatabase(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const name = `rapport_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export const testTargets: TestTarget[] = [
  // RAPPORT_EMBEDDED_THREAD=worker runs these suites against the embedded database on its own thread.
  { name: "pglite", create: async () => ({ target: { kind: "pglite", dataDir: null, thread: process.env.RAPPORT_EMBEDDED_THREAD === "worker" ? "worker" : "main" }, drop: async () => undefined }) },
  { name: "postgres", create: createPostgresDatabase },
];
