import { z } from "zod";

export type DiscordConfig = Readonly<{
  /** Bot token (Developer Portal -> Bot -> Reset Token). */
  token: string;
  /** Application id (Developer Portal -> General Information). */
  applicationId: string;
  /** REST base override, e.g. a local fake Discord in end-to-end tests: `http://127.0.0.1:1234/api`. */
  apiUrl?: string;
  /**
   * DISCORD_MEMBERS_INTENT=true: the bot asks for the privileged Server Members intent (enable
   * "Server Members Intent" under Developer Portal -> Bot first, or Discord refuses the login) and
   * keeps the server's people in Rapport: at start, on joining a server, on join/update/leave.
   */
  membersIntent?: boolean;
}>;

const envSchema = z.object({
  DISCORD_TOKEN: z.string({ error: "DISCORD_TOKEN is required (the bot token from the Developer Portal)." }).min(1, "DISCORD_TOKEN is required (the bot token from the Developer Portal)."),
  DISCORD_APPLICATION_ID: z
    .string({ error: "DISCORD_APPLICATION_ID is required (General Information -> Application ID)." })
    .regex(/^\d{17,20}$/, "DISCORD_APPLICATION_ID must be the numeric application id."),
  DISCORD_API_URL: z.url({ error: "DISCORD_API_URL must be a URL such as http://127.0.0.1:3000/api." }).optional(),
  DISCORD_MEMBERS_INTENT: z.enum(["true", "false", "1", "0", "yes", "no", "on", "off"], { error: "DISCORD_MEMBERS_INTENT must be true or false." }).optional(),
});

/** Reads DISCORD_TOKEN, DISCORD_APPLICATION_ID and (optional) DISCORD_API_URL; throws naming the variable. */
export function loadDiscordConfig(env: Record<string, string | undefined>): DiscordConfig {
  const parsed = envSchema.safeParse({
    DISCORD_TOKEN: env.DISCORD_TOKEN,
    DISCORD_APPLICATION_ID: env.DISCORD_APPLICATION_ID,
    DISCORD_API_URL: env.DISCORD_API_URL || undefined,
    DISCORD_MEMBERS_INTENT: env.DISCORD_MEMBERS_INTENT?.trim().toLowerCase() || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Discord configuration: ${parsed.error.issues.map((issue) => issue.message).join(" ")}`);
  }
  return Object.freeze({
    token: parsed.data.DISCORD_TOKEN,
    applicationId: parsed.data.DISCORD_APPLICATION_ID,
    ...(parsed.data.DISCORD_API_URL ? { apiUrl: parsed.data.DISCORD_API_URL } : {}),
    ...(["true", "1", "yes", "on"].includes(parsed.data.DISCORD_MEMBERS_INTENT ?? "") ? { membersIntent: true } : {}),
  });
}
