import { describe, expect, test } from "vitest";
import { columnWidths, displayWidth, formatTable, padToWidth, truncateToWidth, type Align } from "./table-width.js";

describe("displayWidth", () => {
  test.each([
    ["acme", 4],
    ["宏达", 4],
    ["鴻海精密", 8],
    ["삼성전자", 8],
    ["ＡＢＣ", 6],
    ["👍", 2],
    ["👨‍👩‍👧", 2],
    ["🇰🇷", 2],
    ["e\u0301", 1],
    ["¥50,000", 7],
    ["₩50,000,000", 11],
    ["NT$30,000", 9],
    ["", 0],
  ] as const)("GIVEN %j THEN %i cells", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("padToWidth", () => {
  test.each<[string, number, Align, string]>([
    ["宏达", 6, "left", "宏达  "],
    ["宏达", 6, "right", "  宏达"],
    ["宏达", 7, "center", " 宏达  "],
    ["삼성", 5, "left", "삼성 "],
    ["👍", 4, "right", "  👍"],
    ["acme", 6, "left", "acme  "],
    ["上海宏达贸易", 4, "left", "上海宏达贸易"],
  ])("GIVEN %j to %i %s THEN %j", (text, width, align, expected) => {
    expect(padToWidth(text, width, align)).toBe(expected);
  });
});

test("columnWidths takes the widest cell per column, rows of any length", () => {
  expect(columnWidths([["Customer", "Balance"], ["上海宏达", "¥50,000"], ["삼성전자", "₩50,000,000", "🔥"]])).toEqual([8, 11, 2]);
  expect(columnWidths([])).toEqual([]);
});

describe("truncateToWidth", () => {
  test.each([
    ["上海宏达贸易有限公司", 9, "上海宏达…"],
    ["上海宏达贸易有限公司", 8, "上海宏…"],
    ["삼성전자주식회사", 7, "삼성전…"],
    ["acme corporation", 8, "acme co…"],
    ["👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", 5, "👨‍👩‍👧👨‍👩‍👧…"],
    ["宏达", 4, "宏达"],
    ["宏达", 0, ""],
  ] as const)("GIVEN %j in %i cells THEN %j", (text, width, expected) => {
    expect(truncateToWidth(text, width)).toBe(expected);
    expect(displayWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
  });
});

test("formatTable lines up Chinese, Korean, emoji and Latin columns by display width", () => {
  const lines = formatTable(
    [
      ["客户", "负责人", "逾期金额"],
      ["上海宏达", "陈伟", "¥50,000.00"],
      ["Acme", "Alice", "$1,200.00"],
      ["삼성전자 🔥", "김민지", "₩50,000,000"],
    ],
    { align: ["left", "left", "right"] },
  );
  expect(lines).toEqual([
    "客户         负责人     逾期金额",
    "上海宏达     陈伟     ¥50,000.00",
    "Acme         Alice     $1,200.00",
    "삼성전자 🔥  김민지  ₩50,000,000",
  ]);
  // Every line ends in the same column.
  expect(new Set(lines.map(displayWidth))).toEqual(new Set([32]));
});

test("formatTable trims trailing spaces and caps columns", () => {
  expect(formatTable([["名称", "备注"], ["鴻海精密工業股份有限公司", "x"]], { maxWidths: [10] })).toEqual([
    "名称       备注",
    "鴻海精密…  x",
  ]);
});
