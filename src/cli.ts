/**
 * The `rapport` command line: start, console, migrate, seed --demo (and the platform commands as
 * their adapters land). Uses node:util parseArgs; no framework needed for a handful of verbs.
 */
import { parseArgs } from "node:util";
import { admissionLimits, loadConfig, type Config } from "./config.js";
import { createAdmission } from "./core/admission.js";
import { createLogger } from "./logging.js";
import { createApp, targetFromConfig } from "./app.js";
import { openDatabase } from "./data/database.js";
import { scheduleNightlyTidy } from "./data/maintenance.js";
import { countCustomers, loadDemoData } from "./data/seed/demo.js";
import { consoleActor, runConsole } from "./adapters/console/console.js";
import { createConsolePoster } from "./adapters/console/digest-poster.js";
import { CONSOLE_LOCAL_USER, CONSOLE_TENANT } from "./core/console-tenant.js";
import { todayIn } from "./core/dates.js";
import type { App } from "./app.js";
import type { Logger } from "./core/logger.js";
import { runImportCli } from "./cli/import-cli.js";
import { runExportCli } from "./cli/export-cli.js";
import { runDigestCli } from "./cli/digest-cli.js";
import { createRoutingPoster } from "./digests/index.js";
import { createMetrics } from "./ops/metrics.js";
import { instrumentApi, instrumentPoster } from "./ops/instrument.js";
import { startOpsServer, type OpsServer } from "./ops/ops-server.js";
import type { DigestPoster } from "./core/digest-poster.js";
import type { Platform, PlatformId } from "./core/platform.js";
import type { PlatformApiEvent } from "./core/platform-api-events.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { builtInPlatforms } from "./platforms.js";

const USAGE = `Usage: rapport <command> [options]

Commands:
  start [--no-demo]             Start every configured surface (Slack, Discord); the console when none is configured
  console [--as <member>] [--locale <en|zh-CN|zh-TW|ko>] [--no-demo]
                                Type /crm commands locally (one per line when stdin is not a terminal)
  migrate                       Apply database migrations
  seed --demo                   Load the demo data set into the console workspace
  discord register [--guild <id>]
                                Register the /crm command and "Log to CRM" with Discord (global or one guild)
  import <kind> <file>          Import customers|contacts|orders|invoices|payments from CSV/XLSX (--dry-run, --skip-invalid, --map)
  export <what> [--format csv|xlsx] [--out FILE]
                                Export customers|overdue|followups|orders (standard output by default)
  digest tick [--at <ISO time>]  Run the digest scheduler once for that moment (default now)
  help                          Show this text

Environment: DATABASE_URL (unset = embedded database in RAPPORT_DATA_DIR, default ./data), LOG_LEVEL, see README.`;

function localTimeZone(config: Config): string {
  return config.RAPPORT_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

async function seedDemo(app: App, config: Config, logger: Logger, onlyIfEmpty: boolean): Promise<boolean> {
  const prisma = app.database.prisma;
  if (onlyIfEmpty && (await countCustomers(prisma)) > 0) return false;
  const { tenant } = await app.rapport.identify(consoleActor(CONSOLE_LOCAL_USER, localTimeZone(config)));
  if (!onlyIfEmpty && (await countCustomers(prisma, tenant.id)) > 0) {
    logger.warn("the console workspace already has customers; demo data not loaded twice");
    return false;
  }
  const count = await loadDemoData(prisma, tenant.id, todayIn(localTimeZone(config), new Date()));
  logger.info({ customers: count, tenant: CONSOLE_TENANT }, "loaded the DEMO data set");
  return true;
}

async function startConsole(config: Config, logger: Logger, options: { as: string; demo: boolean; locale?: string }): Promise<void> {
  const app = await createApp({ target: targetFromConfig(config), logger, poolSize: config.RAPPORT_DB_POOL_SIZE, defaultLocale: config.RAPPORT_LOCALE });
  try {
    const embedded = app.database.target.kind === "pglite";
    const seeded = options.demo && embedded ? await seedDemo(app, config, logger, true) : false;
    const interactive = Boolean(process.stdin.isTTY);
    // In a terminal the console also runs the digest scheduler (console:stdout subscriptions);
    // piped input only needs `digest preview` and friends.
    const digests = app.startDigests({
      poster: createRoutingPoster({ console: createConsolePoster({ output: process.stdout, fileDirs: config.RAPPORT_DIGEST_FILE_DIRS, tenant: CONSOLE_TENANT }) }),
      logger: logger.child({ component: "digests" }),
    });
    if (!interactive) await digests.scheduler.stop();
    const banner = interactive
      ? `Rapport console (${embedded ? `embedded database in ${config.RAPPORT_DATA_DIR}` : "PostgreSQL"}), acting as ${options.as}.` +
        `${seeded ? "\nLoaded the DEMO data set (customers marked source=DEMO). Start with: find acme" : ""}\nType help, or quit.`
      : seeded
        ? "# Loaded the DEMO data set (customers marked source=DEMO)."
        : undefined;
    await runConsole({
      api: app.rapport,
      actor: consoleActor(options.as, options.as === CONSOLE_LOCAL_USER ? localTimeZone(config) : undefined, options.locale),
      input: process.stdin,
      output: process.stdout,
      interactive,
      banner,
      outputDir: config.RAPPORT_OUTPUT_DIR,
    });
    await digests.stop();
  } finally {
    await app.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = "start", ...rest] = argv;
  const config = loadConfig();
  // import/export/digest take their own options (parsed in src/cli/).
  if (command === "import") return runImportCli(rest, config);
  if (command === "export") return runExportCli(rest, config);
  if (command === "digest") return runDigestCli(rest, config); // digest tick [--at <ISO time>]
  const { values } = parseArgs({
    args: rest,
    options: {
      as: { type: "string", default: CONSOLE_LOCAL_USER },
      locale: { type: "string" },
      "no-demo": { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      guild: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const interactiveConsole = (command === "console" || command === "start") && process.stdin.isTTY;
  // Slack with OAuth keeps its installations in the database, opened before any platform starts.
  const database: { prisma?: PrismaClient } = {};
  const platforms = builtInPlatforms(() => database.prisma!);
  // Serving chat platforms logs at LOG_LEVEL; the console keeps quiet so replies stay readable.
  const servesPlatforms = command === "start" && platforms.some((platform) => platform.isConfigured(config));
  const quietConsole = (command === "console" || command === "start") && !servesPlatforms;
  const logger = createLogger(quietConsole ? (interactiveConsole ? "warn" : "error") : config.LOG_LEVEL);
  switch (command) {
    case "console":
      await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"], locale: values.locale });
      return 0;
    case "start": {
      const started = await startPlatforms(config, logger, platforms, database);
      if (!started) await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"], locale: values.locale });
      return 0;
    }
    case "migrate": {
      const database = await openDatabase(targetFromConfig(config), { migrate: true });
      await database.close();
      process.stdout.write("Migrations applied.\n");
      return 0;
    }
    case "seed": {
      if (!values.demo) {
        process.stderr.write("Say what to seed: rapport seed --demo\n");
        return 2;
      }
      const app = await createApp({ target: targetFromConfig(config), logger });
      try {
        const loaded = await seedDemo(app, config, logger, false);
        process.stdout.write(loaded ? "Loaded the DEMO data set into the console workspace.\n" : "Demo data not loaded: the console workspace already has customers.\n");
      } finally {
        await app.close();
      }
      return 0;
    }
    case "discord": {
      const [sub] = rest.filter((word) => !word.startsWith("-"));
      if (sub !== "register") {
        process.stderr.write("Usage: rapport discord register [--guild <id>]\n");
        return 2;
      }
      return registerDiscord(config, values.guild);
    }
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
      return 2;
  }
}

/**
 * Starts every configured platform (and the console's poster for console:* digests), and keeps
 * running until SIGINT/SIGTERM, then stops taking work and closes the database. Returns false
 * when no platform is configured.
 */
async function startPlatforms(config: Config, logger: Logger, platforms: readonly Platform<Config>[], database: { prisma?: PrismaClient }): Promise<boolean> {
  const serving = platforms.filter((platform) => platform.isConfigured(config));
  if (!serving.length) return false;
  const app = await createApp({ target: targetFromConfig(config), logger, poolSize: config.RAPPORT_DB_POOL_SIZE, platforms, defaultLocale: config.RAPPORT_LOCALE });
  database.prisma = app.database.prisma;
  const stops: (() => Promise<void>)[] = [];
  // One admission for every platform: they share the database pool it is sized to.
  const limits = admissionLimits(config, app.database.target.kind === "pglite");
  const admission = createAdmission(limits);
  logger.info({ admission: limits }, "admission limits");
  const metrics = createMetrics({ poolStats: app.database.poolStats, admissionStats: admission.stats });
  const services = { api: instrumentApi(app.rapport, metrics), admission, config, logger, onApiEvent: (event: PlatformApiEvent) => metrics.observePlatformApi(event) };
  let ops: OpsServer | undefined;
  try {
    ops = await startOpsServer({
      port: config.RAPPORT_OPS_PORT,
      metrics,
      checkDatabase: () => app.database.ping(),
    });
    logger.info({ port: ops.port }, "ops endpoints: /healthz /readyz /metrics");
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
    const tidy = scheduleNightlyTidy({ database: app.database, logger: logger.child({ component: "maintenance" }), timeZone: localTimeZone(config), time: config.RAPPORT_VACUUM_AT });
    if (tidy) stops.push(async () => void (await tidy.stop()));
    ops.markStarted();
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await app.close();
    throw error;
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, "shutting down: no new work, finishing what is in flight");
      // Load balancers see /readyz fail first and stop sending work.
      ops?.markShuttingDown();
      resolve();
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  });
  for (const stop of stops.reverse()) await stop().catch((error) => logger.error({ err: error }, "stop failed"));
  // Requests already taken on (acknowledged) finish before the database closes.
  if (!(await admission.drain(30_000))) logger.warn({ admission: admission.stats() }, "stopped with requests still running after 30 s");
  await app.close();
  return true;
}

/** `rapport discord register [--guild <id>]`: registers the /crm command and the context menu. */
async function registerDiscord(config: Config, guildId: string | undefined): Promise<number> {
  const { registerDiscordCommands, loadDiscordConfig } = await import("./adapters/discord/index.js");
  const { commands } = await import("./commands/index.js");
  // With neither Discord variable set, parsing nothing names both as missing.
  const discordConfig = config.discord ?? loadDiscordConfig({});
  const result = await registerDiscordCommands({ ...discordConfig, commands, guildId });
  const scope = result.scope === "global" ? "globally (may take up to an hour to appear)" : `in guild ${result.scope.guildId}`;
  process.stdout.write(`Registered ${result.registered.map((command) => command.name).join(", ")} ${scope}.\n`);
  if (result.skipped.length) process.stdout.write(`Skipped: ${result.skipped.join(", ")}\n`);
  return 0;
}
