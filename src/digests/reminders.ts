/**
 * The morning reminder scheduler. Like the digest scheduler, node-cron wakes it once a minute in
 * every process and `tick(at)` does the work (tests call it with a fake clock). A tick:
 *  1. reads the members with reminders on who were not reminded today in their own zone;
 *  2. for each whose local reminder time has passed today (on a working day, before the cut-off),
 *     claims the day with one conditional UPDATE (`reminded_on`), so of several processes exactly
 *     one goes on;
 *  3. reads their tasks due today and overdue and, when there are any, sends one direct message
 *     in their language; a day with nothing due is claimed and nothing is sent;
 *  4. a send that failed for a reason worth retrying gives the claim back for a later tick.
 */
import { minuteTicker } from "./minute-ticker.js";
import type { DigestPoster } from "../core/digest-poster.js";
import { silentLogger, type Logger } from "../core/logger.js";
import { REMINDER_TIME, type ReminderRecipient, type ReminderStore } from "../core/reminders.js";
import { createTranslator } from "../core/i18n/translator.js";
import { resolveLocale } from "../core/i18n/locale.js";
import { buildReminder } from "./builders/reminder.js";
import { toPostError } from "./poster.js";
import { fireInstant, isoWeekday, localDateAt, shiftDate } from "./schedule-time.js";

/** Tasks listed in one reminder; the rest are counted with a pointer to `tasks today`. */
export const REMINDER_ITEMS = 15;

export type ReminderSchedulerOptions = {
  store: ReminderStore;
  poster: DigestPoster;
  clock?: () => Date;
  logger?: Logger;
  /** RAPPORT_LOCALE: when neither the member nor the workspace names a language. */
  defaultLocale?: string;
  /** Local HH:MM. Default 08:30. */
  time?: string;
  /** ISO weekdays (1 = Monday) that are working days. Default Monday to Friday. */
  weekdays?: readonly number[];
  /** How long after the local time a reminder may still go out (after downtime). Default 4 hours. */
  cutoffMs?: number;
};

export type ReminderTickResult = { sent: number; empty: number; failed: number };

export type ReminderScheduler = {
  tick(at?: Date): Promise<ReminderTickResult>;
  start(): void;
  stop(): Promise<void>;
};

export function createReminderScheduler(options: ReminderSchedulerOptions): ReminderScheduler {
  const { store, poster } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const time = options.time ?? REMINDER_TIME;
  const weekdays = options.weekdays ?? [1, 2, 3, 4, 5];
  const cutoffMs = options.cutoffMs ?? 4 * 3600_000;

  async function remind(member: ReminderRecipient, localToday: string, at: Date, result: ReminderTickResult): Promise<void> {
    if (!(await store.claim(member.memberId, localToday))) return;
    const { items, total } = await store.dueTasks(member.tenantId, member.memberId, localToday, REMINDER_ITEMS);
    if (total === 0) {
      result.empty++;
      return;
    }
    const locale = resolveLocale({ memberChoice: member.locale, workspaceDefault: member.workspaceLocale, envDefault: options.defaultLocale });
    const reply = buildReminder({ name: member.displayName, tasks: items, total }, { now: at, today: localToday, timeZone: member.timeZone, currency: "", full: false, t: createTranslator(locale) });
    if (!poster.postDirect) {
      logger.warn({ member: member.memberId }, "no poster can send direct messages: morning reminder not sent");
      result.failed++;
      return;
    }
    try {
      await poster.postDirect(`${member.platform}:${member.externalId}`, reply, { tenantExternalId: member.tenantExternalId });
      result.sent++;
    } catch (error) {
      const failure = toPostError(error);
      result.failed++;
      // Sent twice is worse than late: only a failure that surely did not send is retried.
      if (failure.retryable && !failure.maybePosted) await store.release(member.memberId, localToday, member.remindedOn);
      logger.warn({ err: failure, member: member.memberId, code: failure.code }, "morning reminder not sent");
    }
  }

  async function tick(at: Date = clock()): Promise<ReminderTickResult> {
    const result: ReminderTickResult = { sent: 0, empty: 0, failed: 0 };
    // No zone is more than a day ahead of UTC: anyone reminded on or after tomorrow (UTC) is done.
    const members = await store.recipients(shiftDate(localDateAt("UTC", at), 1));
    for (const member of members) {
      const localToday = localDateAt(member.timeZone, at);
      if (member.remindedOn !== null && member.remindedOn >= localToday) continue;
      if (!weekdays.includes(isoWeekday(localToday))) continue;
      const fireAt = fireInstant(localToday, time, member.timeZone);
      if (at < fireAt || at.getTime() - fireAt.getTime() > cutoffMs) continue;
      try {
        await remind(member, localToday, at, result);
      } catch (error) {
        result.failed++;
        logger.error({ err: error, member: member.memberId }, "morning reminder failed");
      }
    }
    return result;
  }

  return { tick, ...minuteTicker({ name: "rapport-reminders", tick, clock, logger }) };
}
