/**
 * Korean date phrases. No date library reads Korean, so this is a small table-driven reader for
 * what reps type: 오늘, 내일, 모레, 글피, 금요일, 이번 주 금(요일), 다음 주 금요일, 3일 후, 이틀 뒤,
 * 일주일 뒤, 2주 후, 한 달 후, 12월 5일, 2026년 12월 5일, 다음 달 5일, and the past forms
 * (어제, 3일 전, 지난주 금요일) so they can be questioned rather than refused.
 * Korean spacing varies from person to person ("다음주 금", "다음 주 금요일", "3일후"), so spaces
 * are removed before matching; "…까지" (by …) is dropped because "금요일까지" means the same day.
 */
import { addDaysTo, type CalendarDate } from "../dates.js";
import { addMonthsTo, calendarDate, dayOfMonthIn, nextMonthDay, nextWeekday, weekdayOfWeek, type IsoWeekday } from "./calendar.js";

const DAY_WORDS: Record<string, number> = {
  오늘: 0,
  금일: 0,
  내일: 1,
  낼: 1,
  명일: 1,
  모레: 2,
  내일모레: 2,
  낼모레: 2,
  글피: 3,
  어제: -1,
  어저께: -1,
  그제: -2,
  그저께: -2,
};

export const KOREAN_WEEKDAYS: Record<string, IsoWeekday> = { 월: 1, 화: 2, 수: 3, 목: 4, 금: 5, 토: 6, 일: 7 };

// Week words: this week (이번 주, 금주), next (다음 주, 담주, 차주), the one after, last.
const WEEK_OFFSETS: Record<string, number> = { 이번: 0, 금: 0, 다음: 1, 담: 1, 차: 1, 다다음: 2, 지난: -1, 저번: -1 };

// Native Korean counts used with days ("이틀 뒤") and with weeks and months ("한 달 후", "두 주 뒤").
const NATIVE_DAYS: Record<string, number> = { 하루: 1, 이틀: 2, 사흘: 3, 나흘: 4, 닷새: 5, 엿새: 6, 이레: 7, 열흘: 10 };
const NATIVE_COUNTS: Record<string, number> = { 한: 1, 두: 2, 세: 3, 네: 4, 일: 1, 이: 2, 삼: 3, 사: 4 };

// "후", "뒤", "이후" and "있다가" all mean "from now"; "전" counts back (asked about for a follow-up).
const SHIFT = "(후|뒤|이후|있다가|전)";

function count(text: string): number | null {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  return NATIVE_COUNTS[text] ?? null;
}

function direction(word: string): 1 | -1 {
  return word === "전" ? -1 : 1;
}

export function readKorean(phrase: string, today: CalendarDate): CalendarDate | null {
  const text = phrase.replace(/\s+/g, "").replace(/(까지|에)$/, "");
  if (!text) return null;

  const dayWord = DAY_WORDS[text];
  if (dayWord !== undefined) return addDaysTo(today, dayWord);

  // 금요일 alone needs 요일: a bare 금 or 일 is too easily another word. After a week word the
  // short form is what people type ("다음주 금").
  const weekday = /^([월화수목금토일])요일$/.exec(text);
  if (weekday) return nextWeekday(today, KOREAN_WEEKDAYS[weekday[1]!]!);
  const inWeek = /^(이번|금|다음|담|차|다다음|지난|저번)주([월화수목금토일])(요일)?$/.exec(text);
  if (inWeek) return weekdayOfWeek(today, WEEK_OFFSETS[inWeek[1]!]!, KOREAN_WEEKDAYS[inWeek[2]!]!);

  const days = new RegExp(`^(\\d{1,3})일${SHIFT}$`).exec(text);
  if (days) return addDaysTo(today, Number(days[1]) * direction(days[2]!));
  const nativeDays = new RegExp(`^(${Object.keys(NATIVE_DAYS).join("|")})${SHIFT}$`).exec(text);
  if (nativeDays) return addDaysTo(today, NATIVE_DAYS[nativeDays[1]!]! * direction(nativeDays[2]!));

  // 일주일 뒤, 1주 후, 2주일 뒤, 두 주 뒤, 3주 전
  const weeks = new RegExp(`^(\\d{1,2}|한|두|세|네|일|이|삼|사)주(일)?${SHIFT}$`).exec(text);
  if (weeks) {
    const n = count(weeks[1]!);
    if (n !== null) return addDaysTo(today, 7 * n * direction(weeks[3]!));
  }
  // 한 달 후, 3개월 뒤, 두 달 전
  const months = new RegExp(`^(\\d{1,2}|한|두|세|네)(개월|달)${SHIFT}$`).exec(text);
  if (months) {
    const n = count(months[1]!);
    if (n !== null) return addMonthsTo(today, n * direction(months[3]!));
  }

  const fullDate = /^(\d{4})년(\d{1,2})월(\d{1,2})일$/.exec(text);
  if (fullDate) return calendarDate(Number(fullDate[1]), Number(fullDate[2]), Number(fullDate[3]));
  const monthDay = /^(\d{1,2})월(\d{1,2})일$/.exec(text);
  if (monthDay) return nextMonthDay(today, Number(monthDay[1]), Number(monthDay[2]));
  const inMonth = /^(이번|다음|담|지난)달(\d{1,2})일$/.exec(text);
  if (inMonth) return dayOfMonthIn(today, { 이번: 0, 다음: 1, 담: 1, 지난: -1 }[inMonth[1]!]!, Number(inMonth[2]));
  return null;
}
