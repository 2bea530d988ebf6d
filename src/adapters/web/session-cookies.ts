/**
 * The web page's small security pieces, pure so they are tested alone: the signed OAuth `state`
 * (HMAC-SHA256, with an expiry and a nonce the browser also holds in a cookie, so a sign-in
 * started elsewhere cannot be completed here), session tokens (random; only their SHA-256 is
 * stored), cookies and the `next` address a sign-in returns to.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { recordFromPath } from "../../core/record-links.js";

export type SignInPlatform = "slack" | "discord";

export type SignInState = { platform: SignInPlatform; next: string; nonce: string; expiresAt: number };

/** The cookie that carries the session token. */
export const SESSION_COOKIE = "rapport_session";
/** The cookie that carries the sign-in nonce between the authorize redirect and the callback. */
export const NONCE_COOKIE = "rapport_signin";
/** How long a sign-in may take from the button to the callback. */
export const STATE_TTL_MS = 10 * 60_000;
/** How long a session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function mac(secret: string, payload: string): string {
  return createHmac("sha256", `rapport-web-state:${secret}`).update(payload).digest("base64url");
}

export function newNonce(): string {
  return randomBytes(18).toString("base64url");
}

export function signState(secret: string, state: SignInState): string {
  const payload = base64url(JSON.stringify({ p: state.platform, n: state.next, r: state.nonce, x: state.expiresAt }));
  return `${payload}.${mac(secret, payload)}`;
}

/** The state when its signature is ours, it has not expired and it names a platform; else null. */
export function verifyState(secret: string, value: string | undefined | null, now: Date): SignInState | null {
  if (!value || value.length > 2048) return null;
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if ((data.p !== "slack" && data.p !== "discord") || typeof data.r !== "string" || typeof data.x !== "number" || typeof data.n !== "string") return null;
    if (data.x <= now.getTime()) return null;
    return { platform: data.p, next: safeNext(data.n), nonce: data.r, expiresAt: data.x };
  } catch {
    return null;
  }
}

/** Whether two secrets are equal, in constant time. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = createHash("sha256").update(a).digest();
  const right = createHash("sha256").update(b).digest();
  return timingSafeEqual(left, right);
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What web_sessions stores for a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Where a sign-in may return to: a record page (`/c/12`) or the start. Anything else (another
 * host, `//evil.example`, a script URL) becomes `/`, so the sign-in cannot be turned into an
 * open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next) return "/";
  return recordFromPath(next) ? next.replace(/\/$/, "") : "/";
}

/** Cookies of a request's `Cookie` header (the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const raw of (header ?? "").split(";")) {
    const part = raw.trim();
    const index = part.indexOf("=");
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed value is the same as none.
    }
  }
  return cookies;
}

/** A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure when the site is https. */
export function cookie(name: string, value: string, options: { path: string; secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`, "HttpOnly", "SameSite=Lax"];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
