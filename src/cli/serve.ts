/**
 * `rapport start` as a server: the ops endpoints, every configured platform, the digest scheduler
 * and the nightly tidy, until SIGINT/SIGTERM. Then, in this order: /readyz turns 503, the drain
 * period (RAPPORT_DRAIN_SECONDS) passes with everything still serving so load balancers stop
 * sending work first, the platforms and the scheduler stop taking work, commands already taken on
 * finish, the database closes.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { admissionLimits, type Config } from "../config.js";
import { createAdmission } from "../core/admission.js";
import { createApp, targetFromConfig } from "../app.js";
import { scheduleNightlyTidy } from "../data/maintenance.js";
import { createRoutingPoster } from "../digests/index.js";
import { createMetrics } from "../ops/metrics.js";
import { instrumentApi, instrumentPoster } from "../ops/instrument.js";
import { startOpsServer, type OpsServer } from "../ops/ops-server.js";
import { startRecordPages } from "./record-pages.js";
import type { DigestPoster } from "../core/digest-poster.js";
import type { Logger } from "../core/logger.js";
import type { Platform, PlatformId } from "../core/platform.js";
import type { PlatformApiEvent } from "../core/platform-api-events.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** Commands already acknowledged get this long to finish after the platforms stop. */
const IN_FLIGHT_GRACE_MS = 30_000;

export async function serve(options: {
  config: Config;
  logger: Logger;
  platforms: readonly Platform<Config>[];
  /** Filled in once the database is open: Slack with OAuth keeps its installations there. */
  database: { prisma?: PrismaClient };
  /** The console user's zone: when the nightly tidy runs. */
  timeZone: string;
}): Promise<void> {
  const { config, logger, platforms } = options;
  const serving = platforms.filter((platform) => platform.isConfigured(config));
  const app = await createApp({ target: targetFromConfig(config, "serve"), logger, poolSize: config.RAPPORT_DB_POOL_SIZE, platforms, defaultLocale: config.RAPPORT_LOCALE, publicUrl: config.RAPPORT_PUBLIC_URL });
  options.database.prisma = app.database.prisma;
  const stops: (() => Promise<void>)[] = [];
  // One admission for every platform: they share the database pool it is sized to.
  const limits = admissionLimits(config, app.database.target.kind === "pglite");
  const admission = createAdmission(limits);
  logger.info({ admission: limits }, "admission limits");
  const metrics = createMetrics({ poolStats: app.database.poolStats, admissionStats: admission.stats });
  const services = { api: instrumentApi(app.rapport, metrics), admission, config, logger, onApiEvent: (event: PlatformApiEvent) => metrics.observePlatformApi(event) };
  let ops: OpsServer;
  try {
    ops = await startOpsServer({
      port: config.RAPPORT_OPS_PORT,
      host: config.RAPPORT_OPS_HOST,
      metricsToken: config.RAPPORT_METRICS_TOKEN,
      metrics,
      checkDatabase: () => app.database.ping(),
    });
    logger.info({ host: ops.address, port: ops.port, metricsToken: config.RAPPORT_METRICS_TOKEN !== undefined }, "ops endpoints: /healthz /readyz /metrics");
    const opsServer = ops;
    stops.push(() => opsServer.close());
    const posters: Record<PlatformId, DigestPoster> = {};
    // The console is not served next to chat platforms, but console:* digests still post.
    const started = [...platforms.filter((platform) => platform.id === "console"), ...serving];
    for (const platform of started) {
      const running = await platform.start(services);
      stops.push(() => running.stop());
      posters[platform.id] = running.poster;
    }
    // Every process runs the scheduler; the database claim makes each digest post exactly once.
    const digests = app.startDigests({
      poster: instrumentPoster(createRoutingPoster(posters), metrics),
      logger: logger.child({ component: "digests" }),
    });
    stops.push(() => digests.stop());
    // RAPPORT_PUBLIC_URL: record links open as read-only pages behind Sign in with Slack / Discord.
    const pages = await startRecordPages({ config, api: services.api, prisma: app.database.prisma, logger });
    if (pages) stops.push(() => pages.close());
    const tidy = scheduleNightlyTidy({ database: app.database, logger: logger.child({ component: "maintenance" }), timeZone: options.timeZone, time: config.RAPPORT_VACUUM_AT });
    if (tidy) stops.push(async () => void (await tidy.stop()));
    ops.markStarted();
    logger.info({ platforms: serving.map((platform) => platform.id) }, "ready");
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await app.close();
    throw error;
  }
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  // Load balancers see /readyz fail first and stop sending work; until they do, work is still taken.
  ops.markShuttingDown();
  logger.info({ signal, drainSeconds: config.RAPPORT_DRAIN_SECONDS }, "shutting down: /readyz answers 503 while load balancers stop sending work");
  if (config.RAPPORT_DRAIN_SECONDS > 0) await sleep(config.RAPPORT_DRAIN_SECONDS * 1000);
  logger.info("no new work; finishing what is in flight");
  const opsStop = stops.shift()!;
  for (const stop of stops.reverse()) await stop().catch((error) => logger.error({ err: error }, "stop failed"));
  // Requests already taken on (acknowledged) finish before the database closes.
  if (!(await admission.drain(IN_FLIGHT_GRACE_MS))) logger.warn({ admission: admission.stats() }, `stopped with requests still running after ${IN_FLIGHT_GRACE_MS / 1000} s`);
  // The probes answer until the end, so an orchestrator sees "shutting down", not a refused port.
  await opsStop().catch((error) => logger.error({ err: error }, "stop failed"));
  await app.close();
  logger.info("stopped");
}
