/**
 * Calendar arithmetic the language readers share. Everything works on CalendarDate strings
 * ("YYYY-MM-DD"), which have no time zone: the zone only matters once, when "today" is found
 * with `todayIn`, so nothing here can be thrown off by DST or by the server's own zone.
 */
import { addMonths } from "date-fns/addMonths";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { addDaysTo, type CalendarDate } from "../dates.js";

/** The languages a date may be written in; the reader accepts all of them whatever the locale. */
export type DateLocale = "en" | "zh-CN" | "zh-TW" | "ko";

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function isoWeekdayOf(date: CalendarDate): IsoWeekday {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as IsoWeekday;
}

/**
 * A real calendar date or null: "2026-02-30" and month 13 are refused rather than rolled over,
 * so a typo is reported instead of silently becoming another day.
 */
export function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A month and day without a year means the next time it comes round, today included: the same
 * rule chrono applies to English ("11/20" typed on 27 Nov is next year's), so every language
 * agrees. 29 Feb waits for the next leap year.
 */
export function nextMonthDay(today: CalendarDate, month: number, day: number): CalendarDate | null {
  if (calendarDate(2024, month, day) === null) return null; // 2024 is a leap year: no such day, ever
  const year = Number(today.slice(0, 4));
  for (let offset = 0; offset <= 8; offset++) {
    const candidate = calendarDate(year + offset, month, day);
    if (candidate && candidate >= today) return candidate;
  }
  return null;
}

/** A day of the month alone ("5号"): the next time that day comes, today included. */
export function nextDayOfMonth(today: CalendarDate, day: number): CalendarDate | null {
  if (day < 1 || day > 31) return null;
  const start = parseISO(today);
  for (let offset = 0; offset < 12; offset++) {
    const month = addMonths(start, offset);
    const candidate = calendarDate(month.getFullYear(), month.getMonth() + 1, day);
    if (candidate && candidate >= today) return candidate;
  }
  return null;
}

/** A day of the month in the month `monthOffset` away from today's ("下个月5号", "다음 달 5일"). */
export function dayOfMonthIn(today: CalendarDate, monthOffset: number, day: number): CalendarDate | null {
  const month = addMonths(parseISO(`${today.slice(0, 7)}-01`), monthOffset);
  return calendarDate(month.getFullYear(), month.getMonth() + 1, day);
}

/** The next `weekday` on or after today ("fri", "周五", "금요일" on a Friday is today). */
export function nextWeekday(today: CalendarDate, weekday: IsoWeekday): CalendarDate {
  return addDaysTo(today, (weekday - isoWeekdayOf(today) + 7) % 7);
}

/**
 * `weekday` of the Monday-to-Sunday week `weekOffset` weeks from today's. Chinese and Korean
 * business weeks start on Monday, so 下周日 / 다음 주 일요일 typed on a Monday is 13 days away,
 * and 这周三 typed on a Friday is two days ago (asked about for a follow-up), not next Wednesday.
 */
export function weekdayOfWeek(today: CalendarDate, weekOffset: number, weekday: IsoWeekday): CalendarDate {
  return addDaysTo(today, weekOffset * 7 + weekday - isoWeekdayOf(today));
}

export function addMonthsTo(date: CalendarDate, months: number): CalendarDate {
  return format(addMonths(parseISO(date), months), "yyyy-MM-dd");
}
