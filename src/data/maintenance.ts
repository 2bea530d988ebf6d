/**
 * Housekeeping the embedded database does not do by itself. PGlite runs PostgreSQL in single-user
 * mode, which has no autovacuum: nobody reclaims the dead row versions that updates leave, keeps
 * the visibility map that index-only scans need (the overdue digest at 1M rows: 0.45 s vacuumed,
 * 1.7 s not), or refreshes the planner's statistics after a table grows from nothing to 100k rows.
 * So Rapport runs VACUUM (ANALYZE) itself: after an import and every night. A PostgreSQL server's
 * autovacuum does all this, so there it is left alone.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../core/logger.js";
import type { Database } from "./database.js";

/** The whole database; a no-op (null) on a PostgreSQL server. */
export async function tidyEmbeddedDatabase(database: Pick<Database, "prisma" | "target">): Promise<{ ms: number } | null> {
  if (database.target.kind !== "pglite") return null;
  const started = performance.now();
  await database.prisma.$executeRawUnsafe("VACUUM (ANALYZE)");
  return { ms: Math.round(performance.now() - started) };
}

/**
 * Nightly at `time` (HH:MM, in `timeZone`). PGlite is one session on the event loop, so for the
 * vacuum's few seconds (2026-11-24: see README "Deploy") commands wait: hence the small hours.
 */
export function scheduleNightlyTidy(options: { database: Pick<Database, "prisma" | "target">; logger: Logger; time?: string; timeZone: string }): ScheduledTask | null {
  if (options.database.target.kind !== "pglite") return null;
  const [hour, minute] = (options.time ?? "03:30").split(":").map(Number) as [number, number];
  return cron.schedule(
    `${minute} ${hour} * * *`,
    async () => {
      try {
        const done = await tidyEmbeddedDatabase(options.database);
        options.logger.info({ ms: done?.ms }, "embedded database vacuumed and analysed");
      } catch (error) {
        options.logger.error({ err: error }, "nightly VACUUM of the embedded database failed");
      }
    },
    { timezone: options.timeZone, noOverlap: true },
  );
}
