/**
 * Configuration, parsed once with zod into a frozen object from the environment and an optional
 * `.env` file (the environment wins). Fails at start-up naming the variable that is wrong, and the
 * file when the value came from it. This is the only file that reads `process.env`: everything
 * else gets the object (or the part of it it needs) passed in.
 */
import { readFileSync } from "node:fs";
import { delimiter, isAbsolute, resolve } from "node:path";
import { parseEnv } from "node:util";
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
  /**
   * `worker`: the embedded database runs on a thread of its own, so its queries never block the
   * event loop that answers Slack and Discord (about 100 MB more memory); `main` shares the thread.
   * Unset: `worker` when serving chat, `main` for the console and one-off commands (one person).
   */
  RAPPORT_EMBEDDED_THREAD: z.enum(["main", "worker"], "RAPPORT_EMBEDDED_THREAD must be main or worker").optional(),
  RAPPORT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RAPPORT_DB_PREPARED: z.enum(["on", "off"], "RAPPORT_DB_PREPARED must be on or off").default("on"),
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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], "LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent").default("info"),
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
  /**
   * Loopback by default: /metrics tells whoever can reach it about the workload, so exposing it is
   * the operator's decision. A container sets 0.0.0.0 (the Dockerfile does) for its probes.
   */
  RAPPORT_OPS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Set: /metrics answers 401 without `Authorization: Bearer <token>`; /healthz and /readyz stay open for probes. */
  RAPPORT_METRICS_TOKEN: optional,
  /** After SIGTERM, how long /readyz answers 503 while work is still taken, so load balancers stop sending it first. */
  RAPPORT_DRAIN_SECONDS: z.coerce.number("RAPPORT_DRAIN_SECONDS must be seconds, e.g. 5").min(0, "RAPPORT_DRAIN_SECONDS must be seconds, e.g. 5").max(600, "RAPPORT_DRAIN_SECONDS must be at most 600").default(0),
  /**
   * Where people reach Rapport's record pages, e.g. https://crm.example.com: record links
   * (`<base>/c/12`) are built on it and unfurled when posted. Unset: no links, no pages.
   */
  RAPPORT_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "RAPPORT_PUBLIC_URL must be an http(s) address such as https://crm.example.com" })
    .optional(),
  /** Where the record pages listen when RAPPORT_PUBLIC_URL is set (a reverse proxy in front serves the public address). */
  RAPPORT_WEB_PORT: z.coerce
    .number("RAPPORT_WEB_PORT must be a port number such as 8080")
    .int("RAPPORT_WEB_PORT must be a port number such as 8080")
    .min(0, "RAPPORT_WEB_PORT must be a port number such as 8080")
    .max(65535, "RAPPORT_WEB_PORT must be a port number such as 8080")
    .default(8080),
  /** All interfaces by default: the record pages are for people's browsers (behind sign-in). */
  RAPPORT_WEB_HOST: z.string().trim().min(1, "RAPPORT_WEB_HOST must be an interface address such as 0.0.0.0 or 127.0.0.1").default("0.0.0.0"),
  /** A `.env` file to read instead of the one in the working directory (read by readEnvFile, listed here so it is checked). */
  RAPPORT_ENV_FILE: optional,
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
  SLACK_HOST: optional,
  SLACK_ADMIN_USER_IDS: optional,
  RAPPORT_SECRET_KEY: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_API_URL: optional,
  /** Sign in with Discord on the record pages (OAuth2 -> Client Secret); DISCORD_APPLICATION_ID is the client id. */
  DISCORD_CLIENT_SECRET: optional,
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

/** Variables read from a `.env` file, and where it was. */
export type EnvFile = Readonly<{ path: string; values: Readonly<Record<string, string>> }>;

/**
 * Reads `RAPPORT_ENV_FILE` when set (it must exist), otherwise `.env` in `cwd` when there is one.
 * Node's own parser (the one behind `node --env-file`), so the file means what Node says it means.
 */
export function readEnvFile(env: NodeJS.ProcessEnv, cwd: string): EnvFile | undefined {
  const named = env.RAPPORT_ENV_FILE?.trim();
  const path = resolve(cwd, named || ".env");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (!named && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ConfigError(`Invalid configuration. ${named ? "RAPPORT_ENV_FILE" : ".env"}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return Object.freeze({ path, values: Object.freeze(parseEnv(text) as Record<string, string>) });
}

/** The environment over the file, an empty value meaning unset (DATABASE_URL= in a .env file). */
function mergedVariables(env: NodeJS.ProcessEnv, file: EnvFile | undefined): Record<string, string> {
  const present = (values: Readonly<Record<string, string | undefined>>) =>
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "");
  return Object.fromEntries([...present(file?.values ?? {}), ...present(env)]);
}

export type ConfigSource = "env" | ".env" | "default";

function sourceOf(name: string, env: NodeJS.ProcessEnv, file: EnvFile | undefined): ConfigSource {
  if (env[name] !== undefined && env[name] !== "") return "env";
  if (file?.values[name] !== undefined && file.values[name] !== "") return ".env";
  return "default";
}

/**
 * The configuration from `env` (default: the process's) and, when given, a `.env` file read by
 * readEnvFile. A value is checked the same way wherever it came from; an error names the file
 * when the value came from it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file?: EnvFile): Config {
  const present = mergedVariables(env, file);
  const where = (name: string) => (sourceOf(name, env, file) === ".env" ? ` (in ${file!.path})` : "");
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}${where(String(issue.path[0]))}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration. ${problems.join("; ")}`);
  }
  const data = result.data;
  const wantsSlack = Boolean(data.SLACK_BOT_TOKEN || data.SLACK_APP_TOKEN || data.SLACK_CLIENT_ID);
  const wantsDiscord = Boolean(data.DISCORD_TOKEN || data.DISCORD_APPLICATION_ID);
  const platform = <T>(parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      // The platforms' own messages name the variable; say where else it may have come from.
      if (!file) throw error;
      throw new ConfigError(`${(error as Error).message} (variables read from the environment and ${file.path})`, { cause: error });
    }
  };
  return Object.freeze({
    ...data,
    RAPPORT_DIGEST_FILE_DIRS: Object.freeze(data.RAPPORT_DIGEST_FILE_DIRS),
    ...(wantsSlack ? { slack: platform(() => slackConfigFromEnv(present)) } : {}),
    ...(wantsDiscord ? { discord: platform(() => loadDiscordConfig(present)) } : {}),
  });
}

/** What `rapport` reads its configuration from: the process's environment and working directory. */
export function processConfigInputs(): { env: NodeJS.ProcessEnv; cwd: string } {
  return { env: process.env, cwd: process.cwd() };
}

/** What `rapport` runs with: the process's environment over `.env` (or RAPPORT_ENV_FILE). */
export function loadProcessConfig(): Config {
  const { env, cwd } = processConfigInputs();
  return loadConfig(env, readEnvFile(env, cwd));
}

const SECRET_VARIABLES = new Set([
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_CLIENT_SECRET",
  "SLACK_STATE_SECRET",
  "RAPPORT_SECRET_KEY",
  "DISCORD_TOKEN",
  "RAPPORT_METRICS_TOKEN",
  "DISCORD_CLIENT_SECRET",
]);

function masked(name: string, value: string): string {
  if (SECRET_VARIABLES.has(name)) return "******";
  if (name === "DATABASE_URL") {
    try {
      const url = new URL(value);
      if (url.password) url.password = "******";
      return url.toString();
    } catch {
      return "******";
    }
  }
  return value;
}

export type ConfigEntry = Readonly<{ name: string; value: string | undefined; source: ConfigSource }>;

/**
 * Every variable the schema knows with its effective value (secrets and database passwords
 * masked) and where it came from; for `rapport config check`. Expects a config loadConfig accepted.
 */
export function describeConfig(env: NodeJS.ProcessEnv, file?: EnvFile): readonly ConfigEntry[] {
  const parsed = schema.parse(mergedVariables(env, file));
  return Object.keys(schema.shape).map((name) => {
    const value = parsed[name as keyof typeof parsed];
    const text = value === undefined ? undefined : Array.isArray(value) ? value.join(delimiter) || "(none)" : String(value);
    return { name, value: text === undefined ? undefined : masked(name, text), source: sourceOf(name, env, file) };
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
