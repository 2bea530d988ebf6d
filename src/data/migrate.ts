/**
 * Applies prisma/migrations/* in order. Prisma's own `migrate deploy` cannot reach a PostgreSQL
 * server here (its pg adapter path fails on prisma/orm#27403) and needs the CLI at run time, so
 * Rapport applies the same migration files itself, recording them in Prisma's `_prisma_migrations`
 * table with Prisma's checksum (sha256 of the file) so `prisma migrate status` agrees elsewhere.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlRunner } from "./sql-runner.js";
import { rederiveSearchKeys } from "./search-keys-rederive.js";

/** The migration runner's connection: plain SQL plus multi-statement scripts and a lock. */
export type SqlSession = SqlRunner & {
  exec(sql: string): Promise<void>;
  withLock<T>(fn: () => Promise<T>): Promise<T>;
};

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

/** `rederived`: customers whose search keys were rebuilt by a newer key version. */
export type MigrationResult = { applied: string[]; alreadyApplied: number; rederived: number };

export async function applyMigrations(session: SqlSession, dir = migrationsDir): Promise<MigrationResult> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  return session.withLock(async () => {
    await session.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const rows = await session.query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [String(row.migration_name), String(row.checksum)]));
    const applied: string[] = [];
    for (const name of names) {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const previous = done.get(name);
      if (previous) {
        if (previous !== checksum) {
          throw new Error(`Migration ${name} was changed after it was applied (checksum differs). Add a new migration instead.`);
        }
        continue;
      }
      // Each migration and its bookkeeping row commit together, or not at all.
      await session.exec("BEGIN");
      try {
        await session.exec(sql);
        await session.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await session.exec("COMMIT");
      } catch (error) {
        await session.exec("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
    // Data step: keys SQL cannot compute (pinyin, romanization), for rows an older version built.
    // The catalog itself, not information_schema: its views cost a tenth of a second on every start.
    const versioned = await session.query(
      `SELECT 1 FROM pg_attribute
       WHERE attrelid = to_regclass(quote_ident(current_schema()) || '.customers') AND attname = 'search_keys_version' AND NOT attisdropped`,
    );
    const rederived = versioned.length > 0 ? await rederiveSearchKeys(session) : 0;
    return { applied, alreadyApplied: names.length - applied.length, rederived };
  });
}
