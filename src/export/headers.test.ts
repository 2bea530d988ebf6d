import { expect, test } from "vitest";
import { exportHeader } from "./headers.js";

test.each([
  ["credit_limit", "en", "credit_limit"],
  ["credit_limit", "zh-CN", "信用额度"],
  ["credit_limit", "zh-TW", "信用額度"],
  ["credit_limit", "ko", "여신 한도"],
  [">180", "ko", "연체 180일 초과"],
  ["a_column_no_catalog_names", "ko", "a_column_no_catalog_names"],
] as const)("GIVEN column %s in %s THEN the header is %s", (column, locale, header) => {
  expect(exportHeader(column, locale)).toBe(header);
});
