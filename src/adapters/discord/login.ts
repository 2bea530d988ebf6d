/**
 * Logging in without burning IDENTIFY calls (1000 per 24 h; past that Discord resets the token).
 * Retries back off exponentially with jitter; an invalid token or disallowed intents stop at once;
 * and before each attempt the remaining session starts (from GET /gateway/bot) are checked, waiting
 * for the reset when nearly spent, so a crash-looping process cannot exhaust them.
 */
import type { Logger } from "../../core/logger.js";

export type SessionStartLimit = { total: number; remaining: number; reset_after: number; max_concurrency: number };

export type LoginWithBackoffInput = {
  login: () => Promise<unknown>;
  /** Called between failed attempts to clean up (e.g. client.destroy()). */
  reset?: () => Promise<unknown>;
  fetchSessionStartLimit?: () => Promise<SessionStartLimit>;
  logger: Logger;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxAttempts?: number;
  /** Keep this many session starts in reserve; below it, wait for the window to reset. */
  minRemainingSessions?: number;
  signal?: AbortSignal;
};

const FATAL_CODES = new Set(["TokenInvalid", "DisallowedIntents", "TokenMissing"]);

export function isFatalLoginError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const status = (error as { status?: unknown } | null)?.status;
  return (typeof code === "string" && FATAL_CODES.has(code)) || status === 401;
}

export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // "Equal jitter": at least half the delay, so restarts never bunch up near zero.
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error("aborted"));
    }, { once: true });
  });

export async function loginWithBackoff(input: LoginWithBackoffInput): Promise<void> {
  const sleep = input.sleep ?? defaultSleep;
  const random = input.random ?? Math.random;
  const baseDelayMs = input.baseDelayMs ?? 1_000;
  const maxDelayMs = input.maxDelayMs ?? 5 * 60_000;
  const maxAttempts = input.maxAttempts ?? Number.POSITIVE_INFINITY;
  const minRemaining = input.minRemainingSessions ?? 10;

  for (let attempt = 1; ; attempt++) {
    input.signal?.throwIfAborted();
    try {
      if (input.fetchSessionStartLimit) {
        const limit = await input.fetchSessionStartLimit();
        if (limit.remaining < minRemaining) {
          input.logger.warn(
            { remaining: limit.remaining, total: limit.total, waitMs: limit.reset_after },
            "discord session starts nearly exhausted; waiting for the daily reset before identifying",
          );
          await sleep(limit.reset_after, input.signal);
        }
      }
      await input.login();
      if (attempt > 1) input.logger.info({ attempt }, "discord login succeeded");
      return;
    } catch (error) {
      if (input.signal?.aborted) throw error;
      if (isFatalLoginError(error) || attempt >= maxAttempts) {
        input.logger.error({ err: error, attempt }, "discord login failed; not retrying");
        throw error;
      }
      const delay = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
      input.logger.warn({ err: error, attempt, retryInMs: delay }, "discord login failed; retrying");
      await input.reset?.().catch(() => undefined);
      await sleep(delay, input.signal);
    }
  }
}
