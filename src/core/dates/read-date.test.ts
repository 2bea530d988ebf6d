import { describe, expect, test } from "vitest";
import { readDate, type DateLocale } from "./read-date.js";

// Reference instants. November 2026: Mon 23, Fri 27, Sat 28, Sun 29, Mon 30; Fri 4 Dec, Sat 5 Dec.
// FRI = 09:00 UTC on Fri 27 Nov: still Fri 27 Nov in every zone used here.
const FRI = "2026-11-27T09:00:00Z";
// EDGE = 16:30 UTC on Fri 27 Nov: already Sat 28 Nov 00:30 in Shanghai/Taipei, 01:30 in Seoul;
// still Fri 27 Nov in UTC, New York (11:30) and Berlin (17:30).
const EDGE = "2026-11-27T16:30:00Z";
const MON_SHANGHAI = "2026-11-23T02:00:00Z"; // 10:00 CST, Mon 23 Nov
const MON_SEOUL = "2026-11-22T23:00:00Z"; // 08:00 KST, Mon 23 Nov (still Sun 22 Nov in UTC)
const SUN_SHANGHAI = "2026-11-29T02:00:00Z"; // 10:00 CST, Sun 29 Nov
// New York leaves DST at 06:00 UTC on Sun 1 Nov 2026 (02:00 EDT becomes 01:00 EST).
const NY_BEFORE = "2026-11-01T03:30:00Z"; // 23:30 EDT, Sat 31 Oct
const NY_DURING = "2026-11-01T05:30:00Z"; // 01:30 EDT, Sun 1 Nov
const NY_AFTER = "2026-11-02T04:30:00Z"; // 23:30 EST, Sun 1 Nov (a fixed UTC-4 would say Mon 2 Nov)
// Berlin leaves DST at 01:00 UTC on Sun 25 Oct 2026 and enters it at 01:00 UTC on Sun 29 Mar 2026.
const BERLIN_AFTER_FALL = "2026-10-25T22:30:00Z"; // 23:30 CET, Sun 25 Oct (CEST would be Mon 26)
const BERLIN_BEFORE_SPRING = "2026-03-28T22:30:00Z"; // 23:30 CET, Sat 28 Mar
const BERLIN_SPRING_NIGHT = "2026-03-28T23:30:00Z"; // 00:30 CET, Sun 29 Mar

type Row = [phrase: string, locale: DateLocale, timeZone: string, now: string, expected: string];

const dates: Row[] = [
  // English, read as parseCalendarDate reads it.
  ["tomorrow", "en", "UTC", FRI, "2026-11-28"], // today Fri 27 Nov
  ["fri", "en", "UTC", FRI, "2026-11-27"], // today Fri 27 Nov: chrono takes today
  ["next fri", "en", "UTC", FRI, "2026-12-04"], // today Fri 27 Nov: Friday of next week
  ["in 3 days", "en", "UTC", FRI, "2026-11-30"], // today Fri 27 Nov
  ["2026-12-01", "en", "UTC", FRI, "2026-12-01"], // today Fri 27 Nov
  ["12/25", "en", "UTC", FRI, "2026-12-25"], // today Fri 27 Nov: 25 cannot be a month
  ["25/12", "en", "UTC", FRI, "2026-12-25"], // today Fri 27 Nov: 25 cannot be a month
  ["11/20", "en", "UTC", FRI, "2027-11-20"], // today Fri 27 Nov: 20 Nov has passed, so next year's
  ["12/12", "en", "UTC", FRI, "2026-12-12"], // today Fri 27 Nov: both readings are the same day
  ["2026/05/12", "en", "UTC", FRI, "2026-05-12"], // year first is never day-first
  ["today", "en", "America/New_York", EDGE, "2026-11-27"], // today Fri 27 Nov (11:30 EST)
  ["tomorrow", "en", "Asia/Shanghai", EDGE, "2026-11-29"], // today Sat 28 Nov (00:30 CST)
  ["tomorrow", "en", "Europe/Berlin", EDGE, "2026-11-28"], // today Fri 27 Nov (17:30 CET)

  // Simplified Chinese.
  ["明天", "zh-CN", "Asia/Shanghai", FRI, "2026-11-28"], // today Fri 27 Nov
  ["后天", "zh-CN", "Asia/Shanghai", FRI, "2026-11-29"], // today Fri 27 Nov
  ["大后天", "zh-CN", "Asia/Shanghai", FRI, "2026-11-30"], // today Fri 27 Nov
  ["今天", "zh-CN", "Asia/Shanghai", FRI, "2026-11-27"], // today Fri 27 Nov
  ["下周五", "zh-CN", "Asia/Shanghai", FRI, "2026-12-04"], // today Fri 27 Nov: Friday of next week
  ["这周三", "zh-CN", "Asia/Shanghai", FRI, "2026-11-25"], // today Fri 27 Nov: this week's Wednesday has passed
  ["周五", "zh-CN", "Asia/Shanghai", FRI, "2026-11-27"], // today Fri 27 Nov: as "fri", today
  ["星期五", "zh-CN", "Asia/Shanghai", FRI, "2026-11-27"], // today Fri 27 Nov
  ["礼拜五", "zh-CN", "Asia/Shanghai", FRI, "2026-11-27"], // today Fri 27 Nov
  ["12月5日", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov
  ["12月5号", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov
  ["十二月五日", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov
  ["2026年12月5日", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov
  ["三天后", "zh-CN", "Asia/Shanghai", FRI, "2026-11-30"], // today Fri 27 Nov
  ["一周后", "zh-CN", "Asia/Shanghai", FRI, "2026-12-04"], // today Fri 27 Nov
  ["2周后", "zh-CN", "Asia/Shanghai", FRI, "2026-12-11"], // today Fri 27 Nov
  ["5号", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov: the next 5th
  ["下个月5号", "zh-CN", "Asia/Shanghai", FRI, "2026-12-05"], // today Fri 27 Nov
  ["下周日", "zh-CN", "Asia/Shanghai", MON_SHANGHAI, "2026-12-06"], // today Mon 23 Nov: weeks run Monday to Sunday
  ["下周五", "zh-CN", "Asia/Shanghai", SUN_SHANGHAI, "2026-12-04"], // today Sun 29 Nov: next week starts Mon 30
  ["明天", "zh-CN", "Asia/Shanghai", EDGE, "2026-11-29"], // today Sat 28 Nov (00:30 CST)
  ["周五", "zh-CN", "Asia/Shanghai", EDGE, "2026-12-04"], // today Sat 28 Nov: the coming Friday

  // Traditional Chinese.
  ["後天", "zh-TW", "Asia/Taipei", FRI, "2026-11-29"], // today Fri 27 Nov
  ["大後天", "zh-TW", "Asia/Taipei", FRI, "2026-11-30"], // today Fri 27 Nov
  ["下週五", "zh-TW", "Asia/Taipei", FRI, "2026-12-04"], // today Fri 27 Nov
  ["這週三", "zh-TW", "Asia/Taipei", FRI, "2026-11-25"], // today Fri 27 Nov
  ["週五", "zh-TW", "Asia/Taipei", FRI, "2026-11-27"], // today Fri 27 Nov
  ["禮拜五", "zh-TW", "Asia/Taipei", FRI, "2026-11-27"], // today Fri 27 Nov
  ["下禮拜一", "zh-TW", "Asia/Taipei", FRI, "2026-11-30"], // today Fri 27 Nov
  ["12月5號", "zh-TW", "Asia/Taipei", FRI, "2026-12-05"], // today Fri 27 Nov
  ["2026年12月5日", "zh-TW", "Asia/Taipei", FRI, "2026-12-05"], // today Fri 27 Nov
  ["3天後", "zh-TW", "Asia/Taipei", FRI, "2026-11-30"], // today Fri 27 Nov
  ["一週後", "zh-TW", "Asia/Taipei", FRI, "2026-12-04"], // today Fri 27 Nov
  ["3個月後", "zh-TW", "Asia/Taipei", FRI, "2027-02-27"], // today Fri 27 Nov
  ["１２月５日", "zh-TW", "Asia/Taipei", FRI, "2026-12-05"], // today Fri 27 Nov: full-width digits
  ["明天", "zh-TW", "Asia/Taipei", EDGE, "2026-11-29"], // today Sat 28 Nov (00:30 CST)

  // Korean.
  ["오늘", "ko", "Asia/Seoul", FRI, "2026-11-27"], // today Fri 27 Nov
  ["내일", "ko", "Asia/Seoul", FRI, "2026-11-28"], // today Fri 27 Nov
  ["모레", "ko", "Asia/Seoul", FRI, "2026-11-29"], // today Fri 27 Nov
  ["글피", "ko", "Asia/Seoul", FRI, "2026-11-30"], // today Fri 27 Nov
  ["다음 주 금요일", "ko", "Asia/Seoul", FRI, "2026-12-04"], // today Fri 27 Nov
  ["다음주 금", "ko", "Asia/Seoul", FRI, "2026-12-04"], // today Fri 27 Nov
  ["이번 주 금", "ko", "Asia/Seoul", FRI, "2026-11-27"], // today Fri 27 Nov
  ["이번주 금요일", "ko", "Asia/Seoul", FRI, "2026-11-27"], // today Fri 27 Nov
  ["금요일", "ko", "Asia/Seoul", FRI, "2026-11-27"], // today Fri 27 Nov
  ["금요일까지", "ko", "Asia/Seoul", FRI, "2026-11-27"], // today Fri 27 Nov: "by Friday"
  ["3일 후", "ko", "Asia/Seoul", FRI, "2026-11-30"], // today Fri 27 Nov
  ["3일 뒤", "ko", "Asia/Seoul", FRI, "2026-11-30"], // today Fri 27 Nov
  ["３일후", "ko", "Asia/Seoul", FRI, "2026-11-30"], // today Fri 27 Nov: full-width, no space
  ["이틀 뒤", "ko", "Asia/Seoul", FRI, "2026-11-29"], // today Fri 27 Nov
  ["일주일 뒤", "ko", "Asia/Seoul", FRI, "2026-12-04"], // today Fri 27 Nov
  ["1주 후", "ko", "Asia/Seoul", FRI, "2026-12-04"], // today Fri 27 Nov
  ["2주 후", "ko", "Asia/Seoul", FRI, "2026-12-11"], // today Fri 27 Nov
  ["한 달 후", "ko", "Asia/Seoul", FRI, "2026-12-27"], // today Fri 27 Nov
  ["12월 5일", "ko", "Asia/Seoul", FRI, "2026-12-05"], // today Fri 27 Nov
  ["11월 20일", "ko", "Asia/Seoul", FRI, "2027-11-20"], // today Fri 27 Nov: passed, so next year's
  ["2026년 12월 5일", "ko", "Asia/Seoul", FRI, "2026-12-05"], // today Fri 27 Nov
  ["2026. 12. 5.", "ko", "Asia/Seoul", FRI, "2026-12-05"], // today Fri 27 Nov
  ["다음 달 5일", "ko", "Asia/Seoul", FRI, "2026-12-05"], // today Fri 27 Nov
  ["다음 주 일요일", "ko", "Asia/Seoul", MON_SEOUL, "2026-12-06"], // today Mon 23 Nov
  ["내일", "ko", "Asia/Seoul", EDGE, "2026-11-29"], // today Sat 28 Nov (01:30 KST)

  // Any language whatever the locale: the locale only breaks ties.
  ["내일", "zh-CN", "Asia/Shanghai", FRI, "2026-11-28"], // today Fri 27 Nov
  ["明天", "ko", "Asia/Seoul", FRI, "2026-11-28"], // today Fri 27 Nov
  ["next fri", "ko", "Asia/Seoul", FRI, "2026-12-04"], // today Fri 27 Nov
  ["下周五", "en", "UTC", FRI, "2026-12-04"], // today Fri 27 Nov
  ["２０２６－１２－０５", "en", "UTC", FRI, "2026-12-05"], // full-width ISO date

  // Across DST changes.
  ["tomorrow", "en", "America/New_York", NY_BEFORE, "2026-11-01"], // today Sat 31 Oct (23:30 EDT)
  ["明天", "zh-CN", "America/New_York", NY_DURING, "2026-11-02"], // today Sun 1 Nov (01:30 EDT)
  ["today", "en", "America/New_York", NY_AFTER, "2026-11-01"], // today Sun 1 Nov (23:30 EST)
  ["내일", "ko", "America/New_York", NY_AFTER, "2026-11-02"], // today Sun 1 Nov (23:30 EST)
  ["in 3 days", "en", "America/New_York", NY_AFTER, "2026-11-04"], // today Sun 1 Nov (23:30 EST)
  ["tomorrow", "en", "Europe/Berlin", BERLIN_AFTER_FALL, "2026-10-26"], // today Sun 25 Oct (23:30 CET)
  ["下周一", "zh-CN", "Europe/Berlin", BERLIN_AFTER_FALL, "2026-10-26"], // today Sun 25 Oct: next week starts Mon 26
  ["today", "en", "Europe/Berlin", BERLIN_BEFORE_SPRING, "2026-03-28"], // today Sat 28 Mar (23:30 CET)
  ["다음 주 월요일", "ko", "Europe/Berlin", BERLIN_SPRING_NIGHT, "2026-03-30"], // today Sun 29 Mar (00:30 CET)
];

describe("readDate reads a whole phrase as one calendar date", () => {
  test.each(dates)("GIVEN %j (%s, %s, now %s) THEN %s", (phrase, locale, timeZone, now, expected) => {
    expect(readDate(phrase, { now: new Date(now), timeZone, locale })).toEqual({ kind: "date", date: expected });
  });
});

const ambiguous: [phrase: string, locale: DateLocale, readings: string[]][] = [
  // All today Fri 27 Nov 2026 in UTC; month-first is offered first in every locale.
  ["05/12/2026", "en", ["2026-05-12", "2026-12-05"]],
  ["5/12", "en", ["2027-05-12", "2026-12-05"]], // 12 May has passed this year, 5 Dec has not
  ["12/5", "ko", ["2026-12-05", "2027-05-12"]],
  ["05.12.2026", "zh-CN", ["2026-05-12", "2026-12-05"]],
  ["０５／１２／２０２６", "zh-TW", ["2026-05-12", "2026-12-05"]], // full-width
  ["3/4/26", "en", ["2026-03-04", "2026-04-03"]], // two-digit year
];

describe("readDate asks when day and month could be swapped", () => {
  test.each(ambiguous)("GIVEN %j (%s) THEN both readings", (phrase, locale, readings) => {
    expect(readDate(phrase, { now: new Date(FRI), timeZone: "UTC", locale })).toEqual({ kind: "ambiguous", readings });
  });
});

const unreadable: [text: string, locale: DateLocale, phrase: string][] = [
  ["acme next fri", "en", "acme next fri"], // a date inside other words is not a date
  ["soonish", "en", "soonish"],
  ["2026-02-30", "en", "2026-02-30"], // no such day
  ["13/13", "en", "13/13"],
  ["2/30", "zh-CN", "2/30"],
  ["客户下周五", "zh-CN", "客户下周五"],
  ["明年某天", "zh-TW", "明年某天"],
  ["금", "ko", "금"], // a bare syllable is too easily another word
  [" 내일쯤 ", "ko", "내일쯤"], // the phrase is quoted trimmed, as typed
  ["2026년 2월 30일", "ko", "2026년 2월 30일"],
  ["   ", "en", ""],
];

describe("readDate names the whole phrase it could not read", () => {
  test.each(unreadable)("GIVEN %j (%s) THEN unreadable", (text, locale, phrase) => {
    expect(readDate(text, { now: new Date(FRI), timeZone: "UTC", locale })).toEqual({ kind: "unreadable", phrase });
  });
});

const followUps: [phrase: string, locale: DateLocale, timeZone: string, expected: object][] = [
  // All today Fri 27 Nov 2026 (FRI).
  ["2025-12-01", "en", "UTC", { kind: "past", date: "2025-12-01", daysAgo: 361 }], // a year-old typo
  ["3 days ago", "en", "UTC", { kind: "past", date: "2026-11-24", daysAgo: 3 }],
  ["어제", "ko", "Asia/Seoul", { kind: "past", date: "2026-11-26", daysAgo: 1 }],
  ["지난주 금요일", "ko", "Asia/Seoul", { kind: "past", date: "2026-11-20", daysAgo: 7 }],
  ["上周五", "zh-CN", "Asia/Shanghai", { kind: "past", date: "2026-11-20", daysAgo: 7 }],
  ["這週三", "zh-TW", "Asia/Taipei", { kind: "past", date: "2026-11-25", daysAgo: 2 }],
  ["오늘", "ko", "Asia/Seoul", { kind: "date", date: "2026-11-27" }], // today is not past
  ["明天", "zh-CN", "Asia/Shanghai", { kind: "date", date: "2026-11-28" }],
];

describe("readDate questions a follow-up before today", () => {
  test.each(followUps)("GIVEN follow-up %j (%s, %s) THEN %o", (phrase, locale, timeZone, expected) => {
    expect(readDate(phrase, { now: new Date(FRI), timeZone, locale, purpose: "follow-up" })).toEqual(expected);
  });

  test("GIVEN a past date for any other purpose THEN it is taken as it is", () => {
    expect(readDate("2025-12-01", { now: new Date(FRI), timeZone: "UTC", locale: "en", purpose: "any" })).toEqual({ kind: "date", date: "2025-12-01" });
    expect(readDate("어제", { now: new Date(FRI), timeZone: "Asia/Seoul", locale: "ko" })).toEqual({ kind: "date", date: "2026-11-26" });
  });
});
