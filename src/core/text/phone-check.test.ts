import { describe, expect, test } from "vitest";
import { continuesPhone, isPhoneNumber } from "./phone-check.js";

describe("isPhoneNumber", () => {
  test.each(["+86 138 0013 8000", "(03)5555-1234", "031-200-1114", "021-6258-3371", "+1 617 555 0100", "+82 (0)2 555 0199", "02-2712-3456 ext. 12", "＋８６ １３８ ００１３ ８０００"])(
    "GIVEN %s THEN it is a phone number",
    (text) => expect(isPhoneNumber(text)).toBe(true),
  );
  test.each(["12345", "call me", "(03(5)55-1234", "+86 138 0013 8000 0000 0000", "acme@example.com", ")03(5555-1234"])("GIVEN %s THEN it is not", (text) =>
    expect(isPhoneNumber(text)).toBe(false),
  );
});

test("continuesPhone takes digit groups, not words", () => {
  expect(["138", "0013", "(0)2", "555-0100"].every(continuesPhone)).toBe(true);
  expect(["primary", "A", "-", ""].some(continuesPhone)).toBe(false);
});
