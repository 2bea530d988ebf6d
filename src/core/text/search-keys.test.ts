import { describe, expect, test } from "vitest";
import { buildSearchKeys, buildSearchQuery, cjkGrams } from "./search-keys.js";
import { normalizeText, phoneDigits } from "./normalize.js";

describe("normalizeText", () => {
  test.each([
    ["Müller GmbH", "muller gmbh"],
    ["  ACME   Corp ", "acme corp"],
    ["上海宏達貿易有限公司", "上海宏达贸易有限公司"],
    ["삼성전자", "삼성전자"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
    ["Straße", "strasse"],
    ["ㅅㅅㅈㅈ", "ㅅㅅㅈㅈ"],
  ])("GIVEN %s THEN %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

test("phone digits drop punctuation", () => {
  expect(phoneDigits("+1 (555) 010-2030")).toBe("15550102030");
});

test("CJK grams are unigrams and bigrams of each run", () => {
  expect(cjkGrams("宏达 abc 贸易")).toEqual(["宏", "宏达", "达", "贸", "贸易", "易"]);
});

test("search keys carry pinyin, initials, Hangul initials, emails and phone digits", () => {
  const keys = buildSearchKeys({
    name: "上海宏達貿易有限公司",
    aliases: ["Hongda Trading"],
    email: "Sales@Hongda.cn",
    phone: "+86 21-5555 0101",
    contacts: [{ name: "김민준", phone: "010-1234-5678" }],
  });
  expect(keys.searchName).toBe("上海宏达贸易有限公司");
  expect(keys.searchDoc).toContain("shanghaihongdamaoyiyouxiangongsi");
  expect(keys.searchDoc).toContain("shhdmyyxgs");
  expect(keys.searchDoc).toContain("sales@hongda.cn");
  expect(keys.searchGrams).toEqual(expect.arrayContaining(["宏达", "김민", "ㄱㅁ", "ㄱㅁㅈ".slice(1)]));
  expect(keys.searchPhones).toBe("862155550101 01012345678");
});

describe("buildSearchQuery", () => {
  test("a 2-character Traditional query becomes its Simplified bigram", () => {
    expect(buildSearchQuery("宏達")).toEqual({ text: "宏达", grams: ["宏达"], digits: "" });
  });
  test("a single CJK character is searched as a unigram", () => {
    expect(buildSearchQuery("宏").grams).toEqual(["宏"]);
  });
  test("a phone-looking query yields digits", () => {
    expect(buildSearchQuery("(555) 010").digits).toBe("555010");
  });
  test("a Latin word is not treated as a phone number", () => {
    expect(buildSearchQuery("acme 1").digits).toBe("");
  });
});
