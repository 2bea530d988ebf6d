/**
 * Configuration, parsed once from the environment with zod into a frozen object. Fails at
 * start-up naming the variable that is wrong. This is the only file that reads `process.env`:
 * everything else gets the object (or the part of it it needs) passed in.
 */
import { delimiter, isAbsolute } from "node:path";
import { z } from "zod";
import { isValidTimeZone } from "./core/dates.js";
import { localeFromTag } from "./core/i18n/locale.js";
import { admissionLimitsFor, type AdmissionLimits } from "./core/admission.js";
import { slackConfigFromEnv, type SlackConfig } from "./adapters/slack/config.js";
import { loadDiscordConfig, type DiscordConfig } from "./adapters/discord/config.js";

const optional = z.string().trim().min(1).optional().catch(undefined);

/**
 * Directories `console:file:` digests may be appended to, separated like PATH (":" here, ";" on
 * Windows). None by default: writing server files is the operator's decision, never a chat user's.
 */
const digestFileDirs = z
  .string()
  .transform((value) => value.split(delimiter).map((dir) => dir.trim()).filter(Boolean))
  .refine((dirs) => dirs.every((dir) => isAbsolute(dir)), `RAPPORT_DIGEST_FILE_DIRS must list absolute directories separated by "${delimiter}", e.g. /var/lib/rapport/digests`)
  .default([]);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// (leave it unset for the embedded database)")
    .optional(),
  RAPPORT_DATA_DIR: z.string().default("./data"),
  /** The embedded database waits for the disk on every commit; "off" is faster and survives a killed process, not a power cut. */
  RAPPORT_EMBEDDED_FSYNC: z.enum(["on", "off"], "RAPPORT_EMBEDDED_FSYNC must be on or off").default("on"),
  RAPPORT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // Admission (src/core/admission.ts): unset means derived from the pool (see admissionLimits).
  RAPPORT_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1000).optional(),
  RAPPORT_MAX_WAITING: z.coerce.number().int().min(0).max(100_000).optional(),
  RAPPORT_MEMBER_RATE: z.coerce.number().min(0, "RAPPORT_MEMBER_RATE is commands per second, e.g. 1 (0: no limit)").max(10_000).optional(),
  RAPPORT_MEMBER_BURST: z.coerce.number().int().min(1).max(100_000).optional(),
  RAPPORT_WORKSPACE_RATE: z.coerce.number().min(0, "RAPPORT_WORKSPACE_RATE is commands per second, e.g. 20 (0: no limit)").max(100_000).optional(),
  RAPPORT_WORKSPACE_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  RAPPORT_VACUUM_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "RAPPORT_VACUUM_AT must be a time HH:MM such as 03:30")
    .default("03:30"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RAPPORT_TIME_ZONE: z
    .string()
    .refine(isValidTimeZone, "RAPPORT_TIME_ZONE must be an IANA zone such as Europe/Berlin")
    .optional(),
  RAPPORT_LOCALE: z
    .string()
    .refine((tag) => localeFromTag(tag) !== null, "RAPPORT_LOCALE must be en, zh-CN, zh-TW or ko")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RAPPORT_OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  RAPPORT_DIGEST_FILE_DIRS: digestFileDirs,
  /** Where the console saves reply attachments (charts, exports); unset: the current directory. */
  RAPPORT_OUTPUT_DIR: optional,
  /** Set by bin/rapport.mjs for the `rapport import` child it starts: the launcher's pid, to stop when it dies. */
  RAPPORT_LAUNCHER_PID: z.coerce.number().int().positive().optional().catch(undefined),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  RAPPORT_SECRET_KEY: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_API_URL: optional,
});

/**
 * `slack` and `discord` are each platform's own parsed config, present when one of its variables
 * asks for that platform (SLACK_BOT_TOKEN, SLACK_APP_TOKEN or SLACK_CLIENT_ID; DISCORD_TOKEN or
 * DISCORD_APPLICATION_ID): a half-configured platform fails here, naming what is missing.
 */
export type Config = Readonly<
  Omit<z.infer<typeof schema>, "RAPPORT_DIGEST_FILE_DIRS"> & { RAPPORT_DIGEST_FILE_DIRS: readonly string[]; slack?: SlackConfig; discord?: DiscordConfig }
>;

export class ConfigError extends Error {
  readonly code = "config_invalid";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in a .env file) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration. ${problems.join("; ")}`);
  }
  const data = result.data;
  const wantsSlack = Boolean(data.SLACK_BOT_TOKEN || data.SLACK_APP_TOKEN || data.SLACK_CLIENT_ID);
  const wantsDiscord = Boolean(data.DISCORD_TOKEN || data.DISCORD_APPLICATION_ID);
  return Object.freeze({
    ...data,
    RAPPORT_DIGEST_FILE_DIRS: Object.freeze(data.RAPPORT_DIGEST_FILE_DIRS),
    ...(wantsSlack ? { slack: slackConfigFromEnv(env) } : {}),
    ...(wantsDiscord ? { discord: loadDiscordConfig(env) } : {}),
  });
}

/** How much work `rapport start` takes on: running/waiting commands and per-member/workspace rates. */
export function admissionLimits(config: Config, embedded: boolean): AdmissionLimits {
  const rate = (perSecond: number | undefined, burst: number | undefined) => ({
    ...(perSecond !== undefined ? { perSecond } : {}),
    ...(burst !== undefined ? { burst } : {}),
  });
  return admissionLimitsFor(
    { poolSize: config.RAPPORT_DB_POOL_SIZE, embedded },
    {
      ...(config.RAPPORT_MAX_IN_FLIGHT !== undefined ? { maxInFlight: config.RAPPORT_MAX_IN_FLIGHT } : {}),
      ...(config.RAPPORT_MAX_WAITING !== undefined ? { maxWaiting: config.RAPPORT_MAX_WAITING } : {}),
      member: rate(config.RAPPORT_MEMBER_RATE, config.RAPPORT_MEMBER_BURST),
      workspace: rate(config.RAPPORT_WORKSPACE_RATE, config.RAPPORT_WORKSPACE_BURST),
    },
  );
}
