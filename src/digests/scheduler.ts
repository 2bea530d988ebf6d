/**
 * The digest scheduler: exactly one post per (subscription, local date), however many Rapport
 * processes tick against the same database, across restarts, DST changes and flaky platforms.
 *
 * node-cron wakes every process once a minute and calls `tick(now)`; `rapport digest tick --at`
 * and the tests call the same `tick(at)`. A tick:
 *  1. loads active subscriptions and, for each local date of the last `missLookbackDays`, the
 *     slot's fire instant (schedule-time.ts: DST gap -> the jump, overlap -> first occurrence);
 *  2. for every slot whose instant has passed and that is not known to be finished, reads its run
 *     row (UNIQUE subscription_id, local_date);
 *  3. no row: if within the cut-off, CLAIMS it (INSERT ... ON CONFLICT DO NOTHING; only the process
 *     whose insert won proceeds), else records it as `missed`;
 *  4. a row held by a process whose lease expired (crash, stall) or released for a retry is taken
 *     over with a compare-and-set UPDATE; if the previous holder may have posted (`posting`,
 *     `unknown`), the poster's `findPosted` is asked first, and a run that cannot be checked stays
 *     `unknown` rather than being posted twice;
 *  5. builds the digest, marks the row `posting` (renewing the lease), posts, and records the
 *     message id (`posted`), or `skipped` when empty and the subscription does not post empties.
 * A post that stalls (a slow platform, a frozen process) must not go out twice: while posting, a
 * heartbeat renews the lease so nobody takes over a live post; the claim token is re-checked
 * immediately before each platform call; and after posting, a process that finds an older copy
 * of its message (same marker) in the channel deletes its own, so the channel ends with one even
 * when a frozen process (whose heartbeat could not run) wakes up after a takeover posted.
 * Posts, checks and deletes name the tenant (its Slack team / Discord guild): a shared channel
 * may belong to several tenants, each posting with its own bot token.
 * Failures: 429 waits Retry-After, 5xx / network back off exponentially (a few attempts inline,
 * then the row is released with a retry time for a later tick); non-retryable errors -> `failed`.
 * A slot not posted by the cut-off becomes `missed`. Posts later than `lateAfterMs` are marked late.
 * A tenant whose workspace took Rapport's access away is paused in the database: the store leaves
 * its subscriptions out, so nothing is tried or recorded until it installs again.
 */
import { randomUUID } from "node:crypto";
import { minuteTicker } from "./minute-ticker.js";
import type { CalendarDate } from "../core/dates.js";
import type { BuiltDigest, RunState } from "../core/digests.js";
import type { DigestStore, RunPatch, ScheduledSubscription } from "../core/digest-store.js";
import { silentLogger, type Logger } from "../core/logger.js";
import type { Reply } from "../core/reply.js";
import { buildDigest, type BuildDigestInput } from "./build.js";
import { toPostError, type DigestPoster, type PostError } from "./poster.js";
import { fireInstant, isoWeekday, localDateAt, shiftDate } from "./schedule-time.js";

export type RetryPolicy = {
  /** Post attempts within one tick before the row is released for a later tick. */
  attemptsPerTick: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A wait longer than this (e.g. a long Retry-After) is not slept inline: the row is released. */
  maxInlineWaitMs: number;
};

export type SchedulerOptions = {
  store: DigestStore;
  /** RAPPORT_LOCALE: a digest's language when neither its subscription nor the workspace names one. */
  defaultLocale?: string;
  poster: DigestPoster;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
  /** Identifies this process in run rows (debugging only). */
  processId?: string;
  /** How long a claim is owned before another process may take it over. Default 5 minutes. */
  leaseMs?: number;
  /** Latest a digest may go out after its time. Default 6 hours. */
  cutoffMs?: number;
  /** Posted later than this after its time = marked late. Default 10 minutes. */
  lateAfterMs?: number;
  /** How far back missed slots are recorded after downtime. Default 7 days. */
  missLookbackDays?: number;
  retry?: Partial<RetryPolicy>;
  /** Digests posted in parallel within one tick. Default 4. */
  concurrency?: number;
  /**
   * Calls `beat` every `intervalMs` until the returned function is called: the lease heartbeat
   * while posting (a third of the lease). Default setInterval; tests fire it by hand with a fake
   * clock, or never (a frozen process).
   */
  every?: (intervalMs: number, beat: () => Promise<void>) => () => void;
  build?: (input: BuildDigestInput) => Promise<BuiltDigest>;
};

export type TickResult = { claimed: number; posted: number; skipped: number; missed: number; failed: number; unknown: number; tookOver: number };

export type DigestScheduler = {
  tick(at?: Date): Promise<TickResult>;
  /** Starts the per-minute node-cron task (and runs one tick right away to catch up). */
  start(): void;
  /** Stops the cron task and waits for a running tick. */
  stop(): Promise<void>;
};

type Slot = { sub: ScheduledSubscription; date: CalendarDate; fireAt: Date; key: string };

const FINAL_STATES: ReadonlySet<string> = new Set<RunState>(["posted", "skipped", "missed"]);
const TAKEOVER_STATES: RunState[] = ["claimed", "posting", "unknown", "failed"];

export const DEFAULT_RETRY: RetryPolicy = { attemptsPerTick: 4, baseDelayMs: 1_000, maxDelayMs: 30_000, maxInlineWaitMs: 60_000 };

export function idempotencyMarker(subscriptionId: number, date: CalendarDate): string {
  return `rapport-digest:${subscriptionId}:${date}`;
}

export function createDigestScheduler(options: SchedulerOptions): DigestScheduler {
  const { store, poster } = options;
  const clock = options.clock ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const logger = options.logger ?? silentLogger;
  const processId = options.processId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const cutoffMs = options.cutoffMs ?? 6 * 3600_000;
  const lateAfterMs = options.lateAfterMs ?? 10 * 60_000;
  const lookbackDays = options.missLookbackDays ?? 7;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const concurrency = options.concurrency ?? 4;
  const build = options.build ?? buildDigest;
  const every = options.every ?? everyWithTimers;
  /** Slots known to be finished (a final state never changes): no query for them again. */
  const finished = new Map<string, number>();

  async function tick(at: Date = clock()): Promise<TickResult> {
    const started = clock().getTime();
    // Logical time of this tick: `at`, advanced by however long the tick has been running.
    const now = () => new Date(at.getTime() + (clock().getTime() - started));
    const result: TickResult = { claimed: 0, posted: 0, skipped: 0, missed: 0, failed: 0, unknown: 0, tookOver: 0 };
    const subscriptions = await store.scheduledSubscriptions();

    const slots: Slot[] = [];
    for (const sub of subscriptions) {
      const today = localDateAt(sub.timeZone, at);
      for (let back = lookbackDays; back >= 0; back--) {
        const date = shiftDate(today, -back);
        const key = `${sub.id}:${date}`;
        if (finished.has(key) || !sub.weekdays.includes(isoWeekday(date))) continue;
        const fireAt = fireInstant(date, sub.localTime, sub.timeZone);
        // Not yet due, or due before the subscription existed or while its workspace had
        // uninstalled Rapport (no run, no miss).
        if (fireAt > at || fireAt < sub.createdAt || (sub.resumedAt !== null && fireAt < sub.resumedAt)) continue;
        slots.push({ sub, date, fireAt, key });
      }
    }
    forgetOld(at);
    if (!slots.length) return result;

    const oldest = slots.reduce((min, slot) => (slot.date < min ? slot.date : min), slots[0]!.date);
    const runs = await store.runs([...new Set(slots.map((slot) => slot.sub.id))], oldest);
    const byKey = new Map(runs.map((run) => [`${run.subscriptionId}:${run.localDate}`, run]));

    const work: (() => Promise<void>)[] = [];
    for (const slot of slots) {
      const run = byKey.get(slot.key);
      if (!run) {
        if (at.getTime() - slot.fireAt.getTime() > cutoffMs) {
          work.push(async () => {
            if (await recordMissed(slot, now(), "No Rapport process was running (or the database was unreachable) from the scheduled time until the cut-off.")) result.missed++;
            finished.set(slot.key, slot.fireAt.getTime());
          });
        } else {
          work.push(() => claimAndDeliver(slot, now, result));
        }
      } else if (FINAL_STATES.has(run.state) || run.nextAttemptAt === null) {
        finished.set(slot.key, slot.fireAt.getTime());
      } else if (run.nextAttemptAt <= at) {
        work.push(() => takeOver(slot, run.id, now, result));
      }
    }
    await runPool(work, concurrency);
    return result;
  }

  function forgetOld(at: Date): void {
    const horizon = at.getTime() - (lookbackDays + 2) * 86_400_000;
    for (const [key, fireAt] of finished) if (fireAt < horizon) finished.delete(key);
  }

  async function recordMissed(slot: Slot, at: Date, error: string): Promise<boolean> {
    const recorded = await store.recordMissed({ ...runSlot(slot, at), error });
    if (recorded) logger.warn({ subscription: slot.sub.id, date: slot.date }, "digest missed");
    return recorded;
  }

  async function claimAndDeliver(slot: Slot, now: () => Date, result: TickResult): Promise<void> {
    const at = now();
    const token = randomUUID();
    const runId = await store.claimRun({
      ...runSlot(slot, at),
      late: at.getTime() - slot.fireAt.getTime() > lateAfterMs,
      token,
      claimedBy: processId,
      leaseUntil: new Date(at.getTime() + leaseMs),
    });
    if (runId === null) return; // another process claimed it first
    result.claimed++;
    await deliver(slot, runId, token, "claimed", now, result);
  }

  async function takeOver(slot: Slot, runId: number, now: () => Date, result: TickResult): Promise<void> {
    const at = now();
    const previous = await store.runLease(runId);
    if (!previous || !TAKEOVER_STATES.includes(previous.state) || previous.nextAttemptAt === null || previous.nextAttemptAt > at) return;
    const token = randomUUID();
    // Compare-and-set: only one process wins the takeover of this exact row version.
    const won = await store.takeOverRun({
      runId,
      expected: { state: previous.state, nextAttemptAt: previous.nextAttemptAt },
      token,
      claimedBy: processId,
      leaseUntil: new Date(at.getTime() + leaseMs),
      at,
    });
    if (!won) return;
    result.tookOver++;
    logger.info({ subscription: slot.sub.id, date: slot.date, previousState: previous.state }, "taking over a digest run");
    await deliver(slot, runId, token, previous.state, now, result);
  }

  /** Updates the run only while this process still holds it (its claim token). */
  function update(runId: number, token: string, patch: RunPatch): Promise<boolean> {
    return store.updateRun(runId, token, patch);
  }

  async function finish(runId: number, token: string, state: RunState, data: RunPatch, slot: Slot): Promise<boolean> {
    const owned = await update(runId, token, { state, nextAttemptAt: null, ...data });
    finished.set(slot.key, slot.fireAt.getTime());
    return owned;
  }

  /**
   * Renews this process's lease on a run every third of the lease while a post is in flight, so
   * a slow platform call is not mistaken for a dead process and posted again by another. A
   * renewal that finds the claim gone (taken over) makes `lost()` true. `stop()` waits for a
   * renewal in flight, so none lands after the run's outcome is written.
   */
  function startHeartbeat(runId: number, token: string, now: () => Date): { lost(): boolean; stop(): Promise<void> } {
    let lost = false;
    let pending: Promise<void> = Promise.resolve();
    const beat = (): Promise<void> => {
      pending = pending.then(async () => {
        if (lost) return;
        try {
          if (!(await update(runId, token, { nextAttemptAt: new Date(now().getTime() + leaseMs) }))) lost = true;
        } catch (error) {
          // Not a lost claim: the next beat (or the pre-post check) decides.
          logger.warn({ err: error, run: runId }, "could not renew a digest lease");
        }
      });
      return pending;
    };
    const cancel = every(Math.max(1, Math.floor(leaseMs / 3)), beat);
    return {
      lost: () => lost,
      async stop() {
        cancel();
        await pending;
      },
    };
  }

  /**
   * After posting: when the channel already holds an older copy (same marker; posted by a process
   * that stalled past its lease while this one took over, or the other way round), this copy is
   * deleted and the older one recorded. Every process keeps the oldest, so whatever the order the
   * channel ends with exactly one. Unsure (history unreadable): keep ours rather than risk none.
   */
  async function keepOldest(slot: Slot, messageId: string): Promise<string> {
    const { channelRef, tenantExternalId } = slot.sub;
    const marker = idempotencyMarker(slot.sub.id, slot.date);
    let oldest: string | null;
    try {
      oldest = await poster.findPosted(channelRef, marker, { tenantExternalId });
    } catch (error) {
      logger.warn({ err: error, subscription: slot.sub.id, date: slot.date }, "could not check a digest post for an earlier copy");
      return messageId;
    }
    if (!oldest || oldest === messageId) return messageId;
    try {
      await poster.delete(channelRef, messageId, { tenantExternalId });
      logger.warn({ subscription: slot.sub.id, date: slot.date, kept: oldest, deleted: messageId }, "deleted a duplicate digest post");
    } catch (error) {
      logger.error({ err: error, subscription: slot.sub.id, date: slot.date, duplicate: messageId }, "a duplicate digest post could not be deleted");
    }
    return oldest;
  }

  /** Asks the channel whether the message went out; "unknown" when the poster cannot tell. */
  async function checkPosted(slot: Slot): Promise<{ kind: "posted"; messageId: string } | { kind: "absent" } | { kind: "unknown"; error: string }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const messageId = await poster.findPosted(slot.sub.channelRef, idempotencyMarker(slot.sub.id, slot.date), { tenantExternalId: slot.sub.tenantExternalId });
        return messageId ? { kind: "posted", messageId } : { kind: "absent" };
      } catch (error) {
        if (attempt >= 2) return { kind: "unknown", error: `could not check whether it was posted: ${(error as Error).message}` };
        await sleep(retry.baseDelayMs);
      }
    }
  }

  async function deliver(slot: Slot, runId: number, token: string, previousState: RunState, now: () => Date, result: TickResult): Promise<void> {
    const pastCutoff = () => now().getTime() - slot.fireAt.getTime() > cutoffMs;
    const markPosted = async (messageId: string) => {
      // Counted only by the holder: a process that lost its claim mid-post records nothing.
      if (await finish(runId, token, "posted", { messageId, postedAt: now(), late: now().getTime() - slot.fireAt.getTime() > lateAfterMs, error: null }, slot)) result.posted++;
    };
    const markUnknown = async (error: string) => {
      // Never post blind: retry the check later, and after the cut-off leave it for a person.
      const final = pastCutoff();
      await update(runId, token, { state: "unknown", error, nextAttemptAt: final ? null : new Date(now().getTime() + retry.maxDelayMs) });
      if (final) finished.set(slot.key, slot.fireAt.getTime());
      result.unknown++;
      logger.error({ subscription: slot.sub.id, date: slot.date, error }, "digest delivery unknown");
    };

    if (previousState === "posting" || previousState === "unknown") {
      const check = await checkPosted(slot);
      if (check.kind === "posted") return markPosted(check.messageId);
      if (check.kind === "unknown") return markUnknown(check.error);
    }
    if (pastCutoff()) {
      await finish(runId, token, "missed", { error: "Not posted before the cut-off." }, slot);
      result.missed++;
      return;
    }

    let built: BuiltDigest;
    try {
      built = await build({ store, tenantId: slot.sub.tenantId, kind: slot.sub.kind, now: now(), timeZone: slot.sub.timeZone, locale: slot.sub.language, fallbackLocale: options.defaultLocale });
    } catch (error) {
      logger.error({ err: error, subscription: slot.sub.id }, "could not build a digest");
      await update(runId, token, { state: "failed", error: `could not build the digest: ${(error as Error).message}`, nextAttemptAt: new Date(now().getTime() + retry.maxDelayMs) });
      result.failed++;
      return;
    }
    if (built.empty && !slot.sub.postWhenEmpty) {
      await finish(runId, token, "skipped", { error: null }, slot);
      result.skipped++;
      return;
    }

    const heartbeat = startHeartbeat(runId, token, now);
    let outcome: PostOutcome;
    try {
      outcome = await postWithRetries({
        poster,
        channelRef: slot.sub.channelRef,
        tenantExternalId: slot.sub.tenantExternalId,
        reply: built.reply,
        marker: idempotencyMarker(slot.sub.id, slot.date),
        retry,
        sleep,
        // Immediately before each platform call: still ours (token unchanged, no renewal refused)?
        // The same write renews the lease; a process that took over changed the token.
        beforeAttempt: async () =>
          !heartbeat.lost() && (await update(runId, token, { state: "posting", countAttempt: true, nextAttemptAt: new Date(now().getTime() + leaseMs) })),
        checkPosted: () => checkPosted(slot),
      });
      if (outcome.kind === "posted") outcome = { kind: "posted", messageId: await keepOldest(slot, outcome.messageId) };
    } finally {
      await heartbeat.stop();
    }
    switch (outcome.kind) {
      case "posted":
        return markPosted(outcome.messageId);
      case "lost-claim":
        return;
      case "unknown":
        return markUnknown(outcome.error);
      case "failed": {
        const retryAt = outcome.retryInMs === null ? null : new Date(now().getTime() + outcome.retryInMs);
        const final = retryAt === null || retryAt.getTime() - slot.fireAt.getTime() > cutoffMs;
        await update(runId, token, { state: "failed", error: outcome.error, nextAttemptAt: final ? null : retryAt });
        if (final) finished.set(slot.key, slot.fireAt.getTime());
        result.failed++;
        logger.warn({ subscription: slot.sub.id, date: slot.date, error: outcome.error, retryAt }, "digest post failed");
        return;
      }
    }
  }

  function runSlot(slot: Slot, at: Date) {
    return { subscriptionId: slot.sub.id, tenantId: slot.sub.tenantId, localDate: slot.date, scheduledAt: slot.fireAt, at };
  }

  return {
    tick,
    ...minuteTicker({ name: "rapport-digests", tick, clock, logger }),
  };
}

export type PostOutcome =
  | { kind: "posted"; messageId: string }
  | { kind: "unknown"; error: string }
  /** retryInMs null: do not retry (non-retryable error). */
  | { kind: "failed"; error: string; retryInMs: number | null }
  | { kind: "lost-claim" };

/**
 * Posts with retries. Before each attempt `beforeAttempt` must confirm the caller still owns the
 * run (and mark it `posting`). After an error that may have posted, the channel is checked before
 * trying again; when that cannot be checked the outcome is `unknown`.
 */
export async function postWithRetries(input: {
  poster: DigestPoster;
  channelRef: string;
  /** Whose digest (Slack team / Discord guild id): the poster uses that workspace's token. */
  tenantExternalId: string;
  reply: Reply;
  marker: string;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  beforeAttempt: () => Promise<boolean>;
  checkPosted: () => Promise<{ kind: "posted"; messageId: string } | { kind: "absent" } | { kind: "unknown"; error: string }>;
}): Promise<PostOutcome> {
  const { retry } = input;
  for (let attempt = 1; ; attempt++) {
    if (!(await input.beforeAttempt())) return { kind: "lost-claim" };
    let failure: PostError;
    try {
      const { messageId } = await input.poster.post(input.channelRef, input.reply, { idempotencyMarker: input.marker, tenantExternalId: input.tenantExternalId });
      return { kind: "posted", messageId };
    } catch (error) {
      failure = toPostError(error);
    }
    if (failure.maybePosted) {
      const check = await input.checkPosted();
      if (check.kind === "posted") return { kind: "posted", messageId: check.messageId };
      if (check.kind === "unknown") return { kind: "unknown", error: `${failure.message}; ${check.error}` };
    }
    const error = `${failure.code}: ${failure.message}`;
    if (!failure.retryable) return { kind: "failed", error, retryInMs: null };
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.max(failure.retryAfterMs ?? 0, backoff);
    if (attempt >= retry.attemptsPerTick || delay > retry.maxInlineWaitMs) return { kind: "failed", error, retryInMs: delay };
    await input.sleep(delay);
  }
}

/** The default heartbeat timer; unref'd so a pending beat never keeps the process alive. */
function everyWithTimers(intervalMs: number, beat: () => Promise<void>): () => void {
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function runPool(work: (() => Promise<void>)[], size: number): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < work.length) {
      const job = work[next++]!;
      try {
        await job();
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, work.length) }, worker));
  if (errors.length) throw new AggregateError(errors, `${errors.length} digest job(s) failed`);
}
