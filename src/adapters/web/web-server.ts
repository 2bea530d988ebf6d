/**
 * Rapport's own small HTTP server for record links (RAPPORT_PUBLIC_URL): `/c/:id`, `/o/:number`,
 * `/d/:id`, `/q/:number` show the record's card read-only, as the signed-in member. The page runs
 * the same read command the link stands for (`show #12`, `order SO-1042`, ...) through the core
 * API as that member, in that member's workspace only, so the core's own rules decide what they
 * may see; its refusal is shown as a 403 (404 for a record that is not in their workspace).
 *
 * Without a session a record page redirects to `/signin?next=<path>`, which offers the configured
 * platforms; `/signin/<platform>` sends the browser to the platform with a signed state and a
 * nonce cookie; `/signin/<platform>/callback` checks both, asks the platform who this is, and
 * starts a session (cookie HttpOnly, SameSite=Lax, Secure on https; only the token's SHA-256 is
 * stored). `POST /signout` ends it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Actor } from "../../core/actor.js";
import type { Logger } from "../../core/logger.js";
import type { RapportApi } from "../../core/service-api.js";
import type { WebSession, WebSessionStore, WebTenant } from "../../core/web-sessions.js";
import { createTranslator, localeFromTag, resolveLocaleTag, type Locale, type Translate } from "./locales.js";
import { normalizeBase, recordCommand, recordFromPath, recordUrl } from "../../core/record-links.js";
import { CONTENT_SECURITY_POLICY, escapeHtml, page, renderReplyHtml } from "./render-html.js";
import {
  NONCE_COOKIE,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  STATE_TTL_MS,
  cookie,
  hashToken,
  newNonce,
  newSessionToken,
  parseCookies,
  safeNext,
  sameSecret,
  signState,
  verifyState,
  type SignInPlatform,
} from "./session-cookies.js";
import { SignInError, discordAuthorizeUrl, discordIdentity, slackAuthorizeUrl, slackIdentity, type Identity, type OAuthClient } from "./identity.js";

export type WebServerOptions = {
  /** RAPPORT_PUBLIC_URL: links, redirect URIs and cookies are built on it. */
  publicUrl: string;
  host: string;
  port: number;
  api: RapportApi;
  sessions: WebSessionStore;
  logger: Logger;
  /** RAPPORT_SECRET_KEY or SLACK_STATE_SECRET: signs the OAuth state. */
  stateSecret: string;
  /** RAPPORT_LOCALE: the language of pages shown before anyone signs in, when the browser names none of ours. */
  defaultLocale?: string;
  slack?: OAuthClient & { apiUrl?: string };
  discord?: OAuthClient & { apiUrl?: string };
  clock?: () => Date;
  /** For tests: the platforms' HTTP calls. */
  fetch?: typeof fetch;
};

export type WebServer = { url: string; port: number; close(): Promise<void> };

type Answer = { status: number; html?: string; location?: string; cookies?: string[] };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const base = normalizeBase(options.publicUrl);
  const baseUrl = new URL(base);
  const basePath = baseUrl.pathname.replace(/\/+$/, "");
  const secure = baseUrl.protocol === "https:";
  const cookiePath = basePath || "/";
  const clock = options.clock ?? (() => new Date());
  const log = options.logger.child({ component: "web" });
  const platforms: Record<SignInPlatform, (OAuthClient & { apiUrl?: string }) | undefined> = { slack: options.slack, discord: options.discord };
  const redirectUri = (platform: SignInPlatform) => `${base}/signin/${platform}/callback`;
  const at = (path: string) => `${base}${path}`;

  function browserLocale(request: IncomingMessage): Locale {
    return resolveLocaleTag(request.headers["accept-language"], options.defaultLocale);
  }

  function frame(t: Translate, session: WebSession | null, body: string, title: string): string {
    const header = [
      '<header><span class="brand">Rapport</span>',
      session
        ? `<span>${escapeHtml(t("web.signedInAs", { name: session.displayName, workspace: session.tenantName }))}</span><form method="post" action="${escapeHtml(at("/signout"))}"><button type="submit">${escapeHtml(t("web.signout"))}</button></form>`
        : "",
      "</header>",
    ].join("");
    return page({ locale: t.locale, title, body, header, footer: session ? escapeHtml(t("web.readOnly")) : undefined });
  }

  function errorPage(t: Translate, status: number, message: string, options: { session?: WebSession | null; title?: string; signInAgain?: boolean } = {}): Answer {
    const title = options.title ?? t("web.error.title");
    const again = options.signInAgain ? `<p><a class="button" href="${escapeHtml(at("/signin"))}">${escapeHtml(t("web.signinAgain"))}</a></p>` : "";
    return { status, html: frame(t, options.session ?? null, `<h1 class="error">${escapeHtml(title)}</h1><p class="text">${escapeHtml(message)}</p>${again}`, title) };
  }

  function signInPage(t: Translate, next: string, notice?: string): Answer {
    const buttons = (["slack", "discord"] as const)
      .filter((platform) => platforms[platform])
      .map((platform) => `<a class="button primary" href="${escapeHtml(at(`/signin/${platform}?next=${encodeURIComponent(next)}`))}">${escapeHtml(t(platform === "slack" ? "web.signin.slack" : "web.signin.discord"))}</a>`);
    const body = [
      `<h1>${escapeHtml(t("web.signin.title"))}</h1>`,
      notice ? `<p class="text muted">${escapeHtml(notice)}</p>` : "",
      `<p class="text">${escapeHtml(t(buttons.length ? "web.signin.intro" : "web.signin.none"))}</p>`,
      `<div class="signin">${buttons.join("")}</div>`,
    ].join("");
    return { status: 200, html: frame(t, null, body, t("web.signin.title")) };
  }

  async function currentSession(request: IncomingMessage): Promise<WebSession | null> {
    const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
    if (!token || token.length > 128) return null;
    return options.sessions.find(hashToken(token), clock());
  }

  function actorOf(session: WebSession): Actor {
    return { platform: session.platform, tenantExternalId: session.tenantExternalId, tenantName: session.tenantName, userExternalId: session.userExternalId };
  }

  async function recordPage(request: IncomingMessage, path: string): Promise<Answer | null> {
    const record = recordFromPath(path);
    if (!record) return null;
    const session = await currentSession(request);
    if (!session) return { status: 303, location: at(`/signin?next=${encodeURIComponent(new URL(recordUrl(base, record.kind, record.key)).pathname.slice(basePath.length))}`) };
    const reply = await options.api.runText({ actor: actorOf(session), text: recordCommand(record) });
    const t = createTranslator(reply.locale ?? localeFromTag(session.locale) ?? browserLocale(request));
    if (reply.isError) {
      const status = reply.code === "permission_denied" ? 403 : reply.code === "not_found" ? 404 : 400;
      const title = status === 403 ? t("web.error.refused") : t("web.error.title");
      const message = reply.blocks.filter((block) => block.type === "text").map((block) => (block.type === "text" ? block.text : "")).join(" ") || reply.title;
      return errorPage(t, status, message, { session, title });
    }
    return { status: 200, html: frame(t, session, renderReplyHtml(reply), reply.title) };
  }

  function startSignIn(platform: SignInPlatform, url: URL, t: Translate): Answer {
    const client = platforms[platform];
    if (!client) return errorPage(t, 404, t("web.error.notConfigured", { platform }));
    const nonce = newNonce();
    const next = safeNext(url.searchParams.get("next"));
    const state = signState(options.stateSecret, { platform, next, nonce, expiresAt: clock().getTime() + STATE_TTL_MS });
    const location =
      platform === "slack"
        ? slackAuthorizeUrl({ apiUrl: client.apiUrl, clientId: client.clientId, redirectUri: redirectUri(platform), state, nonce })
        : discordAuthorizeUrl({ apiUrl: client.apiUrl, clientId: client.clientId, redirectUri: redirectUri(platform), state });
    return { status: 302, location, cookies: [cookie(NONCE_COOKIE, nonce, { path: cookiePath, secure, maxAgeSeconds: STATE_TTL_MS / 1000 })] };
  }

  /** The workspace to sign in to: one that uses Rapport; with several (Discord), the one holding the record. */
  async function chooseTenant(identity: Identity, next: string): Promise<WebTenant | null> {
    const tenants = await options.sessions.tenants(identity.platform, identity.workspaceIds);
    if (tenants.length <= 1) return tenants[0] ?? null;
    const record = recordFromPath(next);
    if (!record) return tenants[0]!;
    const holding = await options.sessions.tenantsHolding(record, tenants.map((tenant) => tenant.id));
    return tenants.find((tenant) => holding.includes(tenant.id)) ?? tenants[0]!;
  }

  async function finishSignIn(platform: SignInPlatform, request: IncomingMessage, url: URL, t: Translate): Promise<Answer> {
    const client = platforms[platform];
    if (!client) return errorPage(t, 404, t("web.error.notConfigured", { platform }));
    const clearNonce = cookie(NONCE_COOKIE, "", { path: cookiePath, secure, maxAgeSeconds: 0 });
    const state = verifyState(options.stateSecret, url.searchParams.get("state"), clock());
    const nonce = parseCookies(request.headers.cookie)[NONCE_COOKIE];
    if (!state || state.platform !== platform || !sameSecret(state.nonce, nonce)) {
      return { ...errorPage(t, 400, t("web.error.state"), { signInAgain: true }), cookies: [clearNonce] };
    }
    const code = url.searchParams.get("code");
    if (!code) {
      const reason = (url.searchParams.get("error") ?? "missing_code").slice(0, 100);
      return { ...errorPage(t, 400, t("web.error.signinFailed", { reason }), { signInAgain: true }), cookies: [clearNonce] };
    }
    let identity: Identity;
    try {
      const exchange = { apiUrl: client.apiUrl, client, code, redirectUri: redirectUri(platform), fetch: options.fetch };
      identity = platform === "slack" ? await slackIdentity(exchange) : await discordIdentity(exchange);
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      log.warn({ platform, reason: error.reason }, "web sign-in refused by the platform");
      return { ...errorPage(t, 400, t("web.error.signinFailed", { reason: error.reason }), { signInAgain: true }), cookies: [clearNonce] };
    }
    const tenant = await chooseTenant(identity, state.next);
    if (!tenant) return { ...errorPage(t, 403, t("web.error.noWorkspace", { platform }), { signInAgain: true }), cookies: [clearNonce] };
    const actor: Actor = {
      platform,
      tenantExternalId: tenant.externalId,
      tenantName: tenant.name,
      userExternalId: identity.userId,
      ...(identity.displayName ? { profile: { displayName: identity.displayName } } : {}),
    };
    // The core knows the member from here on as it would after their first command.
    await options.api.localeOf?.({ actor });
    const memberId = await options.sessions.memberId(tenant.id, identity.userId);
    if (memberId === null) return { ...errorPage(t, 403, t("web.error.noWorkspace", { platform }), { signInAgain: true }), cookies: [clearNonce] };
    const token = newSessionToken();
    await options.sessions.create({ tokenHash: hashToken(token), tenantId: tenant.id, memberId, expiresAt: new Date(clock().getTime() + SESSION_TTL_MS) });
    log.info({ platform, tenantId: tenant.id, memberId }, "web sign-in");
    return {
      status: 303,
      location: at(state.next),
      cookies: [clearNonce, cookie(SESSION_COOKIE, token, { path: cookiePath, secure, maxAgeSeconds: SESSION_TTL_MS / 1000 })],
    };
  }

  async function route(request: IncomingMessage): Promise<Answer> {
    const url = new URL(request.url ?? "/", base);
    let path = url.pathname;
    // Behind a proxy that keeps the base's path, strip it.
    if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) path = path.slice(basePath.length) || "/";
    const method = request.method ?? "GET";
    const t = createTranslator(browserLocale(request));
    if (method === "POST" && path === "/signout") {
      const token = parseCookies(request.headers.cookie)[SESSION_COOKIE];
      if (token) await options.sessions.delete(hashToken(token));
      return { status: 303, location: at("/signin?signedout=1"), cookies: [cookie(SESSION_COOKIE, "", { path: cookiePath, secure, maxAgeSeconds: 0 })] };
    }
    if (method !== "GET" && method !== "HEAD") return errorPage(t, 405, t("web.error.notFound", { example: recordUrl(base, "customer", 12) }));
    if (path === "/signin") return signInPage(t, safeNext(url.searchParams.get("next")), url.searchParams.has("signedout") ? t("web.signedOut") : undefined);
    const signIn = /^\/signin\/(slack|discord)(\/callback)?$/.exec(path);
    if (signIn) {
      const platform = signIn[1] as SignInPlatform;
      return signIn[2] ? finishSignIn(platform, request, url, t) : startSignIn(platform, url, t);
    }
    if (path === "/") {
      const session = await currentSession(request);
      if (!session) return signInPage(t, "/");
      const st = createTranslator(localeFromTag(session.locale) ?? t.locale);
      return { status: 200, html: frame(st, session, `<p class="text">${escapeHtml(st("web.readOnly"))}</p>`, "Rapport") };
    }
    const record = await recordPage(request, path);
    if (record) return record;
    return errorPage(t, 404, t("web.error.notFound", { example: recordUrl(base, "customer", 12) }));
  }

  function send(response: ServerResponse, answer: Answer, head: boolean): void {
    const headers: Record<string, string | string[]> = {
      "cache-control": "no-store",
      "content-security-policy": CONTENT_SECURITY_POLICY,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-frame-options": "DENY",
    };
    if (answer.cookies?.length) headers["set-cookie"] = answer.cookies;
    if (answer.location) headers.location = answer.location;
    if (answer.html !== undefined) headers["content-type"] = "text/html; charset=utf-8";
    response.writeHead(answer.status, headers);
    response.end(head ? undefined : answer.html);
  }

  const server: Server = createServer((request, response) => {
    route(request)
      .then((answer) => send(response, answer, request.method === "HEAD"))
      .catch((error: unknown) => {
        log.error({ err: error, path: request.url?.split("?")[0] }, "web page failed");
        const t = createTranslator(browserLocale(request));
        if (!response.headersSent) send(response, errorPage(t, 500, t("web.error.server")), false);
        else response.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(":") ? `[${address.address}]` : address.address}:${address.port}`,
    port: address.port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
