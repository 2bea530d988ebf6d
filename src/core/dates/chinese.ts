/**
 * Chinese date phrases, Simplified and Traditional. chrono-node's zh parsers read most of what
 * reps type (明天, 后天/後天, 大后天, 周五/週五/星期五/礼拜五, 12月5日, 12月5號, 2026年12月5日, 三天后,
 * 3天後, 一个星期后, 3個月後, 昨天, 三天前). A small table covers what chrono misses or reads
 * differently from how people mean it:
 *  - 这周三 / 下周五 / 上周五 / 下下周一: chrono counts weeks from Sunday and pushes 这周三 forward
 *    to next week; in China and Taiwan the week runs Monday to Sunday, so 下周日 typed on a Monday
 *    is the Sunday of next week and 这周三 typed on a Friday is two days ago;
 *  - 一周后 / 2週後 (weeks), 下个月5号 / 本月20號, and a day of the month alone (5号).
 * Spaces carry no meaning in Chinese and are removed before matching.
 */
import * as zh from "chrono-node/zh";
import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import { addDaysTo, type CalendarDate } from "../dates.js";
import { addMonthsTo, dayOfMonthIn, nextDayOfMonth, weekdayOfWeek, type IsoWeekday } from "./calendar.js";
import type { DateLocale } from "./calendar.js";

export const CHINESE_WEEKDAYS: Record<string, IsoWeekday> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "三", "十", "十二", "二十一", "两" → a number from 0 to 99; null otherwise. */
export function chineseNumber(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  const match = /^([〇零一二两兩三四五六七八九])?(十)?([〇零一二三四五六七八九])?$/.exec(text);
  if (!match || !text) return null;
  const [, tens, ten, ones] = match;
  if (!ten) return ones ? null : DIGITS[tens!]!; // a single digit; "二三" is not a number
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

const NUMBER = "(\\d{1,3}|[〇零一二两兩三四五六七八九十]{1,3})";
const WEEK = "(?:周|週|星期|礼拜|禮拜)";
const AFTER = "(后|後|之后|之後|以后|以後|前|之前|以前)";
const WEEK_OFFSETS: Record<string, number> = { 这: 0, 這: 0, 本: 0, 下: 1, 下下: 2, 上: -1, 上上: -2 };
const MONTH_OFFSETS: Record<string, number> = { 这个: 0, 這個: 0, 本: 0, 下个: 1, 下個: 1, 下: 1, 上个: -1, 上個: -1, 上: -1 };

function direction(word: string): 1 | -1 {
  return word.endsWith("前") ? -1 : 1;
}

function readFromTable(text: string, today: CalendarDate): CalendarDate | null | undefined {
  const inWeek = new RegExp(`^(这|這|本|下下|下|上上|上)(?:个|個)?${WEEK}([一二三四五六日天])$`).exec(text);
  if (inWeek) return weekdayOfWeek(today, WEEK_OFFSETS[inWeek[1]!]!, CHINESE_WEEKDAYS[inWeek[2]!]!);

  const weeks = new RegExp(`^${NUMBER}(?:个|個)?${WEEK}${AFTER}$`).exec(text);
  if (weeks) {
    const n = chineseNumber(weeks[1]!);
    return n === null ? null : addDaysTo(today, 7 * n * direction(weeks[2]!));
  }
  const months = new RegExp(`^${NUMBER}(?:个|個)月${AFTER}$`).exec(text);
  if (months) {
    const n = chineseNumber(months[1]!);
    return n === null ? null : addMonthsTo(today, n * direction(months[2]!));
  }
  const inMonth = new RegExp(`^(这个|這個|本|下个|下個|下|上个|上個|上)月${NUMBER}(?:号|號|日)$`).exec(text);
  if (inMonth) {
    const day = chineseNumber(inMonth[2]!);
    return day === null ? null : dayOfMonthIn(today, MONTH_OFFSETS[inMonth[1]!]!, day);
  }
  const dayOfMonth = new RegExp(`^${NUMBER}(?:号|號|日)$`).exec(text);
  if (dayOfMonth) {
    const day = chineseNumber(dayOfMonth[1]!);
    return day === null ? null : nextDayOfMonth(today, day);
  }
  return undefined; // not a table phrase: let chrono try
}

/**
 * chrono works in the host's zone; like parseCalendarDate it is given the member's wall-clock
 * "today" at noon, so relative phrases count from the member's date whatever the server's zone.
 * Traditional is tried first for zh-TW and Simplified first otherwise; each only knows its own
 * characters (hans misses 後天, hant misses 后天), so both are tried.
 */
function readWithChrono(text: string, today: CalendarDate, locale: DateLocale): CalendarDate | null {
  const reference = parseISO(`${today}T12:00:00`);
  const parsers = locale === "zh-TW" ? [zh.hant, zh.hans] : [zh.hans, zh.hant];
  for (const parser of parsers) {
    const results = parser.parse(text, { instant: reference }, { forwardDate: true });
    const result = results[0];
    // The whole phrase or nothing: "客户下周五" is not a date.
    if (results.length === 1 && result && result.index === 0 && result.text.length === text.length) {
      return format(result.start.date(), "yyyy-MM-dd");
    }
  }
  return null;
}

export function readChinese(phrase: string, today: CalendarDate, locale: DateLocale): CalendarDate | null {
  const text = phrase.replace(/\s+/g, "");
  if (!text) return null;
  const fromTable = readFromTable(text, today);
  return fromTable === undefined ? readWithChrono(text, today, locale) : fromTable;
}
