import { describe, expect, test } from "vitest";
import { dealReference, effectiveStatus, formatQuoteNumber, isValidQuotePrefix, lineAmount, netUnitPrice, quotePrefixFor, quoteTotals, readPercent, readValidityDays, splitQuoteLines } from "./quotes.js";

describe("splitQuoteLines", () => {
  test("GIVEN lines separated by ; or newlines THEN SKU, quantity, price, discount and description are read", () => {
    expect(splitQuoteLines("WID-100 10 12.50 5% Widget blue; WID-200 2 400\nSVC-1 1 ¥800 安装服务")).toEqual({
      lines: [
        { sku: "WID-100", quantity: 10, price: "12.50", discountBp: 500, description: "Widget blue" },
        { sku: "WID-200", quantity: 2, price: "400", discountBp: 0 },
        { sku: "SVC-1", quantity: 1, price: "¥800", discountBp: 0, description: "安装服务" },
      ],
      problems: [],
    });
  });

  test.each([
    ["WID-1 2", "incomplete"],
    ["WID-1 -2 10", "quantity"],
    ["WID-1 0 10", "quantity"],
    ["WID-1 2 10 150%", "discount"],
  ])("GIVEN %s THEN the problem is %s", (text, kind) => {
    expect(splitQuoteLines(text).problems.map((problem) => problem.kind)).toEqual([kind]);
  });

  test("GIVEN full-width digits and percent THEN they read as half-width", () => {
    expect(splitQuoteLines("A-1 １０ 5 ５％").lines[0]).toMatchObject({ quantity: 10, discountBp: 500 });
  });
});

describe("totals", () => {
  test("GIVEN a discount and tax THEN line = qty × price × (1 − discount), tax rounded to the minor unit", () => {
    const lines = [
      { quantity: 10, unitPrice: 1250, discountBp: 500 },
      { quantity: 2, unitPrice: 40_000, discountBp: 0 },
    ];
    expect(lines.map(lineAmount)).toEqual([11875, 80000]);
    expect(quoteTotals(lines, 1300)).toEqual({ subtotal: 91875, tax: 11944, total: 103819 });
    expect(netUnitPrice(lines[0]!)).toBe(1188);
  });
});

describe("reading values", () => {
  test.each([
    ["13%", 1300],
    ["12.5 %", 1250],
    ["１３％", 1300],
    ["0", 0],
    ["101%", null],
    ["abc", null],
  ])("readPercent(%s) = %s", (text, bp) => expect(readPercent(text)).toBe(bp));

  test.each([
    ["30d", 30],
    ["30", 30],
    ["30天", 30],
    ["14일", 14],
    ["0d", null],
    ["2026-12-01", null],
  ])("readValidityDays(%s) = %s", (text, days) => expect(readValidityDays(text)).toBe(days));

  test.each([
    ["#D12", 12],
    ["D12", 12],
    ["deal:12", 12],
    ["deal 12", 12],
    ["acme", null],
    ["#12", null],
  ])("dealReference(%s) = %s", (text, id) => expect(dealReference(text)).toBe(id));
});

describe("numbering", () => {
  test("GIVEN no prefix THEN Q-{year}-0001; GIVEN QT-{year}/ THEN the year is filled in", () => {
    expect(formatQuoteNumber(quotePrefixFor(null, "2026-11-23"), 1)).toBe("Q-2026-0001");
    expect(formatQuoteNumber(quotePrefixFor("QT-{year}/", "2027-01-02"), 42)).toBe("QT-2027/0042");
    expect(isValidQuotePrefix("QT-{year}-")).toBe(true);
    expect(isValidQuotePrefix("bad prefix!")).toBe(false);
  });

  test("GIVEN a sent quote past its validity THEN it reads as expired", () => {
    expect(effectiveStatus({ status: "sent", validUntil: "2026-11-20" }, "2026-11-23")).toBe("expired");
    expect(effectiveStatus({ status: "accepted", validUntil: "2026-11-20" }, "2026-11-23")).toBe("accepted");
  });
});
