/**
 * Configuration, parsed once from the environment with zod into a frozen object. Fails at
 * start-up naming the variable that is wrong.
 */
import { z } from "zod";
import { isValidTimeZone } from "./core/dates.js";

const optional = z.string().trim().min(1).optional().catch(undefined);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// (leave it unset for the embedded database)")
    .optional(),
  RAPPORT_DATA_DIR: z.string().default("./data"),
  RAPPORT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RAPPORT_VACUUM_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "RAPPORT_VACUUM_AT must be a time HH:MM such as 03:30")
    .default("03:30"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RAPPORT_TIME_ZONE: z
    .string()
    .refine(isValidTimeZone, "RAPPORT_TIME_ZONE must be an IANA zone such as Europe/Berlin")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  RAPPORT_OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
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

export type Config = Readonly<z.infer<typeof schema>>;

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
  return Object.freeze(result.data);
}
