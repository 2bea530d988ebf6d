/**
 * The `rapport` command line: start, console, migrate, seed --demo (and the platform commands as
 * their adapters land). Uses node:util parseArgs; no framework needed for a handful of verbs.
 */
import { parseArgs } from "node:util";
import { loadConfig, type Config } from "./config.js";
import { createLogger } from "./logging.js";
import { createApp, targetFromConfig } from "./app.js";
import { openDatabase } from "./data/database.js";
import { loadDemoData } from "./data/seed/demo.js";
import { consoleActor, CONSOLE_TENANT, runConsole } from "./adapters/console/console.js";
import { todayIn } from "./core/dates.js";
import type { App } from "./app.js";
import type { Logger } from "./core/logger.js";

const USAGE = `Usage: rapport <command> [options]

Commands:
  start [--no-demo]             Start every configured surface (Slack, Discord); the console when none is configured
  console [--as <member>] [--no-demo]
                                Type /crm commands locally (one per line when stdin is not a terminal)
  migrate                       Apply database migrations
  seed --demo                   Load the demo data set into the console workspace
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
  } finally {
    await app.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = "start", ...rest] = argv;
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
  const logger = createLogger(command === "console" || command === "start" ? (interactiveConsole ? "warn" : "error") : config.LOG_LEVEL);
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
    case "help":
    case "--help":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
      return 2;
  }
}

/** Starts Slack and/or Discord when configured. Returns false when no platform is configured. */
async function startPlatforms(config: Config, _logger: Logger): Promise<boolean> {
  return Boolean(config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN) && false;
}
