import { expect, test } from "vitest";
import { pinyinKeys } from "./pinyin-keys.js";

test("filler characters are kept and also dropped, in full pinyin and initials", () => {
  expect(pinyinKeys("深圳市华强电子")).toEqual({
    full: ["shenzhenshihuaqiangdianzi", "shenzhenhuaqiangdianzi"],
    initials: ["szshqdz", "szhqdz"],
  });
});

test("a polyphonic place name after 市 takes its place-name reading", () => {
  expect(pinyinKeys("西安市长安区").full).toEqual(["xianshichanganqu", "xianchangan"]);
});

test("non-Han characters are ignored and text without Han has no keys", () => {
  expect(pinyinKeys("abc 宏达")).toEqual({ full: ["hongda"], initials: ["hd"] });
  expect(pinyinKeys("acme")).toEqual({ full: [], initials: [] });
});

test("a place or brand name after a city keeps its own reading, not the word it forms with the city", () => {
  expect(pinyinKeys("郑州长虹实业").full).toContain("zhengzhouchanghongshiye");
  expect(pinyinKeys("郑州长安").full).toContain("zhengzhouchangan");
});

test("a character outside the Basic Multilingual Plane never leaves half a surrogate pair in the initials", () => {
  const { initials } = pinyinKeys("Fuzz 𬥯 Co");
  for (const key of initials) expect(key.isWellFormed()).toBe(true);
});
