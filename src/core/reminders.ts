/**
 * The morning reminder: each member with reminders on gets one direct message at the start of
 * their working day, in their zone and language, listing their tasks due today and overdue.
 * Sent at most once per member per local day, however many processes tick (the claim below).
 */
import type { CalendarDate } from "./dates.js";

/** Local time of the reminder, in each member's own zone. */
export const REMINDER_TIME = "08:30";

export type ReminderRecipient = {
  memberId: number;
  tenantId: number;
  /** Slack team / Discord guild id: whose token sends the message. */
  tenantExternalId: string;
  /** The tenant's platform ("slack", "discord", "console"). */
  platform: string;
  /** The member's platform user id. */
  externalId: string;
  displayName: string;
  timeZone: string;
  /** `settings language`, then the workspace's default. */
  locale: string | null;
  workspaceLocale: string | null;
  remindedOn: CalendarDate | null;
};

export type ReminderTask = { id: number; customerId: number; customerName: string; text: string; dueOn: CalendarDate };

export type ReminderStore = {
  /** Active members with reminders on who were not reminded on or after `notRemindedSince`. */
  recipients(notRemindedSince: CalendarDate): Promise<ReminderRecipient[]>;
  /**
   * Claims the member's reminder for `localDate`: true for exactly one caller per member and day
   * (`UPDATE members SET reminded_on = $day WHERE id = $id AND (reminded_on IS NULL OR reminded_on < $day)`).
   */
  claim(memberId: number, localDate: CalendarDate): Promise<boolean>;
  /** Gives a claim back after a failed send (compare-and-set), so a later tick retries. */
  release(memberId: number, localDate: CalendarDate, previous: CalendarDate | null): Promise<void>;
  /** The member's open tasks due on or before `today`, oldest first. */
  dueTasks(tenantId: number, memberId: number, today: CalendarDate, limit: number): Promise<{ items: ReminderTask[]; total: number }>;
};
