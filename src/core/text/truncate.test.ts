import { describe, expect, test } from "vitest";
import stringWidth from "string-width";
import { splitGraphemes, truncateText } from "./truncate.js";

const FAMILY = "👨‍👩‍👧"; // 8 UTF-16 units, one grapheme
const FLAG = "🇰🇷"; // 4 units, one grapheme
const ACCENT = "e\u0301"; // 2 units, one grapheme
const ZALGO = "a\u0300\u0301\u0302\u0303"; // 5 units, one grapheme

describe("truncateText", () => {
  test.each([
    ["fits", "short", 10, "short"],
    ["exactly fits", "exactly10!", 10, "exactly10!"],
    ["plain cut", "longer than ten", 10, "longer th…"],
    ["zero room", "anything", 0, ""],
    ["negative room", "anything", -3, ""],
    ["room for the ellipsis only", "anything", 1, "…"],
    ["surrogate pair at the cut", `abcd😀xyz`, 6, "abcd…"],
    ["surrogate pair just fits", `abc😀xyz`, 6, "abc😀…"],
    ["emoji ZWJ sequence not split", `ab${FAMILY}cd`, 9, "ab…"],
    ["emoji ZWJ sequence kept whole", `ab${FAMILY}cd`, 11, `ab${FAMILY}…`],
    ["flag not split into regional letters", `a${FLAG}${FLAG}`, 5, "a…"],
    ["second flag not split", `a${FLAG}${FLAG}`, 8, `a${FLAG}…`],
    ["flag kept whole", `a${FLAG}${FLAG}bc`, 10, `a${FLAG}${FLAG}…`],
    ["cut right after a surrogate pair in the prefix", `abc😀😀`, 5, "abc…"],
    ["combining mark stays with its letter", `caf${ACCENT}s and more`, 5, "caf…"],
    ["stacked marks stay together", `${ZALGO}${ZALGO}`, 7, `${ZALGO}…`],
    ["CJK", "上海宏达贸易有限公司", 5, "上海宏达…"],
    ["Hangul syllables", "삼성전자주식회사", 4, "삼성전…"],
    ["conjoining Hangul jamo stay one syllable", "\u1109\u1161\u11B7\u1109\u1165\u11BC", 4, "\u1109\u1161\u11B7…"],
    ["a lone surrogate is cut like any character", "ab\uD83Dcdef", 4, "ab\uD83D…"],
    ["first grapheme too big for the room", `${FAMILY}tail`, 5, "…"],
  ])("GIVEN %s: %j cut to %i THEN %j", (_name, input, max, expected) => {
    const out = truncateText(input, max);
    expect(out).toEqual(expected);
    expect(out.length).toBeLessThanOrEqual(Math.max(0, max));
  });

  test("GIVEN a tidyEnd THEN it repairs the kept part before the ellipsis", () => {
    expect(truncateText("a &amp; b", 5, { tidyEnd: (kept) => kept.replace(/&[a-z]{0,3}$/, "") })).toEqual("a …");
  });

  test.each([
    ["CJK is two columns each", "上海宏达贸易", 7, "上海宏…"],
    ["emoji is two columns", `ab${FAMILY}cd`, 5, `ab${FAMILY}…`],
    ["fits by width though not by units", `${FAMILY}${FAMILY}`, 4, `${FAMILY}${FAMILY}`],
  ])("GIVEN a width measure and %s THEN the cut is by columns", (_name, input, max, expected) => {
    const out = truncateText(input, max, { measure: stringWidth });
    expect(out).toEqual(expected);
    expect(stringWidth(out)).toBeLessThanOrEqual(max);
  });

  test("GIVEN mixed clusters at every cut point THEN the prefix shortcut cuts exactly where the whole text's graphemes allow", () => {
    const pieces = [FAMILY, FLAG, ACCENT, ZALGO, "a", "😀", "한", "\u1109\u1161\u11B7", "👩🏽‍💻", "🏳️‍🌈", "\uD83D"];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 12 }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      for (let max = 1; max <= text.length; max++) {
        let reference = "";
        for (const cluster of splitGraphemes(text)) {
          if (reference.length + cluster.length > max - 1) break;
          reference += cluster;
        }
        expect(truncateText(text, max)).toEqual(text.length <= max ? text : `${reference}…`);
      }
    }
  });

  test("GIVEN a 100k-character string THEN only the kept prefix is walked", () => {
    const started = performance.now();
    for (let index = 0; index < 200; index++) truncateText("x".repeat(100_000), 80);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("splitGraphemes", () => {
  test("GIVEN mixed scripts and emoji THEN one entry per user-perceived character", () => {
    expect(splitGraphemes(`한${FAMILY}${FLAG}${ACCENT}`)).toEqual(["한", FAMILY, FLAG, ACCENT]);
  });
});
