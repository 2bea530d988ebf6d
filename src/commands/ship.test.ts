import { expect, test } from "vitest";
import { readShipLines } from "./ship.js";

test.each([
  ["WID-100 40", [{ sku: "WID-100", quantity: 40 }]],
  ["WID-100 40; WID-200 2", [{ sku: "WID-100", quantity: 40 }, { sku: "WID-200", quantity: 2 }]],
  ["WID-100 40\nWID-200 2", [{ sku: "WID-100", quantity: 40 }, { sku: "WID-200", quantity: 2 }]],
  ["WID-100 40，WID-200 2", [{ sku: "WID-100", quantity: 40 }, { sku: "WID-200", quantity: 2 }]],
  ["WID-100", null],
  ["WID-100 forty", null],
  ["WID-100 0", null],
])("GIVEN %j THEN the SKU and quantity pairs are %j", (typed, lines) => {
  expect(readShipLines(typed)).toEqual(lines);
});
