/**
 * The `rapport` command line: start, console, migrate, seed --demo (and the platform commands as
 * their adapters land). Uses node:util parseArgs; no framework needed for a handful of verbs.
 */
import { parseArgs } from "node:util";
import { loadProcessConfig, processConfigInputs, type Config } from "./config.js";
import { createLogger } from "./logging.js";
import { createApp, targetFromConfig } from "./app.js";
import { openDatabase } from "./data/database.js";
import { CONSOLE_LOCAL_USER, CONSOLE_TENANT } from "./core/console-tenant.js";
import { todayIn } from "./core/dates.js";
import type { App } from "./app.js";
import type { Logger } from "./core/logger.js";
import { serve } from "./cli/serve.js";
import { createRoutingPoster } from "./digests/index.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { builtInPlatforms } from "./platforms.js";

const USAGE = `Usage: rapport <command> [options]

Commands:
  start [--no-demo] [--server]  Start every configured surface (Slack, Discord); the console when none is configured
                                (--server: never the console; digests and the ops endpoints even with no chat platform)
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
  config check                  Print the effective configuration (environment over .env), secrets masked
  backup <file>                 Back up the embedded database (the running process writes it, or this one when none runs)
  restore <file>                Restore a backup into RAPPORT_DATA_DIR (Rapport stopped; the old directory is kept)
  migrate-to-postgres <url>     Copy the embedded database into an empty PostgreSQL database and verify every table
  migrate-from-postgres <url> [--data-dir DIR]
                                The reverse: copy a PostgreSQL database into an empty embedded directory
  help                          Show this text

Environment (or a .env file in the working directory, or RAPPORT_ENV_FILE): DATABASE_URL (unset =
embedded database in RAPPORT_DATA_DIR, default ./data), LOG_LEVEL, see README.`;

function localTimeZone(config: Config): string {
  return config.RAPPORT_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
}

// The console, the demo data and the one-shot commands (import, export, backup...) are imported
// when their command runs: a server start has no use for them (CSV parsers, encodings, the console
// renderer) and would pay for loading them before it is ready.

async function seedDemo(app: App, config: Config, logger: Logger, onlyIfEmpty: boolean): Promise<boolean> {
  const [{ countCustomers, loadDemoData }, { consoleActor }] = await Promise.all([import("./data/seed/demo.js"), import("./adapters/console/console.js")]);
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
  const [{ consoleActor, runConsole }, { createConsolePoster }] = await Promise.all([import("./adapters/console/console.js"), import("./adapters/console/digest-poster.js")]);
  const app = await createApp({ target: targetFromConfig(config), logger, poolSize: config.RAPPORT_DB_POOL_SIZE, defaultLocale: config.RAPPORT_LOCALE, publicUrl: config.RAPPORT_PUBLIC_URL });
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
  // Reports a bad configuration itself, so it loads the configuration itself.
  if (command === "config") return (await import("./cli/config-cli.js")).runConfigCli(rest, { ...processConfigInputs(), stdout: process.stdout, stderr: process.stderr });
  const config = loadProcessConfig();
  // import/export/digest take their own options (parsed in src/cli/).
  if (command === "import") return (await import("./cli/import-cli.js")).runImportCli(rest, config);
  if (command === "export") return (await import("./cli/export-cli.js")).runExportCli(rest, config);
  if (command === "digest") return (await import("./cli/digest-cli.js")).runDigestCli(rest, config); // digest tick [--at <ISO time>]
  if (command === "backup" || command === "restore") return (await import("./cli/backup-cli.js")).runBackupCli(command, rest, config);
  if (command === "migrate-to-postgres" || command === "migrate-from-postgres") return (await import("./cli/migrate-db-cli.js")).runMigrateDbCli(command, rest, config);
  const { values } = parseArgs({
    args: rest,
    options: {
      as: { type: "string", default: CONSOLE_LOCAL_USER },
      locale: { type: "string" },
      "no-demo": { type: "boolean", default: false },
      demo: { type: "boolean", default: false },
      guild: { type: "string" },
      server: { type: "boolean", default: false },
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
  const quietConsole = command === "console" || (command === "start" && !servesPlatforms && !values.server);
  const logger = createLogger(quietConsole ? (interactiveConsole ? "warn" : "error") : config.LOG_LEVEL);
  switch (command) {
    case "console":
      await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"], locale: values.locale });
      return 0;
    case "start": {
      // Serves when a chat platform is configured or --server asks (digests and ops endpoints only,
      // e.g. in a container, whose stdin is no console); otherwise this is the local console.
      if (servesPlatforms || values.server) await serve({ config, logger, platforms, database, timeZone: localTimeZone(config) });
      else await startConsole(config, logger, { as: values.as!, demo: !values["no-demo"], locale: values.locale });
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
