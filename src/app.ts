/** Wires the pieces: database (PGlite or PostgreSQL), directory, command registry, core service. */
import { commands } from "./commands/index.js";
import { createRapport, type Rapport } from "./core/rapport.js";
import type { Logger } from "./core/logger.js";
import { openDatabase, targetFromEnv, type Database, type DatabaseTarget } from "./data/database.js";
import { createDirectory } from "./data/directory.js";
import type { Config } from "./config.js";

export type App = { rapport: Rapport; database: Database; close(): Promise<void> };

export function targetFromConfig(config: Config): DatabaseTarget {
  return targetFromEnv({ DATABASE_URL: config.DATABASE_URL, RAPPORT_DATA_DIR: config.RAPPORT_DATA_DIR, RAPPORT_EMBEDDED_FSYNC: config.RAPPORT_EMBEDDED_FSYNC });
}

export async function createApp(options: {
  target: DatabaseTarget;
  logger: Logger;
  clock?: () => Date;
  poolSize?: number;
}): Promise<App> {
  const database = await openDatabase(options.target, { poolSize: options.poolSize });
  const rapport = createRapport({ directory: createDirectory(database.prisma, options.clock), commands, clock: options.clock, logger: options.logger });
  return { rapport, database, close: () => database.close() };
}
