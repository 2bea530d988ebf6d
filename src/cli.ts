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
import { loadDemoData } from "./data/seed/demo.js";
import { consoleActor, CONSOLE_TENANT, runConsole } from "./adapters/console/console.js";
import { todayIn } from "./core/dates.js";
import type { App } from "./app.js";
import type { Logger } from "./core/logger.js";
import { runImportCli } from "./import/import-cli.js";
import { runExportCli } from "./export/export-cli.js";
import { runDigestCli } from "./digests/cli.js";
import { createConsolePoster, createRoutingPoster, startDigests } from "./digests/index.js";
import { createMetrics } from "./ops/metrics.js";
import { instrumentApi, instrumentPoster } from "./ops/instrument.js";
import { startOpsServer, type OpsServer } from "./ops/ops-server.js";

const USAGE = `Usage: rapport <command> [options]

Commands:
  start [--no-demo]             Start every configured surface (Slack, Discord); the console when none is configured
  console [--as <member>] [--no-demo]
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
  if (onlyIfEmpty && (await prisma.customer.count()) > 0) return false;
  const { tenant } = await app.rapport.identify(consoleActor("you", localTimeZone(config)));
  if (!onlyIfEmpty && (await prisma.customer.count({ where: { tenantId: tenant.id } })) > 0) {
    logger.warn("the console workspace already has customers; demo data not loaded twice");
    return false;
  }
  const count = await loadDemoData(prisma, tenant.id, todayIn(localTimeZone(config), new Date()));
  logger.info({ customers: count, tenant: CONSOLE_TENANT }, "loaded the DEMO data set");
  return true;
}

async function startConsole(config: Config, logger: Logger, options: { as: string; demo: boolean }): Promise<void> {
  const app = await createApp({ target: targetFromConfig(config), logger, poolSize: config.RAPPORT_DB_POOL_SIZE });
  try {
    const embedded = app.database.target.kind === "pglite";
    const seeded = options.demo && embedded ? await seedDemo(app, config, logger, true) : false;
    const interactive = Boolean(process.stdin.isTTY);
    // In a terminal the console also runs the digest scheduler (console:stdout subscriptions);
    // piped input only needs `digest preview` and friends.
    const digests = startDigests({
      prisma: app.database.prisma,
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
      actor: consoleActor(options.as, options.as === "you" ? localTimeZone(config) : undefined),
      input: process.stdin,
      output: process.stdout,
      interactive,
      banner,
    });
    await digests.stop();
  } finally {
    await app.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = "start", ...rest] = argv;
  // import/export take their own options (parsed in their folders).
  if (command === "import") return runImportCli(rest);
  if (command === "export") return runExportCli(rest);
  if (command === "digest") return runDigestCli(rest); // digest tick [--at <ISO time>]
  const { values } = parseArgs({
    args: rest,
    options: {
      as: { type: "string", default: "you" },
      "no-demo": { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      guild: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const config = loadConfig();
  const interactiveConsole = (command === "console" || command === "start") && process.stdin.isTTY;
  // Serving Slack/Discord logs at LOG_LEVEL; the console keeps quiet so replies stay readable.
  const servesPlatforms = command === "start" && Boolean(config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID || config.DISCORD_TOKEN);
  const quietConsole = (command === "console" || command === "start") && !servesPlatforms;
  const logger = createLogger(quietConsole ? (interactiveConsole ? "warn" : "error") : config.LOG_LEVEL);
  switch (command) {
    case "console":
      await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"] });
      return 0;
    case "start": {
      const started = await startPlatforms(config, logger);
      if (!started) await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"] });
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
      return registerDiscord(values.guild);
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
 * Starts Slack and/or Discord when configured, and keeps running until SIGINT/SIGTERM, then stops
 * taking work and closes the database. Returns false when no platform is configured.
 */
async function startPlatforms(config: Config, logger: Logger): Promise<boolean> {
  const wantsSlack = Boolean(config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID);
  const wantsDiscord = Boolean(config.DISCORD_TOKEN);
  if (!wantsSlack && !wantsDiscord) return false;
  const app = await createApp({ target: targetFromConfig(config), logger, poolSize: config.RAPPORT_DB_POOL_SIZE });
  const stops: (() => Promise<void>)[] = [];
  const posters: Parameters<typeof createRoutingPoster>[0] = { console: createConsolePoster({ output: process.stdout, fileDirs: config.RAPPORT_DIGEST_FILE_DIRS, tenant: CONSOLE_TENANT }) };
  // One admission for every platform: they share the database pool it is sized to.
  const limits = admissionLimits(config, app.database.target.kind === "pglite");
  const admission = createAdmission(limits);
  logger.info({ admission: limits }, "admission limits");
  const metrics = createMetrics({ poolStats: app.database.poolStats, admissionStats: admission.stats });
  const api = instrumentApi(app.rapport, metrics);
  let ops: OpsServer | undefined;
  try {
    ops = await startOpsServer({
      port: config.RAPPORT_OPS_PORT,
      metrics,
      checkDatabase: async () => {
        await app.database.prisma.$queryRaw`SELECT 1`;
      },
    });
    logger.info({ port: ops.port }, "ops endpoints: /healthz /readyz /metrics");
    const opsServer = ops;
    stops.push(() => opsServer.close());
    if (wantsSlack) {
      const { createSlackApp, slackConfigFromEnv, createSlackDigestPoster } = await import("./adapters/slack/index.js");
      const { slackInstallationStoreFromEnv } = await import("./data/slack-installation-store.js");
      const slackConfig = slackConfigFromEnv(process.env);
      const installationStore = slackInstallationStoreFromEnv(app.database.prisma, process.env);
      const slackLogger = logger.child({ platform: "slack" });
      const slack = createSlackApp({
        api,
        admission,
        config: slackConfig,
        logger: slackLogger,
        onApiEvent: (event) => metrics.observePlatformApi(event),
        ...(installationStore ? { installationStore } : {}),
      });
      const started = await slack.start();
      logger.info({ mode: slack.mode, ...started }, "Slack adapter started");
      stops.push(() => slack.stop());
      posters.slack = createSlackDigestPoster({
        botToken: slackConfig.botToken ?? ((target) => installationStore!.botTokenFor(target)),
        apiUrl: slackConfig.apiUrl,
        logger: slackLogger,
      });
    }
    if (wantsDiscord) {
      const { createDiscordBot, loadDiscordConfig, createDiscordDigestPoster } = await import("./adapters/discord/index.js");
      const discordConfig = loadDiscordConfig(process.env);
      const discordLogger = logger.child({ platform: "discord" });
      const bot = createDiscordBot({ api, admission, config: discordConfig, logger: discordLogger, options: { onApiEvent: (event) => metrics.observePlatformApi(event) } });
      await bot.start();
      logger.info("Discord adapter started");
      stops.push(() => bot.stop());
      posters.discord = createDiscordDigestPoster({ config: discordConfig, logger: discordLogger, codec: bot.codec });
    }
    // Every process runs the scheduler; the database claim makes each digest post exactly once.
    const digests = startDigests({
      prisma: app.database.prisma,
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
async function registerDiscord(guildId: string | undefined): Promise<number> {
  const { registerDiscordCommands, loadDiscordConfig } = await import("./adapters/discord/index.js");
  const { commands } = await import("./commands/index.js");
  const result = await registerDiscordCommands({ ...loadDiscordConfig(process.env), commands, guildId });
  const scope = result.scope === "global" ? "globally (may take up to an hour to appear)" : `in guild ${result.scope.guildId}`;
  process.stdout.write(`Registered ${result.registered.map((command) => command.name).join(", ")} ${scope}.\n`);
  if (result.skipped.length) process.stdout.write(`Skipped: ${result.skipped.join(", ")}\n`);
  return 0;
}
