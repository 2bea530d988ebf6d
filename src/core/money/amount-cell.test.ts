import { describe, expect, test } from "vitest";
import { amountToMinor, compareDecimals, currencyOfCell, decimalOfCell } from "./amount-cell.js";

describe("import amount cells", () => {
  test.each([
    ["$1,250.50", "1250.50"],
    ["USD 1250.5", "1250.5"],
    ["₩33,000", "33000"],
    ["33000 KRW", "33000"],
    ["-5", "-5"],
    ["twelve", null],
  ])("GIVEN the cell %s THEN its exact decimal is %s", (cell, decimal) => {
    expect(decimalOfCell(cell)).toBe(decimal);
  });

  test.each([
    ["33000", "KRW", { minor: 33000 }],
    ["1,250.50", "CNY", { minor: 125050 }],
    ["₩33,000", "KRW", { minor: 33000 }],
    ["¥1,250.50", "CNY", { minor: 125050 }],
    ["1000.00", "KRW", { minor: 1000 }],
  ])("GIVEN %s in %s THEN minor units %o", (text, currency, expected) => {
    expect(amountToMinor("total", { text, decimal: decimalOfCell(text)! }, currency)).toEqual(expected);
  });

  test("GIVEN a sign of another currency or decimals a currency lacks THEN a problem naming the field", () => {
    expect(amountToMinor("total", { text: "₩500", decimal: "500" }, "CNY")).toEqual({
      problem: { key: "import.row.currencyConflict", values: { field: "total", value: "₩500", written: "KRW", expected: "CNY" } },
    });
    expect(amountToMinor("total", { text: "100.5", decimal: "100.5" }, "KRW")).toEqual({ problem: { key: "import.row.amount", values: { field: "total", value: "100.5" } } });
  });

  test("GIVEN currency cells THEN codes in any case, empty as null, unknown as undefined", () => {
    expect([currencyOfCell("krw"), currencyOfCell(" "), currencyOfCell("XYZ")]).toEqual(["KRW", null, undefined]);
  });

  test("GIVEN decimals of different scales THEN they compare exactly", () => {
    expect([compareDecimals("1250.5", "1250.50"), compareDecimals("0.10", "0.09"), compareDecimals("9007199254740993", "9007199254740992.99")]).toEqual([0, 1, 1]);
  });
});
