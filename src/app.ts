/** Wires the pieces: database (PGlite or PostgreSQL), directory, command registry, core service. */
import { commands } from "./commands/index.js";
import { createRapport, type Rapport } from "./core/rapport.js";
import type { Logger } from "./core/logger.js";
import { openDatabase, targetFromEnv, type Database, type DatabaseTarget } from "./data/database.js";
import { createDirectory } from "./data/directory.js";
import { answerBackupRequests } from "./data/backup-requests.js";
import { createDigestStore } from "./data/digest-store.js";
import { createAlertDeliveryStore } from "./data/alert-store.js";
import type { DigestService } from "./core/digests.js";
import type { DigestStore } from "./core/digest-store.js";
import type { DigestPoster } from "./core/digest-poster.js";
import { startDigests, type SchedulerOptions } from "./digests/index.js";
import type { Config } from "./config.js";
import type { PlatformInfo } from "./core/platform.js";
import { builtInPlatforms } from "./platforms.js";

export type App = {
  rapport: Rapport;
  database: Database;
  digestStore: DigestStore;
  /** Hands the `digest` command its service (null: digests not set up, the command says so). */
  useDigests(service: DigestService | null): void;
  /** Starts the digest scheduler and hands its service to the `digest` command until stop(). */
  startDigests(options: { poster: DigestPoster; logger?: Logger } & Partial<Omit<SchedulerOptions, "store" | "poster">>): ReturnType<typeof startDigests>;
  close(): Promise<void>;
};

/**
 * use `serve`: a long-running server answering chat, whose event loop the embedded database must
 * not block (its own thread unless RAPPORT_EMBEDDED_THREAD says otherwise); `command`: the console
 * or a one-off command, for one person, where the thread would only cost memory and copying.
 */
export function targetFromConfig(config: Config, use: "serve" | "command" = "command"): DatabaseTarget {
  return targetFromEnv(
    { DATABASE_URL: config.DATABASE_URL, RAPPORT_DB_PREPARED: config.RAPPORT_DB_PREPARED, RAPPORT_DATA_DIR: config.RAPPORT_DATA_DIR, RAPPORT_EMBEDDED_FSYNC: config.RAPPORT_EMBEDDED_FSYNC, RAPPORT_EMBEDDED_THREAD: config.RAPPORT_EMBEDDED_THREAD },
    use === "serve" ? "worker" : "main",
  );
}

export async function createApp(options: {
  target: DatabaseTarget;
  logger: Logger;
  clock?: () => Date;
  poolSize?: number;
  /** The platforms commands may name channels of; default builtInPlatforms (src/platforms.ts). */
  platforms?: readonly PlatformInfo[];
  /** RAPPORT_LOCALE: the reply language when the member, the platform and the workspace name none. */
  defaultLocale?: string;
  /** RAPPORT_PUBLIC_URL: cards link to their record's page (`<base>/c/12`); unset: no links. */
  publicUrl?: string;
}): Promise<App> {
  const database = answerBackupRequests(await openDatabase(options.target, { poolSize: options.poolSize }), options.logger.child({ component: "backup" }));
  const digestStore = createDigestStore(database.prisma);
  let digests: DigestService | null = null;
  const rapport = createRapport({ directory: createDirectory(database.prisma, options.clock, database.read), commands, platforms: options.platforms ?? builtInPlatforms(() => database.prisma), digests: () => digests, clock: options.clock, logger: options.logger, defaultLocale: options.defaultLocale, publicUrl: options.publicUrl });
  return {
    rapport,
    database,
    digestStore,
    useDigests(service) {
      digests = service;
    },
    startDigests(digestOptions) {
      const started = startDigests({ defaultLocale: options.defaultLocale, ...digestOptions, store: digestStore, alerts: createAlertDeliveryStore(database.prisma) });
      digests = started.service;
      return {
        ...started,
        async stop() {
          await started.stop();
          if (digests === started.service) digests = null;
        },
      };
    },
    close: () => database.close(),
  };
}
