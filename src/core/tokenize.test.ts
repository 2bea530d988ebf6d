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

test("GIVEN a phone typed with spaces after phone= THEN the digit groups stay in the phone", () => {
  expect(splitFields(["广州南方化工", "phone=+86", "138", "0013", "8000", "city=广州"])).toEqual({
    words: ["广州南方化工"],
    fields: { phone: "+86 138 0013 8000", city: "广州" },
  });
  expect(splitFields(["Lee", "phone=031-200-1114", "primary"])).toEqual({ words: ["Lee", "primary"], fields: { phone: "031-200-1114" } });
});
