/**
 * Dates written only with numbers: "2026-12-05", "2026/12/5", "2026. 12. 5." (Korean style),
 * "05/12/2026", "5/12", "12/25". Year-first is read one way in every language. With the year last
 * or absent, "05/12" is 12 May in the United States, mainland China, Taiwan and Korea but 5 December
 * in Hong Kong and Europe, so when both numbers could be the month the phrase is ambiguous and the
 * member is asked; it is never silently taken.
 */
import type { CalendarDate } from "../dates.js";
import { calendarDate, nextMonthDay } from "./calendar.js";
import type { DateLocale } from "./calendar.js";

export type NumericReading = { kind: "date"; date: CalendarDate } | { kind: "ambiguous"; readings: CalendarDate[] } | { kind: "invalid" };

const YEAR_FIRST = /^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?$/;
const YEAR_LAST = /^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$/;
// A trailing dot is how Korean writes "12. 5."; a dash is left out because "5-12" reads as a range.
const NO_YEAR = /^(\d{1,2})\s*([/.])\s*(\d{1,2})\.?$/;

/**
 * The order readings are offered in, preferred first. All four locales write the month before
 * the day (zh and ko as part of year-month-day, en as chrono's US reading), so month-first leads
 * everywhere; the table is the one place to change if a day-first locale (en-GB, zh-HK) is added.
 */
const MONTH_FIRST: Record<DateLocale, boolean> = { en: true, "zh-CN": true, "zh-TW": true, ko: true };

/** Null when the phrase is not a numeric date at all; `invalid` when it is one that cannot exist. */
export function readNumericDate(phrase: string, today: CalendarDate, locale: DateLocale): NumericReading | null {
  const yearFirst = YEAR_FIRST.exec(phrase);
  if (yearFirst) {
    const date = calendarDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
    return date ? { kind: "date", date } : { kind: "invalid" };
  }
  const yearLast = YEAR_LAST.exec(phrase);
  if (yearLast) {
    // Two-digit years are this century's: nobody schedules a follow-up for 1926.
    const year = yearLast[4]!.length === 2 ? 2000 + Number(yearLast[4]) : Number(yearLast[4]);
    return pick(Number(yearLast[1]), Number(yearLast[3]), (month, day) => calendarDate(year, month, day), locale);
  }
  const noYear = NO_YEAR.exec(phrase);
  if (noYear) return pick(Number(noYear[1]), Number(noYear[3]), (month, day) => nextMonthDay(today, month, day), locale);
  return null;
}

function pick(first: number, second: number, build: (month: number, day: number) => CalendarDate | null, locale: DateLocale): NumericReading {
  const monthFirst = build(first, second);
  const dayFirst = build(second, first);
  const ordered = MONTH_FIRST[locale] ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
  const readings = [...new Set(ordered.filter((date): date is CalendarDate => date !== null))];
  if (readings.length === 0) return { kind: "invalid" };
  if (readings.length === 1) return { kind: "date", date: readings[0]! };
  return { kind: "ambiguous", readings };
}
