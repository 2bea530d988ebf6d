/**
 * Wall-clock schedule arithmetic. A subscription fires at a local time (HH:MM) in an IANA zone on
 * chosen ISO weekdays. Every local date gets exactly one fire instant:
 *  - a time inside the spring-forward gap (02:30 on the day clocks jump 02:00 -> 03:00) fires at
 *    the first valid instant after it, the moment of the jump (03:00 local);
 *  - a time inside the fall-back overlap (01:30 happening twice) fires at its first occurrence.
 * node-cron 4.5 skips the gap day; the scheduler therefore never relies on cron for the time of
 * day, only for waking up every minute.
 */
import { tzOffset } from "@date-fns/tz";
import { addDaysTo, todayIn, type CalendarDate } from "../core/dates.js";

const MINUTE = 60_000;

function offsetAt(timeZone: string, instantMs: number): number {
  return tzOffset(timeZone, new Date(instantMs)) * MINUTE;
}

const fireCache = new Map<string, Date>();

/** The instant a wall-clock time on a local date happens (see the module comment for DST). Memoised. */
export function fireInstant(date: CalendarDate, time: string, timeZone: string): Date {
  const key = `${timeZone} ${date} ${time}`;
  let cached = fireCache.get(key);
  if (!cached) {
    if (fireCache.size > 50_000) fireCache.clear();
    fireCache.set(key, (cached = computeFireInstant(date, time, timeZone)));
  }
  return new Date(cached.getTime());
}

function computeFireInstant(date: CalendarDate, time: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const offsets = [...new Set([offsetAt(timeZone, local - 36 * 3600_000), offsetAt(timeZone, local), offsetAt(timeZone, local + 36 * 3600_000)])];
  const valid = offsets.map((offset) => local - offset).filter((instant) => instant + offsetAt(timeZone, instant) === local);
  if (valid.length) return new Date(Math.min(...valid));
  // In the gap: the first instant whose local time is at or after the wanted one (the jump).
  let low = Math.floor((local - Math.max(...offsets)) / MINUTE);
  let high = Math.ceil((local - Math.min(...offsets)) / MINUTE);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const instant = middle * MINUTE;
    if (instant + offsetAt(timeZone, instant) >= local) high = middle;
    else low = middle + 1;
  }
  return new Date(low * MINUTE);
}

/** ISO weekday of a calendar date: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The local calendar date at an instant (same result as todayIn, cheaper: the scheduler calls it per tick). */
export function localDateAt(timeZone: string, at: Date): CalendarDate {
  return new Date(at.getTime() + offsetAt(timeZone, at.getTime())).toISOString().slice(0, 10);
}

/** Calendar arithmetic in UTC (no zone involved). */
export function shiftDate(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Local dates from the one containing `from` through the one containing `to`, oldest first. */
export function localDatesBetween(timeZone: string, from: Date, to: Date): CalendarDate[] {
  const last = todayIn(timeZone, to);
  const dates: CalendarDate[] = [];
  for (let date = todayIn(timeZone, from); date <= last; date = addDaysTo(date, 1)) dates.push(date);
  return dates;
}

export type Schedule = { localTime: string; timeZone: string; weekdays: readonly number[] };

/** The next fire instant strictly after `after` (within two weeks), skipping dates in `done`. */
export function nextFire(schedule: Schedule, after: Date, done: ReadonlySet<CalendarDate> = new Set()): { date: CalendarDate; at: Date } | null {
  let date = addDaysTo(todayIn(schedule.timeZone, after), -1);
  for (let index = 0; index < 16; index++, date = addDaysTo(date, 1)) {
    if (!schedule.weekdays.includes(isoWeekday(date)) || done.has(date)) continue;
    const at = fireInstant(date, schedule.localTime, schedule.timeZone);
    if (at > after) return { date, at };
  }
  return null;
}

const DAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;


/** "daily", "weekdays", "weekends" or "mon, wed, fri". */
export function describeWeekdays(weekdays: readonly number[]): string {
  const key = [...weekdays].sort((a, b) => a - b).join(",");
  if (key === "1,2,3,4,5,6,7") return "daily";
  if (key === "1,2,3,4,5") return "weekdays";
  if (key === "6,7") return "weekends";
  return [...weekdays].sort((a, b) => a - b).map((day) => DAY_NAMES[day - 1]).join(", ");
}

/** Reads "8", "8:30", "08:30", "8am", "8:30pm", "20:15" into "HH:MM". Null when not a time. */
export function parseLocalTime(text: string): string | null {
  const match = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.toLowerCase();
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  } else if (hour > 23 || (match[2] === undefined && text.trim().length > 2)) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
