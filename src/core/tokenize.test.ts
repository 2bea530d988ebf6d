import { expect, test } from "vitest";
import { splitFields, tokenize } from "./tokenize.js";

test.each([
  ["find acme", ["find", "acme"]],
  ['log "Acme Corp" call hi', ["log", "Acme Corp", "call", "hi"]],
  ["new “宏达 贸易” grade=A", ["new", "宏达 贸易", "grade=A"]],
  ['edit acme notes="two words" grade=B', ["edit", "acme", "notes=two words", "grade=B"]],
  ["  spaced   out  ", ["spaced", "out"]],
  ['empty ""', ["empty", ""]],
  ["it's fine", ["it's", "fine"]],
])("tokenize %s", (line, expected) => {
  expect(tokenize(line)).toEqual(expected);
});

test("splitFields separates key=value words", () => {
  expect(splitFields(["acme", "corp", "grade=A", "Region=East"])).toEqual({
    words: ["acme", "corp"],
    fields: { grade: "A", region: "East" },
  });
});
