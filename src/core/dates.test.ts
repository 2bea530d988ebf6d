import { describe, expect, test } from "vitest";
import { endOfWeek, parseCalendarDate, todayIn } from "./dates.js";

// 2026-11-23 is a Monday. 23:30 UTC is already Tuesday in Shanghai.
const now = new Date("2026-11-23T23:30:00Z");

describe("parseCalendarDate in the member's zone", () => {
  test.each([
    ["tomorrow", "UTC", "2026-11-24"],
    ["tomorrow", "Asia/Shanghai", "2026-11-25"],
    ["in 3 days", "UTC", "2026-11-26"],
    ["fri", "UTC", "2026-11-27"],
    // chrono reads "next fri" as the Friday of next week.
    ["next fri", "UTC", "2026-12-04"],
    ["2026-12-01", "UTC", "2026-12-01"],
    ["today", "America/Los_Angeles", "2026-11-23"],
  ])("GIVEN %s in %s THEN %s", (text, timeZone, expected) => {
    expect(parseCalendarDate(text, { timeZone, now })).toBe(expected);
  });
  test.each(["acme next fri", "soonish", "2026-02-30", ""])("GIVEN %j THEN null", (text) => {
    expect(parseCalendarDate(text, { timeZone: "UTC", now })).toBeNull();
  });
});

test("todayIn uses the zone", () => {
  expect(todayIn("Asia/Seoul", now)).toBe("2026-11-24");
  expect(todayIn("UTC", now)).toBe("2026-11-23");
});

test.each([
  ["Asia/Shanghai", "2026-11-24T15:59:59.999Z", "2026-11-24T16:00:00.000Z", "2026-11-24", "2026-11-25"],
  ["Asia/Kolkata", "2026-11-24T18:29:59.000Z", "2026-11-24T18:30:00.000Z", "2026-11-24", "2026-11-25"],
  ["America/New_York", "2026-11-25T04:59:59.500Z", "2026-11-25T05:00:00.000Z", "2026-11-24", "2026-11-25"],
])("GIVEN the last instant of a day in %s THEN todayIn moves to the next day at the very next second", (zone, before, after, dayBefore, dayAfter) => {
  // Asked twice within the same second (the remembered answer), then at midnight there.
  expect(todayIn(zone, new Date(before))).toBe(dayBefore);
  expect(todayIn(zone, new Date(before))).toBe(dayBefore);
  expect(todayIn(zone, new Date(after))).toBe(dayAfter);
  expect(todayIn(zone, new Date(before))).toBe(dayBefore);
});

test("endOfWeek is the Sunday", () => {
  expect(endOfWeek("2026-11-23")).toBe("2026-11-29");
  expect(endOfWeek("2026-11-29")).toBe("2026-11-29");
});
