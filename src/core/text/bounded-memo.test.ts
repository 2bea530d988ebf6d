import { expect, test } from "vitest";
import { boundedMemo } from "./bounded-memo.js";

test("GIVEN a key seen before THEN its value is not computed again, an undefined one included", () => {
  const computed: string[] = [];
  const spell = boundedMemo((word: string) => {
    computed.push(word);
    return word === "none" ? undefined : word.toUpperCase();
  });
  expect([spell("a"), spell("none"), spell("a"), spell("none")]).toEqual(["A", undefined, "A", undefined]);
  expect(computed).toEqual(["a", "none"]);
});

test("GIVEN more keys than the limit THEN the memo starts again and stays within it", () => {
  const computed: string[] = [];
  const spell = boundedMemo((word: string) => {
    computed.push(word);
    return word.length;
  }, 2);
  for (const word of ["a", "bb", "ccc", "a", "ccc"]) spell(word);
  // "ccc" found the memo full: it was emptied, so "a" is computed again and "ccc" is not.
  expect(computed).toEqual(["a", "bb", "ccc", "a"]);
});
