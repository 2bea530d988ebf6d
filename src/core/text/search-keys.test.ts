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
    ["Đông Á", "dong a"],
  ])("GIVEN %s THEN %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

test("phone digits drop punctuation and read full-width digits", () => {
  expect(phoneDigits("+1 (555) 010-2030")).toBe("15550102030");
  expect(phoneDigits("６２５８ ３３７１")).toBe("62583371");
});

test("CJK grams are unigrams and bigrams of each run", () => {
  expect(cjkGrams("宏达 abc 贸易")).toEqual(["宏", "宏达", "达", "贸", "贸易", "易"]);
});

describe("buildSearchKeys", () => {
  const keys = buildSearchKeys({
    name: "上海宏達貿易有限公司",
    aliases: ["Hongda Trading", "LG"],
    email: "Sales@Hongda.cn",
    phone: "+86 21-5555 0101",
    contacts: [{ name: "김민준", phone: "010-1234-5678" }],
  });
  const [names, people, initials, addresses] = keys.searchDoc.split(" ~~ ");

  test("the names section starts with the name without its legal form, then the full name", () => {
    expect(names!.startsWith("| 上海宏达贸易 | 上海宏达贸易有限公司 |")).toBe(true);
    expect(keys.searchName).toBe("上海宏达贸易有限公司");
  });
  test("pinyin of the name without its legal form is a names entry", () => {
    expect(names).toContain("| shanghaihongdamaoyi |");
  });
  test("aliases are names entries", () => {
    expect(names).toContain("| hongda trading |");
  });
  test("contacts and their romanization form the second section", () => {
    expect(people).toContain("김민준");
    expect(people).toContain("gimminjun");
    expect(people).not.toContain("sales@hongda.cn");
  });
  test("website and emails form the fourth section, out of the typo text", () => {
    expect(addresses).toBe("sales@hongda.cn");
    expect(buildSearchKeys({ name: "Acme", aliases: [], website: "www.acme.example", contacts: [{ name: "Ann Lee", email: "ann@acme.example" }] }).searchDoc.split(" ~~ ")[3]).toBe(
      "www.acme.example ; ann@acme.example",
    );
  });
  test("pinyin and Hangul initials form the third section", () => {
    expect(initials!.split(" ; ")).toEqual(expect.arrayContaining(["shhdmy", "ㄱㅁㅈ"]));
  });
  test("grams hold CJK bigrams, initials bigrams and two-letter words", () => {
    expect(keys.searchGrams).toEqual(expect.arrayContaining(["宏达", "김민", "ㄱㅁ", "lg"]));
  });
  test("phones are stored as digits and national numbers", () => {
    expect(keys.searchPhones).toBe("862155550101 2155550101 01012345678 1012345678");
  });
  test("Korean names carry their romanizations and a spaced name its unspaced form", () => {
    const korean = buildSearchKeys({ name: "(주)한빛 소프트", aliases: [], contacts: [] });
    expect(korean.searchDoc.split(" ~~ ")[0]).toContain("| hanbit sopeuteu |");
    expect(korean.searchDoc.split(" ~~ ")[0]).toContain("| 한빛소프트 |");
    expect(korean.searchGrams).toContain("빛소");
  });
  test("structure characters in a name cannot fake a section", () => {
    expect(buildSearchKeys({ name: "A | B ~~ C", aliases: [], contacts: [] }).searchDoc.split(" ~~ ")).toHaveLength(4);
  });
});

describe("buildSearchQuery", () => {
  test("a 2-character Traditional query becomes its Simplified bigram", () => {
    expect(buildSearchQuery("宏達")).toMatchObject({ text: "宏达", core: "宏达", words: ["宏达"], grams: ["宏达"], digits: "" });
  });
  test("a single CJK character is searched as a unigram", () => {
    expect(buildSearchQuery("宏").grams).toEqual(["宏"]);
  });
  test("the legal form is dropped from the core and its grams", () => {
    expect(buildSearchQuery("鴻海精密工業股份有限公司")).toMatchObject({ core: "鸿海精密工业", grams: ["鸿海", "海精", "精密", "密工", "工业"] });
  });
  test("words split at spaces and between scripts, and join for readings", () => {
    expect(buildSearchQuery("宏达 上海")).toMatchObject({ words: ["宏达", "上海"], grams: ["宏达", "上海"] });
    expect(buildSearchQuery("hongda上海")).toMatchObject({ words: ["hongda", "上海"], joined: "hongda上海" });
    expect(buildSearchQuery("kunyu haiyang").joined).toBe("kunyuhaiyang");
  });
  test("two-letter Latin words are searched whole", () => {
    expect(buildSearchQuery("LG").shortWords).toEqual(["lg"]);
  });
  test("a phone-looking query yields digits and its national number", () => {
    expect(buildSearchQuery("(555) 010").digits).toBe("555010");
    expect(buildSearchQuery("021-6258-3371")).toMatchObject({ digits: "02162583371", national: "2162583371" });
    expect(buildSearchQuery("６２５８ ３３７１").digits).toBe("62583371");
  });
  test("a Latin word is not treated as a phone number", () => {
    expect(buildSearchQuery("acme 1").digits).toBe("");
  });
});
