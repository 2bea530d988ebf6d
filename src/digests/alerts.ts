/**
 * Personal alerts by direct message (src/core/alerts.ts). node-cron wakes it once a minute in every
 * process (like the digest scheduler) and `tick(at)` does the work; tests call it with a fake clock.
 * A tick:
 *  1. the daily scan: for each member whose working day has started (08:30 local on weekdays, the
 *     morning reminder's time), claims the day (members.reminded_on, one conditional UPDATE, so of
 *     several processes exactly one scans) and enqueues their daily facts: invoices overdue, quotes
 *     expiring within 3 days, and the morning task list (the `tasks` kind, src/core/reminders.ts);
 *  2. the flush: for each member with unsent alerts that are due, claims them with a token and a
 *     lease (one UPDATE; rows another process holds are left alone), and posts them as ONE direct
 *     message. Sent: marked with the batch id. A failure that surely did not post gives the claim
 *     back; one that may have posted is marked as sent (twice is worse than missing); a process that
 *     dies mid-post leaves the claim to expire, and a later tick retries after the lease.
 * Quiet hours: an alert arising inside them is due at their end (set at enqueue); a member who set
 * quiet hours after it was enqueued gets the due time moved at flush.
 */
import { randomUUID } from "node:crypto";
import { ALERT_LEASE_MS, inQuietHours, localMinutes, releaseAt, type AlertDeliveryStore, type AlertRecipient } from "../core/alerts.js";
import type { DigestPoster } from "../core/digest-poster.js";
import { createTranslator } from "../core/i18n/translator.js";
import { resolveLocale } from "../core/i18n/locale.js";
import { silentLogger, type Logger } from "../core/logger.js";
import { REMINDER_ITEMS, REMINDER_TIME } from "../core/reminders.js";
import { buildAlertMessage } from "./alerts-message.js";
import { minuteTicker } from "./minute-ticker.js";
import { toPostError } from "./poster.js";
import { fireInstant, isoWeekday, localDateAt, shiftDate } from "./schedule-time.js";

export type AlertSchedulerOptions = {
  store: AlertDeliveryStore;
  poster: DigestPoster;
  clock?: () => Date;
  logger?: Logger;
  /** RAPPORT_LOCALE: when neither the member nor the workspace names a language. */
  defaultLocale?: string;
  /** Local HH:MM the daily scan runs. Default 08:30 (the morning reminder's time). */
  time?: string;
  /** ISO weekdays (1 = Monday) with a daily scan. Default Monday to Friday. */
  weekdays?: readonly number[];
  /** How long after `time` the morning task list may still be sent (after downtime). Default 4 hours. */
  tasksCutoffMs?: number;
  leaseMs?: number;
};

export type AlertTickResult = { scanned: number; enqueued: number; sent: number; alerts: number; postponed: number; failed: number };

export type AlertScheduler = {
  tick(at?: Date): Promise<AlertTickResult>;
  start(): void;
  stop(): Promise<void>;
};

export function createAlertScheduler(options: AlertSchedulerOptions): AlertScheduler {
  const { store, poster } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const time = options.time ?? REMINDER_TIME;
  const weekdays = options.weekdays ?? [1, 2, 3, 4, 5];
  const tasksCutoffMs = options.tasksCutoffMs ?? 4 * 3600_000;
  const leaseMs = options.leaseMs ?? ALERT_LEASE_MS;

  async function scan(at: Date, result: AlertTickResult): Promise<void> {
    // No zone is more than a day ahead of UTC: anyone scanned on or after tomorrow (UTC) is done.
    const members = await store.scanCandidates(shiftDate(localDateAt("UTC", at), 1));
    for (const member of members) {
      const today = localDateAt(member.timeZone, at);
      if (member.scannedOn !== null && member.scannedOn >= today) continue;
      if (!weekdays.includes(isoWeekday(today))) continue;
      const fireAt = fireInstant(today, time, member.timeZone);
      if (at < fireAt) continue;
      try {
        if (!(await store.claimDay(member.memberId, today))) continue;
        result.scanned++;
        result.enqueued += await store.scanDaily(member, { today, now: at, withTasks: at.getTime() - fireAt.getTime() <= tasksCutoffMs, taskLimit: REMINDER_ITEMS });
      } catch (error) {
        result.failed++;
        logger.error({ err: error, member: member.memberId }, "daily alert scan failed");
      }
    }
  }

  async function flush(member: AlertRecipient, at: Date, result: AlertTickResult): Promise<void> {
    const token = randomUUID();
    const claimed = await store.claim(member.memberId, { now: at, token, leaseUntil: new Date(at.getTime() + leaseMs) });
    if (!claimed.length) return;
    if (member.quiet && inQuietHours(localMinutes(at, member.timeZone), member.quiet)) {
      await store.postpone(token, releaseAt(at, member.timeZone, member.quiet));
      result.postponed += claimed.length;
      return;
    }
    // A kind turned off after its alerts were enqueued: they are dropped, not sent.
    const unwanted = claimed.filter((alert) => member.off.includes(alert.kind)).map((alert) => alert.id);
    await store.discard(token, unwanted);
    const alerts = claimed.filter((alert) => !unwanted.includes(alert.id));
    if (!alerts.length) return;
    if (!poster.postDirect) {
      logger.warn({ member: member.memberId }, "no poster can send direct messages: alerts not sent");
      await store.release(token);
      result.failed++;
      return;
    }
    const locale = resolveLocale({ memberChoice: member.locale, platformLocale: member.platformLocale, workspaceDefault: member.workspaceLocale, envDefault: options.defaultLocale });
    const today = localDateAt(member.timeZone, at);
    const message = buildAlertMessage({ name: member.displayName, alerts }, { now: at, today, timeZone: member.timeZone, currency: member.currency, full: false, t: createTranslator(locale) });
    try {
      await poster.postDirect(`${member.platform}:${member.externalId}`, message, { tenantExternalId: member.tenantExternalId });
      await store.markSent(token, { at, batchId: token });
      result.sent++;
      result.alerts += alerts.length;
    } catch (error) {
      const failure = toPostError(error);
      result.failed++;
      // Sent twice is worse than late: only a failure that surely did not post is retried.
      if (failure.retryable && !failure.maybePosted) await store.release(token);
      else await store.markSent(token, { at, batchId: `failed:${failure.code ?? "unknown"}:${token}` });
      logger.warn({ err: failure, member: member.memberId, code: failure.code }, "alerts not sent");
    }
  }

  async function tick(at: Date = clock()): Promise<AlertTickResult> {
    const result: AlertTickResult = { scanned: 0, enqueued: 0, sent: 0, alerts: 0, postponed: 0, failed: 0 };
    await scan(at, result);
    for (const member of await store.dueRecipients(at)) {
      try {
        await flush(member, at, result);
      } catch (error) {
        result.failed++;
        logger.error({ err: error, member: member.memberId }, "alerts flush failed");
      }
    }
    return result;
  }

  return { tick, ...minuteTicker({ name: "rapport-alerts", tick, clock, logger }) };
}
