/**
 * Personal alerts: direct messages to the member who owns the work (a customer of theirs paid, a
 * deal of theirs moved...), in their language and time zone, each kind on or off per member, held
 * back during their quiet hours, posted at most once each and batched into one message.
 *
 * A write that causes an alert enqueues it in the write's own transaction (`raiseAlert` below, through
 * Store.alerts); the daily facts (overdue invoices, quotes about to expire, the morning task list) are
 * found by a scan at the start of the member's working day; the flusher on the minute ticker
 * (src/digests/alerts.ts) claims a member's due alerts and posts them as one message.
 */
import type { CalendarDate } from "./dates.js";
import type { ReminderTask } from "./reminders.js";

export const ALERT_KINDS = ["paid", "overdue", "creditLimit", "assigned", "dealStage", "quoteExpiring", "quoteAccepted", "tasks"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export function isAlertKind(value: string): value is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(value);
}

/** A claimed batch that is not marked sent within this time is taken over by another tick (a crashed post is retried). */
export const ALERT_LEASE_MS = 5 * 60_000;
/** Alerts listed in one message; the rest are counted ("and N more"). */
export const ALERT_BATCH_ITEMS = 10;

/**
 * What an alert says, kept as facts (not text) so it is written in the recipient's language when posted.
 * `cause`: the write that raised it ("payment:12", "deal:5", "order:9"); undoing that write drops it while unsent.
 */
export type AlertPayload = {
  cause?: string;
  /** Who did it (display name); absent for the daily facts. */
  actor?: string;
  customer?: { id: number; name: string };
  /** Invoice, quote or order number. */
  number?: string;
  /** Amounts in minor units of `currency`. */
  currency?: string;
  amount?: number;
  limit?: number;
  exposure?: number;
  /** Due date or valid-until date. */
  date?: CalendarDate;
  deal?: { id: number; title: string; stage: { key: string; name: string | null }; status: string };
  /** Customers moved by a hand-over. */
  count?: number;
  tasks?: { date: CalendarDate; total: number; items: ReminderTask[] };
};

export type StoredAlert = { id: number; memberId: number; kind: AlertKind; dedupeKey: string; payload: AlertPayload; dueAt: Date; createdAt: Date };

export type QuietHours = { from: number; until: number };

export type AlertPreferences = { off: AlertKind[]; tasks: boolean; quiet: QuietHours | null };

/** Tenant-bound (Store.alerts): enqueued inside the command's transaction. */
export type AlertQueries = {
  /**
   * Adds the alert unless the member already has one with this key, is inactive, or turned the kind off;
   * due at `now`, or at the end of the member's quiet hours. True when a row was written.
   */
  enqueue(input: { memberId: number; kind: AlertKind; dedupeKey: string; payload: AlertPayload; now: Date }): Promise<boolean>;
  /** Deletes the unsent alerts raised by these writes (an undo); sent ones stay as history. */
  dropUnsent(causes: readonly string[]): Promise<number>;
  preferences(memberId: number): Promise<AlertPreferences>;
  setKind(memberId: number, kind: AlertKind, on: boolean): Promise<{ before: boolean; after: boolean }>;
  setQuiet(memberId: number, quiet: QuietHours | null): Promise<{ before: QuietHours | null; after: QuietHours | null }>;
};

/** A member who may get alerts, as the flusher and the daily scan see them. Not tenant-bound. */
export type AlertRecipient = {
  memberId: number;
  tenantId: number;
  tenantExternalId: string;
  platform: string;
  externalId: string;
  displayName: string;
  timeZone: string;
  /** `settings language`. */
  locale: string | null;
  /** The platform's language for this person (members.platform_locale). */
  platformLocale: string | null;
  workspaceLocale: string | null;
  currency: string;
  /** The last local day scanned for daily facts (members.reminded_on). */
  scannedOn: CalendarDate | null;
  tasks: boolean;
  off: AlertKind[];
  quiet: QuietHours | null;
};

/** What the flusher needs from storage (src/data/alert-store.ts). */
export type AlertDeliveryStore = {
  /** Active members not scanned on or after `notScannedSince`. */
  scanCandidates(notScannedSince: CalendarDate): Promise<AlertRecipient[]>;
  /** Claims the member's daily scan for `localDate`: true for exactly one caller. */
  claimDay(memberId: number, localDate: CalendarDate): Promise<boolean>;
  /** Enqueues the member's daily facts: overdue invoices, quotes expiring soon, and (`withTasks`) the morning task list. */
  scanDaily(recipient: AlertRecipient, input: { today: CalendarDate; now: Date; withTasks: boolean; taskLimit: number }): Promise<number>;
  /** Active members with unsent, unclaimed (or lease-expired) alerts due at `now`. */
  dueRecipients(now: Date): Promise<AlertRecipient[]>;
  /** Claims the member's due alerts with `token` until `leaseUntil`; returns what this caller claimed. */
  claim(memberId: number, input: { now: Date; token: string; leaseUntil: Date }): Promise<StoredAlert[]>;
  /** Moves claimed alerts to `dueAt` and gives the claim back (quiet hours began). */
  postpone(token: string, dueAt: Date): Promise<void>;
  /** Deletes claimed alerts of kinds the member turned off since they were enqueued. */
  discard(token: string, ids: readonly number[]): Promise<void>;
  markSent(token: string, input: { at: Date; batchId: string }): Promise<void>;
  /** Gives a claim back so a later tick retries (a failure that surely did not post). */
  release(token: string): Promise<void>;
};

/** Minutes since local midnight of `at` in `timeZone`. */
export function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

/** Whether local minute `minute` falls inside quiet hours (which may run over midnight: 22:00-07:00). */
export function inQuietHours(minute: number, quiet: QuietHours): boolean {
  if (quiet.from === quiet.until) return false;
  return quiet.from < quiet.until ? minute >= quiet.from && minute < quiet.until : minute >= quiet.from || minute < quiet.until;
}

/**
 * When an alert arising at `at` may be posted: `at` itself outside quiet hours, else the first instant
 * the member's local clock reads `quiet.until` (found by stepping whole minutes, so daylight saving
 * changes in the member's zone are honoured).
 */
export function releaseAt(at: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet) return at;
  const minute = localMinutes(at, timeZone);
  if (!inQuietHours(minute, quiet)) return at;
  const start = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  for (let step = 1; step <= 26 * 60; step++) {
    const candidate = new Date(start.getTime() + step * 60_000);
    if (!inQuietHours(localMinutes(candidate, timeZone), quiet)) return candidate;
  }
  return at;
}

/** "22:00-07:00" -> minutes; null when it does not read as two times. */
export function parseQuietHours(text: string): QuietHours | null {
  const match = /^(\d{1,2})(?::|：)?(\d{2})?\s*[-–~〜～]\s*(\d{1,2})(?::|：)?(\d{2})?$/u.exec(text.trim().normalize("NFKC"));
  if (!match) return null;
  const [fromHour, fromMinute, untilHour, untilMinute] = [match[1], match[2] ?? "0", match[3], match[4] ?? "0"].map(Number) as [number, number, number, number];
  if (fromHour > 23 || untilHour > 23 || fromMinute > 59 || untilMinute > 59) return null;
  const quiet = { from: fromHour * 60 + fromMinute, until: untilHour * 60 + untilMinute };
  return quiet.from === quiet.until ? null : quiet;
}

export function formatQuietHours(quiet: QuietHours): string {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return `${hhmm(quiet.from)}-${hhmm(quiet.until)}`;
}

/** The writes an undo takes back, as alert causes: their unsent alerts are dropped in the undo's transaction. */
export function undoneCauses(kind: string, payload: unknown): string[] {
  const data = (payload ?? {}) as { paymentId?: number; dealId?: number; orderId?: number; quoteId?: number };
  if (kind === "payment.create" && data.paymentId) return [`payment:${data.paymentId}`];
  if (kind === "deal.change" && data.dealId) return [`deal:${data.dealId}`];
  if (kind === "order.create" && data.orderId) return [`order:${data.orderId}`];
  return [];
}
