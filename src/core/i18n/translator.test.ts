import { expect, test } from "vitest";
import { createTranslator, isMessageKey } from "./translator.js";
import type { Locale } from "./locale.js";

test.each<[Locale, number, string]>([
  ["en", 1, "1 customer"],
  ["en", 2, "2 customers"],
  ["en", 0, "0 customers"],
  ["zh-CN", 1, "1 家客户"],
  ["zh-CN", 12, "12 家客户"],
  ["zh-TW", 1, "1 家客戶"],
  ["ko", 1, "거래처 1곳"],
  ["ko", 1200, "거래처 1,200곳"],
])("GIVEN %s and %i customers THEN %j", (locale, count, expected) => {
  expect(createTranslator(locale)("count.customers", { count })).toBe(expected);
});

test.each<[Locale, string]>([
  ["en", "Customers matching \"宏达\""],
  ["zh-CN", "与“宏达”匹配的客户"],
  ["zh-TW", "符合「宏达」的客戶"],
  ["ko", "“宏达”에 해당하는 거래처"],
])("GIVEN %s THEN the search heading quotes the query: %s", (locale, expected) => {
  expect(createTranslator(locale)("heading.customersMatching", { query: "宏达" })).toBe(expected);
});

test.each<[Locale, string, string]>([
  ["en", "admin", "Only an admin can do this."],
  ["en", "owner", "Only the customer owner, a manager or an admin can do this."],
  ["zh-CN", "manager", "只有销售经理或管理员可以执行此操作。"],
  ["zh-TW", "admin", "只有管理員可以執行這項操作。"],
  ["ko", "admin", "이 작업은 관리자만 수행할 수 있습니다."],
])("GIVEN %s and role %s THEN the select picks %j", (locale, role, expected) => {
  expect(createTranslator(locale)("error.permissionDeniedRole", { role })).toBe(expected);
});

test("an exact =0 branch wins over other", () => {
  expect(createTranslator("en")("count.followUpsDue", { count: 0 })).toBe("Nothing due. All clear.");
  expect(createTranslator("ko")("count.followUpsDue", { count: 3 })).toBe("연락할 거래처 3곳");
});

test("the translator knows its locale and falls back to English for a stale value", () => {
  expect(createTranslator("zh-TW").locale).toBe("zh-TW");
  const stale = createTranslator("fr" as Locale);
  expect(stale.locale).toBe("en");
  expect(stale("button.undo")).toBe("Undo");
});

test("a missing placeholder value is a caller bug and throws", () => {
  expect(() => createTranslator("en")("error.apology")).toThrow(/errorId/);
});

test("compiled messages are reused: a second translator formats the same", () => {
  const first = createTranslator("zh-CN");
  const second = createTranslator("zh-CN");
  expect(first("paging.pageOf", { page: 2, pages: 5 })).toBe("第 2 页，共 5 页");
  expect(second("paging.pageOf", { page: 3, pages: 5 })).toBe("第 3 页，共 5 页");
});

test("isMessageKey guards keys built at run time", () => {
  expect(isMessageKey("error.busy")).toBe(true);
  expect(isMessageKey("error.nope")).toBe(false);
  expect(isMessageKey("toString")).toBe(false);
});
