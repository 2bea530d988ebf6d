/**
 * Bolt's HTTPReceiver, with one more check in front: X-Slack-Request-Timestamp must be within
 * `maxClockSkewSeconds` of now in BOTH directions. Bolt rejects stale timestamps but lets
 * future-dated ones through, which would widen the replay window of a captured request.
 * The signature itself is verified by Bolt (HMAC over `v0:{timestamp}:{raw body}`).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPReceiver, type HTTPReceiverOptions } from "@slack/bolt";
import type { Logger } from "../../core/logger.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export type GuardedReceiverOptions = HTTPReceiverOptions & {
  maxClockSkewSeconds: number;
  guardLogger: Logger;
  now?: () => number;
};

export function createGuardedReceiver({ maxClockSkewSeconds, guardLogger, now = Date.now, ...options }: GuardedReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ endpoints: [SLACK_EVENTS_PATH], ...options });
  const endpoints = new Set(Array.isArray(options.endpoints) ? options.endpoints : [options.endpoints ?? SLACK_EVENTS_PATH]);
  const inner = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === "POST" && endpoints.has(new URL(req.url ?? "/", "http://localhost").pathname)) {
      const problem = timestampProblem(req.headers["x-slack-request-timestamp"], maxClockSkewSeconds, now());
      if (problem) {
        guardLogger.warn({ problem, path: req.url }, "Rejected a Slack request: bad X-Slack-Request-Timestamp");
        req.resume();
        res.writeHead(401).end();
        return;
      }
    }
    return inner(req, res);
  };
  return receiver;
}

export function timestampProblem(header: string | string[] | undefined, maxSkewSeconds: number, nowMs: number): string | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw || !/^\d{1,12}$/.test(raw)) return "missing or malformed";
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (skew > maxSkewSeconds) return "in the future";
  if (skew < -maxSkewSeconds) return "too old";
  return undefined;
}
