import { describe, expect, test } from "vitest";
import { correctableWords, correctionsByWord, correctionsStatement, oneEditVariants } from "./typo-corrections.js";

describe("typo corrections", () => {
  test("one edit: swaps and dropped letters always, substitutions and insertions when asked", () => {
    const short = oneEditVariants("kohc", false);
    expect(short).toEqual(expect.arrayContaining(["ohc", "khc", "koc", "koh", "okhc", "khoc", "koch"]));
    expect(short).toHaveLength(7);
    const all = oneEditVariants("acne", true);
    expect(all).toEqual(expect.arrayContaining(["acme", "acnes", "cne", "cane"]));
    expect(all).not.toContain("acne");
    // 4 deletions + 3 swaps + 26 x 4 substitutions + 26 x 5 insertions, less the duplicates.
    expect(all.length).toBeGreaterThan(200);
    expect(all.length).toBeLessThan(4 + 3 + 26 * 4 + 26 * 5);
  });

  test("only words of four or more characters with a letter are corrected, split as stored words are", () => {
    expect(correctableWords("mtchell & johnson co. 12345 ab2c")).toEqual(["mtchell", "johnson", "ab2c"]);
    expect(correctableWords("abc de")).toEqual([]);
  });

  test("every word needs a correction, or none of them count", () => {
    expect(correctionsByWord(["mtchell", "jonson"], [{ position: "2", word: "johnson" }, { position: 1, word: "mitchell" }, { position: 1, word: "mitchel" }])).toEqual([["mitchel", "mitchell"], ["johnson"]]);
    expect(correctionsByWord(["mtchell", "zzzz"], [{ position: 1, word: "mitchell" }])).toBeNull();
  });

  test("short words look up every one-edit variant, long ones only swaps and dropped letters, very long ones none", () => {
    const arrays = (words: string[]) => correctionsStatement(1, words).params.filter((param): param is string[] => Array.isArray(param));
    expect(arrays(["kohc"])[0]).toHaveLength(1 + oneEditVariants("kohc", true).length);
    expect(arrays(["oarkidge"])[0]).toHaveLength(1 + oneEditVariants("oarkidge", false).length);
    expect(arrays(["kunststofftechnik"])).toEqual([]);
  });
});
