/**
 * Every message in every catalog must parse as ICU MessageFormat and use exactly the placeholders
 * English uses (same names, same kinds): a translator who drops `{query}`, adds `{name}` or turns a
 * plural into plain text fails here rather than in front of a customer. Missing keys fail `tsc`
 * (catalogs are typed Record<MessageKey, string>); extra keys fail the key-set test below.
 */
import { describe, expect, test } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { CATALOGS, type MessageKey } from "./catalogs/index.js";
import { en } from "./catalogs/en.js";
import { LOCALES } from "./locale.js";

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: "argument",
  [TYPE.number]: "number",
  [TYPE.date]: "date",
  [TYPE.time]: "time",
  [TYPE.select]: "select",
  [TYPE.plural]: "plural",
  [TYPE.tag]: "tag",
};

/** "name:kind" for every placeholder, including those nested in plural and select branches. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    const kind = KIND[element.type];
    if (kind && "value" in element) found.add(`${element.value}:${kind}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

const englishKeys = Object.keys(en).sort();
const rows = LOCALES.flatMap((locale) => Object.keys(CATALOGS[locale]).map((key) => [locale, key as MessageKey] as const));

describe.each(LOCALES)("catalog %s", (locale) => {
  test("has exactly the English key set", () => {
    expect(Object.keys(CATALOGS[locale]).sort()).toEqual(englishKeys);
  });
});

test.each(rows)("%s %s parses as ICU and has the English placeholders", (locale, key) => {
  const message = CATALOGS[locale][key];
  const expected = [...placeholders(parse(en[key], { requiresOtherClause: true }))].sort();
  const actual = [...placeholders(parse(message, { requiresOtherClause: true }))].sort();
  expect(actual).toEqual(expected);
  expect(message.trim()).not.toBe("");
});

test("Chinese and Korean plurals use only `other` (and exact =N), as CLDR has no `one` for them", () => {
  for (const locale of ["zh-CN", "zh-TW", "ko"] as const) {
    for (const [key, message] of Object.entries(CATALOGS[locale])) {
      expect({ key, message }).toEqual({ key, message: expect.not.stringMatching(/\b(one|two|few|many)\s*\{/) });
    }
  }
});

test("Chinese catalogs write punctuation full-width and keep their own quote marks", () => {
  for (const [locale, quotes] of [["zh-CN", /[「」]/], ["zh-TW", /[“”]/]] as const) {
    for (const message of Object.values(CATALOGS[locale])) {
      expect(message).not.toMatch(/[\p{Script=Han}][,.:;!?]/u);
      expect(message).not.toMatch(quotes);
      expect(message).not.toMatch(/"/);
    }
  }
});

test("the placeholder comparison itself catches a renamed, dropped or retyped placeholder", () => {
  const of = (message: string) => [...placeholders(parse(message, { requiresOtherClause: true }))].sort();
  expect(of("与“{name}”匹配的客户")).not.toEqual(of("Customers matching \"{query}\""));
  expect(of("第 {page} 页")).not.toEqual(of("Page {page} of {pages}"));
  expect(of("{count} 家客户")).not.toEqual(of("{count, plural, one {# customer} other {# customers}}"));
  expect(of("{count, plural, other {# 家客户 {query}}}")).toEqual(["count:plural", "query:argument"]);
});
