import { describe, expect, test } from "vitest";
import { isWholeMonths, nextMonth, thisMonth, thisQuarter, yearBefore } from "./deal-periods.js";

describe("deal windows", () => {
  test.each([
    ["2026-11-23", { from: "2026-11-01", to: "2026-11-30" }, { from: "2026-12-01", to: "2026-12-31" }, { from: "2026-10-01", to: "2026-12-31" }],
    ["2026-12-31", { from: "2026-12-01", to: "2026-12-31" }, { from: "2027-01-01", to: "2027-01-31" }, { from: "2026-10-01", to: "2026-12-31" }],
    ["2028-02-10", { from: "2028-02-01", to: "2028-02-29" }, { from: "2028-03-01", to: "2028-03-31" }, { from: "2028-01-01", to: "2028-03-31" }],
  ])("GIVEN %s THEN this month, next month and the quarter", (today, month, next, quarter) => {
    expect(thisMonth(today)).toEqual(month);
    expect(nextMonth(today)).toEqual(next);
    expect(thisQuarter(today)).toEqual(quarter);
  });

  test("GIVEN February of a leap year THEN a year earlier ends on the 28th", () => {
    expect(yearBefore({ from: "2028-02-01", to: "2028-02-29" })).toEqual({ from: "2027-02-01", to: "2027-02-28" });
  });
});

describe("isWholeMonths", () => {
  test.each([
    ["2026-11-01", "2026-11-30", true],
    ["2026-10-01", "2026-12-31", true],
    ["2028-02-01", "2028-02-29", true],
    ["2026-11-01", "2026-11-27", false],
    ["2026-11-02", "2026-11-30", false],
    ["2026-12-01", "2026-11-30", false],
  ])("GIVEN %s..%s THEN %s", (from, to, whole) => {
    expect(isWholeMonths({ from, to })).toBe(whole);
  });
});
