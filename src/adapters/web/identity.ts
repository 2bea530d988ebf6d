/**
 * Who signed in, asked of the platform that vouches for them:
 *
 * - Slack: Sign in with Slack (OpenID Connect). The browser goes to `/openid/connect/authorize`
 *   (scope `openid profile`), comes back with a code, which `openid.connect.token` turns into an
 *   access token; `openid.connect.userInfo` then names the workspace (`https://slack.com/team_id`)
 *   and the user (`https://slack.com/user_id`).
 * - Discord: OAuth2 (scopes `identify guilds`): `/oauth2/authorize`, `/oauth2/token`, then
 *   `/users/@me` (the user) and `/users/@me/guilds` (the servers they are in, to match the
 *   workspace that uses Rapport).
 *
 * Base addresses come from SLACK_API_URL / DISCORD_API_URL (local fakes in tests); the authorize
 * pages sit on the same host (`https://slack.com/openid/connect/authorize`,
 * `https://discord.com/oauth2/authorize`).
 */
import type { SignInPlatform } from "./session-cookies.js";

export type OAuthClient = { clientId: string; clientSecret: string };

/** A verified identity: the user, and the workspaces they belong to that may be signed in to. */
export type Identity = { platform: SignInPlatform; userId: string; workspaceIds: string[]; displayName?: string };

export class SignInError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Sign in with Slack needs only `openid` (who) and `profile` (their name). */
const SLACK_SCOPES = ["openid", "profile"];
/** The user, and the servers they are in (to find the workspace that uses Rapport). */
const DISCORD_SCOPES = ["identify", "guilds"];

export const SLACK_API_DEFAULT = "https://slack.com/api/";
export const DISCORD_API_DEFAULT = "https://discord.com/api/v10";

function slackApiBase(apiUrl: string | undefined): string {
  const base = apiUrl ?? SLACK_API_DEFAULT;
  return base.endsWith("/") ? base : `${base}/`;
}

export function slackAuthorizeUrl(options: { apiUrl?: string; clientId: string; redirectUri: string; state: string; nonce: string }): string {
  const url = new URL("/openid/connect/authorize", slackApiBase(options.apiUrl));
  url.search = new URLSearchParams({
    response_type: "code",
    scope: SLACK_SCOPES.join(" "),
    client_id: options.clientId,
    state: options.state,
    nonce: options.nonce,
    redirect_uri: options.redirectUri,
  }).toString();
  return url.toString();
}

export function discordAuthorizeUrl(options: { apiUrl?: string; clientId: string; redirectUri: string; state: string }): string {
  const url = new URL("/oauth2/authorize", options.apiUrl ?? DISCORD_API_DEFAULT);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: options.clientId,
    scope: DISCORD_SCOPES.join(" "),
    state: options.state,
    redirect_uri: options.redirectUri,
    prompt: "none",
  }).toString();
  return url.toString();
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SignInError(`${what}: HTTP ${response.status}`);
  }
  if (!response.ok || typeof body !== "object" || body === null) throw new SignInError(`${what}: HTTP ${response.status}`);
  return body as Record<string, unknown>;
}

export async function slackIdentity(options: { apiUrl?: string; client: OAuthClient; code: string; redirectUri: string; fetch?: typeof fetch }): Promise<Identity> {
  const request = options.fetch ?? fetch;
  const base = slackApiBase(options.apiUrl);
  const token = await json(
    await request(new URL("openid.connect.token", base), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
        code: options.code,
        redirect_uri: options.redirectUri,
        grant_type: "authorization_code",
      }),
    }),
    "openid.connect.token",
  );
  if (token.ok !== true || typeof token.access_token !== "string") throw new SignInError(`openid.connect.token: ${String(token.error ?? "no_access_token")}`);
  const info = await json(
    await request(new URL("openid.connect.userInfo", base), { method: "POST", headers: { authorization: `Bearer ${token.access_token}` } }),
    "openid.connect.userInfo",
  );
  const teamId = info["https://slack.com/team_id"];
  const userId = info["https://slack.com/user_id"];
  if (info.ok !== true || typeof teamId !== "string" || typeof userId !== "string") throw new SignInError(`openid.connect.userInfo: ${String(info.error ?? "no_team_or_user")}`);
  return { platform: "slack", userId, workspaceIds: [teamId], ...(typeof info.name === "string" ? { displayName: info.name } : {}) };
}

export async function discordIdentity(options: { apiUrl?: string; client: OAuthClient; code: string; redirectUri: string; fetch?: typeof fetch }): Promise<Identity> {
  const request = options.fetch ?? fetch;
  const base = (options.apiUrl ?? DISCORD_API_DEFAULT).replace(/\/+$/, "");
  const token = await json(
    await request(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: options.code,
        redirect_uri: options.redirectUri,
        client_id: options.client.clientId,
        client_secret: options.client.clientSecret,
      }),
    }),
    "oauth2/token",
  );
  if (typeof token.access_token !== "string") throw new SignInError("oauth2/token: no_access_token");
  const headers = { authorization: `Bearer ${token.access_token}` };
  const user = await json(await request(`${base}/users/@me`, { headers }), "users/@me");
  if (typeof user.id !== "string") throw new SignInError("users/@me: no_user_id");
  const guildsResponse = await request(`${base}/users/@me/guilds`, { headers });
  const guilds: unknown = guildsResponse.ok ? await guildsResponse.json().catch(() => null) : null;
  if (!Array.isArray(guilds)) throw new SignInError(`users/@me/guilds: HTTP ${guildsResponse.status}`);
  const workspaceIds = guilds.map((guild) => (guild as { id?: unknown }).id).filter((id): id is string => typeof id === "string");
  const name = typeof user.global_name === "string" ? user.global_name : typeof user.username === "string" ? user.username : undefined;
  return { platform: "discord", userId: user.id, workspaceIds, ...(name ? { displayName: name } : {}) };
}
