import { expect, test } from "vitest";
import { nationalNumber, phoneGrams, phoneKeys } from "./phone-keys.js";

test.each([
  ["+86 21 6258 3371", "2162583371"],
  ["021-6258-3371", "2162583371"],
  ["+82 31-200-1114", "312001114"],
  ["031-200-1114", "312001114"],
  ["+84 28 3823 4567", "2838234567"],
  ["0086 21 6258 3371", "2162583371"],
  ["+49 (0)30 1234567", "301234567"],
  ["６２５８ ３３７１", "62583371"],
  ["+1 (617) 555-0101", "6175550101"],
])("GIVEN %s THEN the national number is %s", (raw, national) => {
  expect(nationalNumber(raw)).toBe(national);
});

test("a phone is stored as its digits and its national number", () => {
  expect(phoneKeys("+86 21 6258 3371")).toEqual(["862162583371", "2162583371"]);
  expect(phoneKeys("62583371")).toEqual(["62583371"]);
  expect(phoneKeys("n/a")).toEqual([]);
});

test("a phone's gram elements are its national number and its last 8 and 7 digits", () => {
  expect(phoneGrams("+86 21 6258 3371")).toEqual(["tel:2162583371", "tel:62583371", "tel:2583371"]);
  expect(phoneGrams("555-0101")).toEqual(["tel:5550101"]);
  expect(phoneGrams("12345")).toEqual([]);
});
