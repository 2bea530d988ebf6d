import { describe, expect, test } from "vitest";
import { nextMonth, thisMonth, thisQuarter, yearBefore } from "./deal-periods.js";

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
