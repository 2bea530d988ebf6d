import { describe, expect, test } from "vitest";
import { inQuietHours, parseQuietHours, formatQuietHours, releaseAt, undoneCauses } from "./alerts.js";

describe("quiet hours", () => {
  test.each([
    ["22:00-07:00", { from: 1320, until: 420 }],
    ["9-17", { from: 540, until: 1020 }],
    ["０８：３０～１２：００", { from: 510, until: 720 }],
    ["22:00 - 07:00", { from: 1320, until: 420 }],
  ])("GIVEN %s THEN it reads as minutes after midnight", (text, expected) => {
    expect(parseQuietHours(text)).toEqual(expected);
  });

  test.each(["late", "25:00-07:00", "22:00-22:00", "22:61-07:00", ""])("GIVEN %j THEN it is refused", (text) => {
    expect(parseQuietHours(text)).toBeNull();
  });

  test("GIVEN hours over midnight THEN both ends are inside, the end itself is not", () => {
    const quiet = { from: 1320, until: 420 };
    expect([1319, 1320, 0, 419, 420].map((minute) => inQuietHours(minute, quiet))).toEqual([false, true, true, true, false]);
    expect(formatQuietHours(quiet)).toBe("22:00-07:00");
  });

  test("GIVEN an alert at 23:30 in Seoul THEN it is released at 07:00 Seoul; outside quiet hours at once", () => {
    const quiet = { from: 1320, until: 420 };
    expect(releaseAt(new Date("2026-11-23T14:30:00Z"), "Asia/Seoul", quiet)).toEqual(new Date("2026-11-23T22:00:00Z"));
    expect(releaseAt(new Date("2026-11-23T03:00:00Z"), "Asia/Seoul", quiet)).toEqual(new Date("2026-11-23T03:00:00Z"));
    expect(releaseAt(new Date("2026-11-23T14:30:00Z"), "Asia/Seoul", null)).toEqual(new Date("2026-11-23T14:30:00Z"));
  });

  test("GIVEN the night clocks go back in New York THEN the release is the first 07:00 local", () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST; 07:00 EST is 12:00 UTC.
    expect(releaseAt(new Date("2026-11-01T04:30:00Z"), "America/New_York", { from: 1320, until: 420 })).toEqual(new Date("2026-11-01T12:00:00Z"));
  });
});

test.each([
  ["payment.create", { paymentId: 12 }, ["payment:12"]],
  ["deal.change", { dealId: 5 }, ["deal:5"]],
  ["order.create", { orderId: 9, number: "SO-9" }, ["order:9"]],
  ["task.add", { taskId: 1 }, []],
])("GIVEN an undo of %s THEN its alerts' cause is %j", (kind, payload, causes) => {
  expect(undoneCauses(kind, payload)).toEqual(causes);
});
