import { expect, test } from "vitest";
import { arrayLiteral } from "./import-writers.js";

test.each([
  [["a", "b"], '{"a","b"}'],
  [[null, undefined, 7], '{NULL,NULL,"7"}'],
  [["", "NULL", "{x,y}", " spaced "], '{"","NULL","{x,y}"," spaced "}'],
  [['say "hi"', "C:\\dir", "tab\there\nline"], '{"say \\"hi\\"","C:\\\\dir","tab\there\nline"}'],
  [[], "{}"],
])("GIVEN %j THEN the array literal is %s", (values, expected) => {
  expect(arrayLiteral<unknown>(values, (value) => value)).toBe(expected);
});
