import { describe, expect, test } from "vitest";
import { readWeekdays } from "../core/dates/weekdays.js";
import { describeWeekdays, fireInstant, nextFire, parseLocalTime } from "./schedule-time.js";

describe("fireInstant", () => {
  test.each([
    ["2026-11-23", "08:30", "Europe/Berlin", "2026-11-23T07:30:00.000Z"],
    ["2027-03-14", "02:30", "America/New_York", "2027-03-14T07:00:00.000Z"], // gap: at the jump (03:00 EDT)
    ["2027-03-28", "02:30", "Europe/Berlin", "2027-03-28T01:00:00.000Z"], // gap: 03:00 CEST
    ["2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00.000Z"], // overlap: first (EDT)
    ["2026-10-25", "02:30", "Europe/Berlin", "2026-10-25T00:30:00.000Z"], // overlap: first (CEST)
    ["2026-11-23", "23:59", "Asia/Kolkata", "2026-11-23T18:29:00.000Z"],
  ])("GIVEN %s %s in %s THEN %s", (date, time, zone, expected) => {
    expect(fireInstant(date, time, zone).toISOString()).toBe(expected);
  });
});

test.each([
  ["daily", [1, 2, 3, 4, 5, 6, 7]],
  ["weekdays", [1, 2, 3, 4, 5]],
  ["mon,wed,fri", [1, 3, 5]],
  ["fri-mon", [1, 5, 6, 7]],
  ["Tuesday", [2]],
  ["noday", null],
  ["mon,,tue", null],
])("readWeekdays(%j), as digest add reads it", (text, expected) => {
  expect(readWeekdays(text)).toEqual(expected);
});

test.each([
  ["8", "08:00"],
  ["08:30", "08:30"],
  ["8:30pm", "20:30"],
  ["12am", "00:00"],
  ["24:00", null],
  ["8:75", null],
  ["830", null],
])("parseLocalTime(%j)", (text, expected) => {
  expect(parseLocalTime(text)).toBe(expected);
});

test("nextFire skips days not chosen and slots already done", () => {
  const schedule = { localTime: "09:00", timeZone: "UTC", weekdays: [1, 3] };
  expect(nextFire(schedule, new Date("2026-11-23T08:00:00Z"))).toEqual({ date: "2026-11-23", at: new Date("2026-11-23T09:00:00Z") });
  expect(nextFire(schedule, new Date("2026-11-23T08:00:00Z"), new Set(["2026-11-23"]))?.date).toBe("2026-11-25");
  expect(describeWeekdays([1, 3])).toBe("mon, wed");
});
