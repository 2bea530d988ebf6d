import { describe, expect, test } from "vitest";
import { neutraliseText, REPLACEMENT as R } from "./neutralise.js";

describe("neutraliseText", () => {
  test.each([
    // Left alone
    ["plain English", "Acme Corp", "Acme Corp"],
    ["Chinese", "上海宏达贸易有限公司", "上海宏达贸易有限公司"],
    ["Korean", "삼성전자 김민지", "삼성전자 김민지"],
    ["Hebrew and Arabic letters", "שלום مرحبا", "שלום مرحبا"],
    ["accents and combining marks", "Mu\u0308ller Cafe\u0301", "Mu\u0308ller Cafe\u0301"],
    ["newline and tab", "line 1\n\tline 2", "line 1\n\tline 2"],
    ["family emoji (ZWJ between emoji)", "👨‍👩‍👧 team", "👨‍👩‍👧 team"],
    ["ZWJ after skin tone", "👩🏽‍💻 dev", "👩🏽‍💻 dev"],
    ["ZWJ after VS16 (rainbow flag)", "🏳️‍🌈", "🏳️‍🌈"],
    ["ZWJ sequence with VS16 inside (kiss)", "👩‍❤️‍💋‍👨", "👩‍❤️‍💋‍👨"],
    ["regional indicator flag", "🇰🇷 🇹🇼", "🇰🇷 🇹🇼"],
    ["subdivision flag keeps its tags", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland"],
    ["ZWNJ in Persian", "می\u200Cخواهم", "می\u200Cخواهم"],
    ["ZWJ in a Devanagari conjunct", "क्\u200Dष", "क्\u200Dष"],
    ["variation selector on a CJK ideograph", "葛\u{E0100}", "葛\u{E0100}"],
    ["private-use mention markers", "\uE000@U1|Ann\uE001", "\uE000@U1|Ann\uE001"],
    // Refused on input: shown as a visible replacement
    ["right-to-left override", "\u202Egnp.exe\u202C", `${R}gnp.exe${R}`],
    ["left-to-right override", "\u202Dabc\u202C", `${R}abc${R}`],
    ["embeddings", "\u202Aa\u202Bb\u202C", `${R}a${R}b${R}`],
    ["isolates", "\u2066a\u2067b\u2068c\u2069", `${R}a${R}b${R}c${R}`],
    ["terminal escape", "red\u001b[31m", `red${R}[31m`],
    ["bell, NUL, DEL, C1", "a\u0007b\u0000c\u007Fd\u0085", `a${R}b${R}c${R}d${R}`],
    ["carriage return (overwrites the line in a terminal)", "paid\rdue", `paid${R}due`],
    ["lone high surrogate", "cut \uD83D", `cut ${R}`],
    ["lone low surrogate", "\uDE00 tail", `${R} tail`],
    ["reversed pair", "\uDE00\uD83D", `${R}${R}`],
    // Invisible and removed
    ["LRM / RLM / ALM", "a\u200Eb\u200Fc\u061Cd", "abcd"],
    ["zero-width space", "Acme\u200BCorp", "AcmeCorp"],
    ["ZWNJ between Latin letters", "Ac\u200Cme", "Acme"],
    ["ZWJ between Latin letters", "Ac\u200Dme", "Acme"],
    ["ZWJ between Han characters", "宏\u200D达", "宏达"],
    ["ZWJ between Hangul syllables", "삼\u200D성", "삼성"],
    ["ZWJ after an emoji, before a letter", "👨\u200Da", "👨a"],
    ["ZWJ before an emoji, after a letter", "a\u200D👨", "a👨"],
    ["word joiner and BOM", "\uFEFFAcme\u2060", "Acme"],
    ["soft hyphen", "Ac\u00ADme", "Acme"],
    ["invisible math operators", "a\u2061b\u2062c\u2063d\u2064", "abcd"],
    ["tags outside a flag (hidden ASCII)", "ok\u{E0069}\u{E0067}\u{E006E}\u{E007F}", "ok"],
    ["tags after a flag with no cancel tag", "🏴\u{E0067}\u{E0062}", "🏴"],
    ["Hangul fillers (blank names)", "\u3164\u115F\u1160\uFFA0", ""],
    ["combining grapheme joiner", "a\u034Fb", "ab"],
    ["Mongolian vowel separator", "a\u180Eb", "ab"],
    ["interlinear annotation", "\uFFF9a\uFFFAb\uFFFB", "ab"],
  ])("GIVEN %s THEN the shown text is honest", (_name, input, expected) => {
    expect(neutraliseText(input)).toEqual(expected);
  });

  test("GIVEN neutralised text THEN a second pass changes nothing", () => {
    const input = "\u202Egnp.exe\u202C \u200B👨‍👩‍👧 a\u200Db \uD83D 🏴󠁧󠁢󠁳󠁣󠁴󠁿";
    const once = neutraliseText(input);
    expect(neutraliseText(once)).toEqual(once);
    expect(once.isWellFormed()).toBe(true);
  });

  test("GIVEN the escapers' own joiners THEN applied before escaping they are not what is removed", () => {
    // The renderers neutralise raw text and only then escape: `@\u200Beveryone` stored becomes
    // `@everyone`, which the escaper then makes inert again with its own joiner.
    expect(neutraliseText("@\u200Beveryone")).toEqual("@everyone");
  });
});
