/**
 * Dates typed by people ("tomorrow", "next fri", "in 3 days", "2026-12-01") are read with
 * chrono-node in the acting member's time zone and become calendar dates ("YYYY-MM-DD").
 * Calendar dates have no time zone; "today" depends on who asks, so it is always computed
 * from an injected clock and a zone.
 */
// Subpath imports: the package roots load every locale of chrono-node and all of date-fns (570
// modules, a tenth of a cold start), where these few functions need 40.
import * as chrono from "chrono-node/en";
import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";

export type CalendarDate = string; // YYYY-MM-DD

// Every command checks its member's zone and asks for its "today": building an Intl.DateTimeFormat
// (or a TZDate) each time showed in profiles, so each zone gets one formatter, which also tells
// whether the zone exists.
const knownZones = new Map<string, boolean>();
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    dayFormatter(zone);
    valid = true;
  } catch {
    valid = false;
  }
  // Typed zones can be anything: remember the answers for a bounded set only.
  if (knownZones.size < 1000) knownZones.set(zone, valid);
  return valid;
}

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (dayFormatters.size < 1000) dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Each zone's last answer and the second it was for. Every command asks for its "today", and a
 * zone's date can only change on a whole second (offsets, even historical ones, are whole
 * seconds), so within that second the answer is the same.
 */
const lastDays = new Map<string, { second: number; day: CalendarDate }>();

/** The calendar date it is in `timeZone` at instant `now`. */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDays.get(timeZone);
  if (last?.second === second) return last.day;
  const day = formatDayIn(timeZone, now);
  if (lastDays.size < 1000 || lastDays.has(timeZone)) lastDays.set(timeZone, { second, day });
  return day;
}

function formatDayIn(timeZone: string, now: Date): CalendarDate {
  let year = "";
  let month = "";
  let day = "";
  for (const part of dayFormatter(timeZone).formatToParts(now)) {
    if (part.type === "year") year = part.value.padStart(4, "0");
    else if (part.type === "month") month = part.value;
    else if (part.type === "day") day = part.value;
  }
  return `${year}-${month}-${day}`;
}

/** The instant `date` begins in `timeZone` (midnight there, or the first minute after a DST gap). */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
}

export function addDaysTo(date: CalendarDate, days: number): CalendarDate {
  return format(addDays(parseISO(date), days), "yyyy-MM-dd");
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** Monday-based end of the week containing `date` (Sunday). */
export function endOfWeek(date: CalendarDate): CalendarDate {
  const weekday = parseISO(date).getDay(); // 0 = Sunday
  return addDaysTo(date, weekday === 0 ? 0 : 7 - weekday);
}

/**
 * Parses a whole phrase as a date. Returns null unless chrono understood all of it, so that
 * "acme next fri" is not mistaken for a date ("next fri" alone is).
 */
export function parseCalendarDate(text: string, options: { timeZone: string; now: Date }): CalendarDate | null {
  const phrase = text.trim();
  if (!phrase) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(phrase)) {
    const parsed = parseISO(phrase);
    return Number.isNaN(parsed.getTime()) || format(parsed, "yyyy-MM-dd") !== phrase ? null : phrase;
  }
  const today = todayIn(options.timeZone, options.now);
  // chrono works in the host's zone; give it the member's local wall-clock "today" at noon so
  // relative phrases resolve from the member's date, whatever the server's zone is.
  const reference = parseISO(`${today}T12:00:00`);
  const results = chrono.parse(phrase, { instant: reference }, { forwardDate: true });
  const result = results[0];
  if (!result || results.length !== 1) return null;
  if (result.index !== 0 || result.text.length !== phrase.length) return null;
  return format(result.start.date(), "yyyy-MM-dd");
}

/** How a due date reads from `today`: "today", "tomorrow", "3 days overdue", "in 5 days". */
export function relativeDay(today: CalendarDate, date: CalendarDate): string {
  const days = daysBetween(today, date);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days < 0) return `${-days} day${days === -1 ? "" : "s"} overdue`;
  return `in ${days} day${days === 1 ? "" : "s"}`;
}
