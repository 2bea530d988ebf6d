/**
 * Weekday lists for digest schedules, in the four languages: "mon,thu", "周一,周四", "週一、週四",
 * "월,목", "mon-fri", "周一至周五", "월~금", "weekdays" / "工作日" / "平日" / "평일", "daily" / "每天" /
 * "매일", "weekends" / "周末" / "주말". Spaces around separators are accepted ("mon, thu").
 */
import { CHINESE_WEEKDAYS } from "./chinese.js";
import { KOREAN_WEEKDAYS } from "./korean.js";

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const WORKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

const NAMED_SETS: Record<string, number[]> = {
  daily: ALL_DAYS,
  everyday: ALL_DAYS,
  "every-day": ALL_DAYS,
  每天: ALL_DAYS,
  每日: ALL_DAYS,
  天天: ALL_DAYS,
  매일: ALL_DAYS,
  weekdays: WORKDAYS,
  workdays: WORKDAYS,
  工作日: WORKDAYS,
  平日: WORKDAYS,
  평일: WORKDAYS,
  주중: WORKDAYS,
  weekends: WEEKEND,
  weekend: WEEKEND,
  周末: WEEKEND,
  週末: WEEKEND,
  주말: WEEKEND,
};

const ENGLISH_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const ENGLISH_FULL = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** One day name in any language, or null. */
function dayOf(word: string): number | null {
  // English: at least three letters of the name ("thu", "thur", "thursday"), as before.
  const english = ENGLISH_DAYS.findIndex((name, index) => word.length >= 3 && (word === name || `${name}day`.startsWith(word) || ENGLISH_FULL[index]!.startsWith(word)));
  if (english !== -1) return english + 1;
  // Chinese: 周一 / 週一 / 星期一 / 礼拜一 / 禮拜一, or the bare numeral inside a list ("周一、三、五").
  const chinese = /^(?:周|週|星期|礼拜|禮拜)?([一二三四五六日天])$/.exec(word);
  if (chinese) return CHINESE_WEEKDAYS[chinese[1]!]!;
  // Korean: 월 / 월요일.
  const korean = /^([월화수목금토일])(?:요일)?$/.exec(word);
  if (korean) return KOREAN_WEEKDAYS[korean[1]!]!;
  return null;
}

/** Sorted ISO weekdays (1 = Monday ... 7 = Sunday), or null when the text is not a weekday list. */
export function readWeekdays(text: string): number[] | null {
  const value = text.normalize("NFKC").trim().toLowerCase();
  const named = NAMED_SETS[value.replace(/\s+/g, "")];
  if (named) return [...named];
  const days = new Set<number>();
  // "," (also from full-width "，" via NFKC), "、" and "/" separate days; "-", "~", "至", "到" make ranges.
  for (const rawPart of value.split(/[,、/]/)) {
    const part = rawPart.trim();
    if (!part) return null;
    const range = part.split(/\s*(?:-|~|至|到)\s*/);
    if (range.length === 2) {
      const start = dayOf(range[0]!);
      const end = dayOf(range[1]!);
      if (!start || !end) return null;
      for (let day = start; ; day = (day % 7) + 1) {
        days.add(day);
        if (day === end) break;
      }
    } else if (range.length === 1) {
      const day = dayOf(part);
      if (!day) return null;
      days.add(day);
    } else return null;
  }
  return days.size ? [...days].sort((a, b) => a - b) : null;
}
