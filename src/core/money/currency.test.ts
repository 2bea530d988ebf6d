import { describe, expect, test } from "vitest";
import { decimalToMinor, formatMoney, isCurrencyCode, minorToDecimal, minorToSafeNumber, minorUnitDigits } from "./currency.js";
import { readAmount } from "./read-amount.js";

describe("minorUnitDigits", () => {
  // Pinned: if an ICU upgrade ever changed one of these, every stored amount in it would rescale.
  test.each([
    ["KRW", 0],
    ["JPY", 0],
    ["CNY", 2],
    ["TWD", 2],
    ["HKD", 2],
    ["USD", 2],
    ["EUR", 2],
    ["BHD", 3],
  ])("GIVEN %s THEN %i digits", (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });

  test("GIVEN an unknown code THEN it throws rather than guessing two digits", () => {
    expect(() => minorUnitDigits("XYZ")).toThrow(RangeError);
  });
});

test.each([
  ["KRW", true],
  ["TWD", true],
  ["krw", false],
  ["RMB", false],
  ["XYZ", false],
  ["", false],
])("isCurrencyCode(%j) is %s", (value, expected) => {
  expect(isCurrencyCode(value)).toBe(expected);
});

describe("decimalToMinor and minorToDecimal", () => {
  test.each([
    ["12345.5", "CNY", 1_234_550n, "12345.50"],
    ["0.01", "USD", 1n, "0.01"],
    ["0", "EUR", 0n, "0.00"],
    ["-12.5", "USD", -1_250n, "-12.50"],
    ["-0.05", "USD", -5n, "-0.05"],
    ["33000", "KRW", 33_000n, "33000"],
    ["1000.00", "KRW", 1_000n, "1000"],
    ["9007199254740993", "JPY", 9_007_199_254_740_993n, "9007199254740993"],
    ["90071992547409.93", "TWD", 9_007_199_254_740_993n, "90071992547409.93"],
    ["1.005", "BHD", 1_005n, "1.005"],
  ])("GIVEN %s %s THEN %s minor units, shown back as %s", (decimal, currency, minor, back) => {
    expect(decimalToMinor(decimal, currency)).toEqual({ ok: true, minor });
    expect(minorToDecimal(minor, currency)).toBe(back);
  });

  test.each([
    ["1000.5", "KRW", "too-many-decimals"],
    ["0.001", "USD", "too-many-decimals"],
    ["1,000", "USD", "not-a-decimal"],
    ["1e3", "USD", "not-a-decimal"],
    ["", "USD", "not-a-decimal"],
  ])("GIVEN %s %s THEN %s", (decimal, currency, reason) => {
    expect(decimalToMinor(decimal, currency)).toEqual({ ok: false, reason });
  });

  test("GIVEN a number above 2^53 THEN it is refused, not rounded", () => {
    expect(() => minorToDecimal(2 ** 53, "USD")).toThrow(RangeError);
    expect(minorToSafeNumber(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(minorToSafeNumber(9_007_199_254_740_993n)).toBeNull();
  });
});

describe("formatMoney", () => {
  // Exact strings from Node 20's ICU (78.2), read one by one. Note zh-TW prints TWD as a bare "$" and
  // KRW with the full-width "￦"; zh-CN prints CNY as "¥" and JPY as "JP¥"; en prints TWD as "NT$".
  test.each([
    ["en", "USD", 123_456_789n, "$1,234,567.89"],
    ["en", "CNY", 123_456_789n, "CN¥1,234,567.89"],
    ["en", "TWD", 1_234_500n, "NT$12,345.00"],
    ["en", "HKD", 50_000n, "HK$500.00"],
    ["en", "KRW", 33_000n, "₩33,000"],
    ["en", "JPY", 1_234_567n, "¥1,234,567"],
    ["en", "EUR", 99n, "€0.99"],
    ["zh-CN", "CNY", 1_234_500n, "¥12,345.00"],
    ["zh-CN", "USD", 1_234_500n, "US$12,345.00"],
    ["zh-CN", "TWD", 1_234_500n, "NT$12,345.00"],
    ["zh-CN", "HKD", 1_234_500n, "HK$12,345.00"],
    ["zh-CN", "KRW", 50_000_000n, "₩50,000,000"],
    ["zh-CN", "JPY", 50_000n, "JP¥50,000"],
    ["zh-CN", "EUR", 1_234_500n, "€12,345.00"],
    ["zh-TW", "TWD", 1_234_500n, "$12,345.00"],
    ["zh-TW", "CNY", 1_234_500n, "CN¥12,345.00"],
    ["zh-TW", "USD", 1_234_500n, "US$12,345.00"],
    ["zh-TW", "HKD", 1_234_500n, "HK$12,345.00"],
    ["zh-TW", "KRW", 33_000n, "￦33,000"],
    ["zh-TW", "JPY", 50_000n, "¥50,000"],
    ["zh-TW", "EUR", 1_234_500n, "€12,345.00"],
    ["ko", "KRW", 33_000n, "₩33,000"],
    ["ko", "KRW", 50_000_000n, "₩50,000,000"],
    ["ko", "USD", 120_000n, "US$1,200.00"],
    ["ko", "CNY", 1_234_500n, "CN¥12,345.00"],
    ["ko", "TWD", 1_234_500n, "NT$12,345.00"],
    ["ko", "HKD", 1_234_500n, "HK$12,345.00"],
    ["ko", "JPY", 50_000n, "JP¥50,000"],
    ["ko", "EUR", 1_234_500n, "€12,345.00"],
    ["en", "USD", -1_250n, "-$12.50"],
    ["ko", "KRW", -33_000n, "-₩33,000"],
    ["zh-CN", "CNY", 0n, "¥0.00"],
    // Beyond 2^53 the digits stay exact; a float would print ...992.
    ["en", "JPY", 9_007_199_254_740_993n, "¥9,007,199,254,740,993"],
    ["zh-CN", "CNY", 12_345_678_901_234_567_891n, "¥123,456,789,012,345,678.91"],
  ])("GIVEN %s and %s THEN %s minor units show as %s", (locale, currency, minor, shown) => {
    expect(formatMoney(minor, currency, locale)).toBe(shown);
  });

  test("GIVEN a number instead of a bigint THEN the same string", () => {
    expect(formatMoney(1_234_500, "CNY", "zh-CN")).toBe("¥12,345.00");
  });

  test.each([
    [123_456, "USD", "$1,234.56"],
    [33_000, "KRW", "₩33,000"],
    [1_234_500, "TWD", "NT$12,345.00"],
    [50_000, "JPY", "¥50,000"],
  ])("GIVEN no locale THEN English: %i %s is %s", (minor, currency, shown) => {
    expect(formatMoney(minor, currency)).toBe(shown);
  });
});

describe("a KRW workspace", () => {
  // Issue 14: setting the workspace currency to KRW must not rescale stored amounts by 100.
  const stored = { minor: 33_000n, currency: "KRW" };

  test("GIVEN 33000 stored in KRW THEN it shows as ₩33,000 in Korean and English", () => {
    expect(formatMoney(stored.minor, stored.currency, "ko")).toBe("₩33,000");
    expect(formatMoney(stored.minor, stored.currency, "en")).toBe("₩33,000");
  });

  test("GIVEN 33,000 typed for a KRW customer THEN 33000 is stored, not 3300000", () => {
    expect(readAmount("33,000", { currency: "KRW", locale: "ko" })).toEqual({ kind: "amount", minor: 33_000n, currency: "KRW" });
  });

  test.each(["KRW", "USD", "CNY", "JPY"])(
    "GIVEN the workspace display currency changes to %s THEN the stored amount shows the same",
    (workspaceCurrency) => {
      // The display depends on the amount's own currency only; the workspace setting is not an input.
      const workspace = { currency: workspaceCurrency, locale: "ko" };
      expect(formatMoney(stored.minor, stored.currency, workspace.locale)).toBe("₩33,000");
      expect(minorToDecimal(stored.minor, stored.currency)).toBe("33000");
    },
  );

  test("GIVEN the same minor units in two currencies THEN each is scaled by its own minor units", () => {
    expect(formatMoney(33_000n, "KRW", "ko")).toBe("₩33,000");
    expect(formatMoney(33_000n, "USD", "ko")).toBe("US$330.00");
  });
});
