/**
 * Requests built and signed exactly as Slack sends them to an app's Request URL:
 * - slash commands: `application/x-www-form-urlencoded` fields;
 * - shortcuts, block_actions, view_submission, block_suggestion: form-encoded `payload=<JSON>`;
 * - Events API: `application/json`.
 * Signature: `X-Slack-Signature: v0=` + HMAC-SHA256(`v0:{timestamp}:{raw body}`) with the signing secret,
 * and `X-Slack-Request-Timestamp` in seconds.
 */
import { createHmac } from "node:crypto";

export type SignedRequest = { body: string; headers: Record<string, string> };

export type SignOptions = {
  signingSecret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replace the computed signature (forgery tests). */
  signature?: string;
  extraHeaders?: Record<string, string>;
};

export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export function signRequest(body: string, contentType: string, options: SignOptions): SignedRequest {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      "Content-Type": contentType,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": options.signature ?? slackSignature(options.signingSecret, timestamp, body),
      "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...options.extraHeaders,
    },
  };
}

export function signSlashCommand(fields: Record<string, string>, options: SignOptions): SignedRequest {
  return signRequest(new URLSearchParams(fields).toString(), "application/x-www-form-urlencoded", options);
}

export function signInteraction(payload: Record<string, unknown>, options: SignOptions): SignedRequest {
  return signRequest(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), "application/x-www-form-urlencoded", options);
}

export function signEvent(envelope: Record<string, unknown>, options: SignOptions): SignedRequest {
  return signRequest(JSON.stringify(envelope), "application/json", options);
}

/** POSTs a signed request; returns status, body text and how long the app took to answer. */
export async function sendSigned(url: string, request: SignedRequest): Promise<{ status: number; text: string; elapsedMs: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
  const text = await response.text();
  return { status: response.status, text, elapsedMs: performance.now() - started };
}
