/**
 * `rapport start`'s record pages: with RAPPORT_PUBLIC_URL set, the web server of
 * src/adapters/web on RAPPORT_WEB_HOST:RAPPORT_WEB_PORT, signing in with Slack (SLACK_CLIENT_ID /
 * SLACK_CLIENT_SECRET) and Discord (DISCORD_APPLICATION_ID / DISCORD_CLIENT_SECRET), the OAuth
 * state signed with RAPPORT_SECRET_KEY (or SLACK_STATE_SECRET).
 */
import type { Config } from "../config.js";
import type { Logger } from "../core/logger.js";
import type { RapportApi } from "../core/service-api.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import type { WebServer, WebServerOptions } from "../adapters/web/web-server.js";

/** The web server's options from the configuration, or why the pages stay off. */
export function recordPagesOptions(config: Config): { options: Omit<WebServerOptions, "api" | "sessions" | "logger"> } | { off: "no_public_url" | "no_state_secret" } {
  if (!config.RAPPORT_PUBLIC_URL) return { off: "no_public_url" };
  const stateSecret = config.RAPPORT_SECRET_KEY ?? config.SLACK_STATE_SECRET;
  if (!stateSecret) return { off: "no_state_secret" };
  return {
    options: {
      publicUrl: config.RAPPORT_PUBLIC_URL,
      host: config.RAPPORT_WEB_HOST,
      port: config.RAPPORT_WEB_PORT,
      stateSecret,
      ...(config.RAPPORT_LOCALE ? { defaultLocale: config.RAPPORT_LOCALE } : {}),
      ...(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET
        ? { slack: { clientId: config.SLACK_CLIENT_ID, clientSecret: config.SLACK_CLIENT_SECRET, ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}) } }
        : {}),
      ...(config.DISCORD_APPLICATION_ID && config.DISCORD_CLIENT_SECRET
        ? { discord: { clientId: config.DISCORD_APPLICATION_ID, clientSecret: config.DISCORD_CLIENT_SECRET, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}) } }
        : {}),
    },
  };
}

/** Starts the record pages when configured; null (and a log line saying why) when not. */
export async function startRecordPages(input: { config: Config; api: RapportApi; prisma: PrismaClient; logger: Logger }): Promise<WebServer | null> {
  const chosen = recordPagesOptions(input.config);
  if ("off" in chosen) {
    if (chosen.off === "no_state_secret") input.logger.warn("record pages are off: they need RAPPORT_SECRET_KEY (or SLACK_STATE_SECRET) to sign sign-in requests");
    return null;
  }
  const { options } = chosen;
  if (!options.slack && !options.discord) {
    input.logger.warn("record pages: no sign-in configured (SLACK_CLIENT_ID/SLACK_CLIENT_SECRET or DISCORD_APPLICATION_ID/DISCORD_CLIENT_SECRET); nobody can open them");
  }
  // Imported only when the pages are on: most deployments never serve them.
  const [{ startWebServer }, { createWebSessionStore }] = await Promise.all([import("../adapters/web/web-server.js"), import("../data/web-session-store.js")]);
  const server = await startWebServer({ ...options, api: input.api, sessions: createWebSessionStore(input.prisma), logger: input.logger });
  input.logger.info({ host: options.host, port: server.port, publicUrl: options.publicUrl, slack: Boolean(options.slack), discord: Boolean(options.discord) }, "record pages: /c/:id /o/:number /d/:id /q/:number");
  return server;
}
