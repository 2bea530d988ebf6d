/**
 * `rapport digest tick [--at <ISO time>]`: runs exactly the scheduler's tick for that moment
 * (default now) once and prints what happened as JSON. Posts go to the console poster for
 * console: channels; Slack/Discord channels need their posters (wired by `rapport start`).
 */
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { createLogger } from "../logging.js";
import { targetFromConfig } from "../app.js";
import { openDatabase } from "../data/database.js";
import { CONSOLE_TENANT } from "../core/console-tenant.js";
import { createConsolePoster } from "../adapters/console/digest-poster.js";
import type { DigestPoster } from "../core/digest-poster.js";
import { createRoutingPoster } from "../digests/routing-poster.js";
import { createDigestScheduler } from "../digests/scheduler.js";
import { createDigestStore } from "../data/digest-store.js";
import { createTranslator, localeFromTag } from "../core/i18n/index.js";

const DIGEST_SYNTAX = "rapport digest tick [--at <ISO time, e.g. 2026-11-23T08:30:00Z>]";

export async function runDigestCli(argv: string[], config: Config, options: { poster?: DigestPoster; output?: NodeJS.WritableStream } = {}): Promise<number> {
  const output = options.output ?? process.stdout;
  const t = createTranslator(localeFromTag(config.RAPPORT_LOCALE) ?? "en");
  const usage = t("cli.usage", { syntax: DIGEST_SYNTAX });
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { at: { type: "string" } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [verb] = parsed.positionals;
  if (verb !== "tick") {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const at = parsed.values.at ? new Date(parsed.values.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    process.stderr.write(`${t("cli.digest.badTime", { value: parsed.values.at })}\n`);
    return 2;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(targetFromConfig(config), { poolSize: config.RAPPORT_DB_POOL_SIZE });
  try {
    const poster = options.poster ?? createRoutingPoster({ console: createConsolePoster({ output: output as never, now: () => at, fileDirs: config.RAPPORT_DIGEST_FILE_DIRS, tenant: CONSOLE_TENANT }) });
    const scheduler = createDigestScheduler({ store: createDigestStore(database.prisma), poster, logger, clock: parsed.values.at ? () => at : undefined });
    const result = await scheduler.tick(at);
    output.write(`${JSON.stringify({ at: at.toISOString(), ...result })}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
