/** Calendar windows deals are counted in: this or next month, this quarter, and the same span a year earlier. */
import type { CalendarDate } from "./dates.js";

export type Window = { from: CalendarDate; to: CalendarDate };

const pad = (value: number) => String(value).padStart(2, "0");

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthWindow(year: number, month: number): Window {
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

export function thisMonth(today: CalendarDate): Window {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return monthWindow(year, month);
}

export function nextMonth(today: CalendarDate): Window {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return month === 12 ? monthWindow(year + 1, 1) : monthWindow(year, month + 1);
}

export function thisQuarter(today: CalendarDate): Window {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: monthWindow(year, first).from, to: monthWindow(year, first + 2).to };
}

/** True when from..to is a run of whole calendar months (this month, next month, a quarter). */
export function isWholeMonths({ from, to }: Window): boolean {
  const [year, month, day] = to.split("-").map(Number) as [number, number, number];
  return from.endsWith("-01") && from <= to && day === lastDay(year, month);
}

/** The same window a year earlier (29 February becomes the 28th). */
export function yearBefore(window: Window): Window {
  const shift = (date: CalendarDate): CalendarDate => {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    return `${year - 1}-${pad(month)}-${pad(Math.min(day, lastDay(year - 1, month)))}`;
  };
  return { from: shift(window.from), to: shift(window.to) };
}
