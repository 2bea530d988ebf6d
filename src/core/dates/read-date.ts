/**
 * Reads a date as a member types it, in any of Rapport's four languages, into a calendar date in
 * the member's time zone. Pure: the clock and the zone are passed in, nothing is stored.
 *
 * The member's locale does not limit what is understood (a zh-CN rep typing 내일 or "next fri" is
 * understood); it only breaks ties, such as which reading of "05/12" is offered first. Full-width
 * forms ("１２月５日", "２０２６／１２／５") are folded to ASCII with NFKC before anything else.
 *
 * English is read exactly as parseCalendarDate reads it today (chrono-node, "next fri" is the
 * Friday of next week), except that numeric dates which could be day-first or month-first
 * ("5/12", "05/12/2026") are now reported as ambiguous instead of being taken as month-first.
 */
import { daysBetween, parseCalendarDate, todayIn, type CalendarDate } from "../dates.js";
import { readNumericDate } from "./ambiguous.js";
import { readChinese } from "./chinese.js";
import { readKorean } from "./korean.js";

export type { DateLocale } from "./calendar.js";
import type { DateLocale } from "./calendar.js";

/**
 * "follow-up": a date before today is returned as `past` so the member can be asked (a follow-up
 * that is overdue the moment it is created is nearly always a wrong year, a swapped day and month,
 * or a "this Wednesday" that has already gone). "any" (the default) takes past dates as they are,
 * for things like the date of a call that already happened.
 */
export type DatePurpose = "follow-up" | "any";

export type ReadDateOptions = { now: Date; timeZone: string; locale: DateLocale; purpose?: DatePurpose };

export type DateReading =
  | { kind: "date"; date: CalendarDate }
  /** Both readings are real dates; ask, preferred reading first. Never silently pick one. */
  | { kind: "ambiguous"; readings: CalendarDate[] }
  /** Only for purpose "follow-up": the date is before today. */
  | { kind: "past"; date: CalendarDate; daysAgo: number }
  /** `phrase` is what the member typed (trimmed), so the error can quote it whole. */
  | { kind: "unreadable"; phrase: string };

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/;
const HAN = /\p{Script=Han}/u;

export function readDate(text: string, options: ReadDateOptions): DateReading {
  const phrase = text.trim();
  const normalized = phrase.normalize("NFKC").replace(/\s+/g, " ").trim();
  const unreadable = { kind: "unreadable", phrase } as const;
  if (!normalized) return unreadable;
  const today = todayIn(options.timeZone, options.now);

  const numeric = readNumericDate(normalized, today, options.locale);
  if (numeric?.kind === "invalid") return unreadable;
  if (numeric?.kind === "ambiguous") return numeric;

  let date: CalendarDate | null;
  if (numeric?.kind === "date") date = numeric.date;
  else if (HANGUL.test(normalized)) date = readKorean(normalized, today);
  else if (HAN.test(normalized)) date = readChinese(normalized, today, options.locale);
  else date = parseCalendarDate(normalized, { timeZone: options.timeZone, now: options.now });
  if (!date) return unreadable;

  if (options.purpose === "follow-up" && date < today) return { kind: "past", date, daysAgo: daysBetween(date, today) };
  return { kind: "date", date };
}
