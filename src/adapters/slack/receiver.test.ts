import { describe, expect, test } from "vitest";
import { timestampProblem } from "./receiver.js";

describe("timestampProblem", () => {
  const now = 1_700_000_000_000;
  test.each<[string, string | undefined, string | undefined]>([
    ["now", "1700000000", undefined],
    ["300 s old", "1699999700", undefined],
    ["300 s ahead", "1700000300", undefined],
    ["301 s old", "1699999699", "too old"],
    ["301 s ahead", "1700000301", "in the future"],
    ["missing", undefined, "missing or malformed"],
    ["not a number", "12abc", "missing or malformed"],
    ["negative", "-5", "missing or malformed"],
  ])("GIVEN a timestamp %s THEN %s", (_name, header, expected) => {
    expect(timestampProblem(header, 300, now)).toEqual(expected);
  });
});
