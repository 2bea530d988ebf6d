/**
 * Slack adapter configuration, parsed once at start-up into a frozen object; a missing variable
 * fails fast by name.
 *
 * Modes: single workspace (SLACK_BOT_TOKEN) or multi-workspace OAuth (SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and RAPPORT_SECRET_KEY, which encrypts the stored
 * installation tokens); HTTP (SLACK_SIGNING_SECRET, PORT) or Socket Mode (SLACK_APP_TOKEN).
 */
import { z } from "zod";

export const SLACK_BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "users:read",
  "users:read.email",
  "channels:read",
  "groups:read",
  // Digests: reading a channel's recent messages (with metadata) tells whether a digest already went out.
  "channels:history",
  "groups:history",
  "im:write",
  // Exports and charts: files.getUploadURLExternal / files.completeUploadExternal.
  "files:write",
  // Record links: link_shared events for the public address's domain, and chat.unfurl.
  "links:read",
  "links:write",
] as const;

export type SlackConfig = Readonly<{
  botToken?: string;
  signingSecret?: string;
  appToken?: string;
  /** Web API base URL (with trailing slash); undefined: https://slack.com/api/ */
  apiUrl?: string;
  port: number;
  /** Interface to listen on in HTTP mode; undefined: all interfaces. */
  host?: string;
  oauth?: Readonly<{ clientId: string; clientSecret: string; stateSecret: string; scopes: readonly string[] }>;
  /**
   * Slack user ids the operator makes Rapport admins (SLACK_ADMIN_USER_IDS, comma-separated), on
   * top of workspace admins/owners and the OAuth installer: a single-workspace bot token records
   * no installer, so this is how its operator names one without being a workspace admin.
   */
  adminUserIds?: readonly string[];
  /** How long a users.info profile is reused. */
  profileTtlMs: number;
  /** How long a modal submission or options request may wait for the core before acking anyway. */
  ackBudgetMs: number;
  /**
   * How long a slash command's ack waits for the answer, to carry it; a slower answer follows
   * through response_url. 0: ack at once. Default: ackBudgetMs.
   */
  answerInAckMs?: number;
  /** Largest accepted clock difference for X-Slack-Request-Timestamp, both directions. */
  maxClockSkewSeconds: number;
  /** Largest file uploaded with a reply; undefined: MAX_SLACK_UPLOAD_BYTES (50 MB). */
  maxUploadBytes?: number;
}>;

const optional = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional.pipe(z.url({ error: "SLACK_API_URL must be a URL, e.g. https://slack.com/api/" }).optional()),
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  SLACK_HOST: optional,
  SLACK_ADMIN_USER_IDS: optional.pipe(
    z
      .string()
      .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, "SLACK_ADMIN_USER_IDS must be Slack user ids separated by commas, e.g. U012ABCDEF,U034GHIJKL")))
      .optional(),
  ),
  RAPPORT_SECRET_KEY: optional,
  PORT: optional.pipe(z.string().regex(/^\d{1,5}$/, "PORT must be a port number").transform(Number).optional()),
});

export class SlackConfigError extends Error {
  readonly code = "slack_config";
}

export function slackConfigFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<SlackConfig> = {}): SlackConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new SlackConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  }
  const e = parsed.data;
  const oauth =
    e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET
      ? {
          clientId: required(e.SLACK_CLIENT_ID, "SLACK_CLIENT_ID", "for the OAuth install flow"),
          clientSecret: required(e.SLACK_CLIENT_SECRET, "SLACK_CLIENT_SECRET", "for the OAuth install flow"),
          stateSecret: required(e.SLACK_STATE_SECRET, "SLACK_STATE_SECRET", "for the OAuth install flow"),
          scopes: SLACK_BOT_SCOPES,
        }
      : undefined;
  // The adapter never sees the key (the installation store in src/data derives it), but a missing
  // one must stop the start, not the first install.
  if (oauth) required(e.RAPPORT_SECRET_KEY, "RAPPORT_SECRET_KEY", "for the OAuth install flow: installation tokens are stored encrypted with it (e.g. `openssl rand -base64 32`)");
  return validateSlackConfig({
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL ? withTrailingSlash(e.SLACK_API_URL) : undefined,
    port: e.PORT ?? 3000,
    host: e.SLACK_HOST,
    oauth,
    ...(e.SLACK_ADMIN_USER_IDS?.length ? { adminUserIds: Object.freeze(e.SLACK_ADMIN_USER_IDS) } : {}),
    profileTtlMs: 10 * 60 * 1000,
    ackBudgetMs: 2000,
    maxClockSkewSeconds: 300,
    ...overrides,
  });
}

/** Checks a config built in code (tests, the CLI) the same way as one read from the environment. */
export function validateSlackConfig(config: SlackConfig): SlackConfig {
  if (!config.botToken && !config.oauth) {
    throw new SlackConfigError("botToken is required. Set SLACK_BOT_TOKEN (single workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET (OAuth).");
  }
  if (config.botToken && config.oauth) {
    throw new SlackConfigError("Set either SLACK_BOT_TOKEN or the OAuth variables (SLACK_CLIENT_ID, ...), not both.");
  }
  if (!config.appToken && !config.signingSecret) {
    throw new SlackConfigError("signingSecret is required in HTTP mode. Set SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode.");
  }
  if (config.appToken && !config.appToken.startsWith("xapp-")) {
    throw new SlackConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...).");
  }
  if (config.appToken && config.oauth) {
    throw new SlackConfigError("Socket Mode (SLACK_APP_TOKEN) is for a single workspace; unset it to use the OAuth install flow.");
  }
  if (config.ackBudgetMs >= 2800) throw new SlackConfigError("ackBudgetMs must stay well under Slack's 3000 ms.");
  if (config.answerInAckMs !== undefined && !(config.answerInAckMs >= 0 && config.answerInAckMs < 2800)) throw new SlackConfigError("answerInAckMs must be 0 or more and stay well under Slack's 3000 ms.");
  if (config.maxUploadBytes !== undefined && !(Number.isInteger(config.maxUploadBytes) && config.maxUploadBytes > 0 && config.maxUploadBytes <= 1024 ** 3)) {
    throw new SlackConfigError("maxUploadBytes must be a whole number of bytes between 1 and Slack's 1 GB.");
  }
  return Object.freeze({ ...config });
}

function required(value: string | undefined, name: string, why: string): string {
  if (!value) throw new SlackConfigError(`${name} is required ${why}.`);
  return value;
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}
