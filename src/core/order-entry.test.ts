import { describe, expect, test } from "vitest";
import { creditCheck, customerWordsEnd, orderStatusOf, splitOrderLines, unshipped } from "./order-entry.js";

describe("splitOrderLines", () => {
  test.each([
    ["WID-100 10 12.50", [{ sku: "WID-100", quantity: 10, price: "12.50" }]],
    ["WID-100 10 12.50 standard widget; WID-200 2 ¥5万", [
      { sku: "WID-100", quantity: 10, price: "12.50", description: "standard widget" },
      { sku: "WID-200", quantity: 2, price: "¥5万" },
    ]],
    ["WID-100 10 1,200.50\nWID-200 2 400 heavy duty", [
      { sku: "WID-100", quantity: 10, price: "1,200.50" },
      { sku: "WID-200", quantity: 2, price: "400", description: "heavy duty" },
    ]],
    // Without separators a new line starts at a word followed by a quantity and a price.
    ["WID-100 10 12.50 WID-200 2 400", [
      { sku: "WID-100", quantity: 10, price: "12.50" },
      { sku: "WID-200", quantity: 2, price: "400" },
    ]],
    ["A-1 3 ₩5천만；B-2 1 100", [
      { sku: "A-1", quantity: 3, price: "₩5천만" },
      { sku: "B-2", quantity: 1, price: "100" },
    ]],
  ])("GIVEN %j THEN the lines are read", (typed, lines) => {
    expect(splitOrderLines(typed)).toEqual({ lines, problems: [] });
  });

  test("GIVEN an incomplete line or a bad quantity THEN each is a problem", () => {
    expect(splitOrderLines("WID-100 10; WID-200 two 400").problems).toEqual([
      { kind: "incomplete", text: "WID-100 10" },
      { kind: "quantity", text: "WID-200 two 400" },
    ]);
    expect(splitOrderLines("WID-100 0 5").problems).toEqual([{ kind: "quantity", text: "WID-100 0 5" }]);
  });
});

test.each([
  [["acme", "WID-100", "10", "12.50"], 1],
  [["Acme", "Corp", "WID-100", "10", "12.50;", "WID-200", "1", "4"], 2],
  [["#42", "X", "1", "5"], 1],
  [["acme"], -1],
])("customerWordsEnd(%j) = %i", (words, end) => {
  expect(customerWordsEnd(words)).toBe(end);
});

describe("creditCheck", () => {
  test("GIVEN no limit THEN nothing to check", () => {
    expect(creditCheck(null, { openReceivables: 10, openOrders: 10 }, 100)).toBeNull();
  });
  test("GIVEN exposure within the limit THEN it passes", () => {
    expect(creditCheck(1000, { openReceivables: 300, openOrders: 200 }, 500)).toBeNull();
  });
  test("GIVEN exposure over the limit THEN limit, exposure and excess are reported", () => {
    expect(creditCheck(1000, { openReceivables: 300, openOrders: 200 }, 600)).toEqual({ limit: 1000, exposure: 1100, excess: 100 });
  });
});

test("unshipped sums per SKU, case-insensitively, and drops what is done", () => {
  const lines = [
    { sku: "wid-100", description: null, quantity: 10, unitPrice: 1, shipped: 4 },
    { sku: "WID-100", description: null, quantity: 5, unitPrice: 1, shipped: 0 },
    { sku: "WID-200", description: null, quantity: 2, unitPrice: 1, shipped: 2 },
  ];
  expect([...unshipped(lines)]).toEqual([["WID-100", 11]]);
});

test.each([
  [{ total: 100, invoiced: 0, allShipped: false }, "confirmed"],
  [{ total: 100, invoiced: 0, allShipped: true }, "shipped"],
  [{ total: 100, invoiced: 100, allShipped: true }, "invoiced"],
  [{ total: 100, invoiced: 100, allShipped: false }, "confirmed"],
] as const)("orderStatusOf(%j) = %s", (state, status) => {
  expect(orderStatusOf(state)).toBe(status);
});
