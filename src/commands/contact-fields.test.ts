import { describe, expect, test } from "vitest";
import { createTranslator } from "../core/i18n/index.js";
import { UserError } from "../core/errors.js";
import { contactCommand } from "./contact.js";
import { parseContactFields } from "./contact-fields.js";

const en = createTranslator("en");

describe("parseContactFields", () => {
  test("GIVEN handles, a local phone and empty values THEN a patch, empty clearing", () => {
    expect(parseContactFields({ title: "Buyer", tel: "(03)5555-1234", wechat: "wang_w", kakao: "", mail: "a@b.example" }, en, "x")).toEqual({
      title: "Buyer",
      phone: "(03)5555-1234",
      wechat: "wang_w",
      kakao: null,
      email: "a@b.example",
    });
  });

  test.each([
    [{ phone: "12" }, "phone must look like"],
    [{ email: "nope" }, "email"],
    [{ colour: "red" }, "colour is not a contact field"],
  ])("GIVEN %o THEN the message names the field", (fields, message) => {
    expect(() => parseContactFields(fields, en, "x")).toThrow(UserError);
    expect(() => parseContactFields(fields, en, "x")).toThrow(message);
  });
});

describe("contact's typed grammar", () => {
  test.each([
    ["add acme John Smith title=Buyer primary", { action: "add", customer: "acme", name: "John Smith", fields: { title: "Buyer" }, primary: true }],
    ["add John customer=acme", { action: "add", customer: "acme", name: "John", fields: {} }],
    ["edit #12 phone=+86 138 0013 8000", { action: "edit", contact: "#12", fields: { phone: "+86 138 0013 8000" } }],
    ["remove Wang customer=宏达", { action: "remove", contact: "Wang", customer: "宏达", fields: {} }],
  ])("GIVEN contact %s THEN %o", (line, expected) => {
    const args = contactCommand.parseText(line.split(" "));
    expect(Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined))).toEqual(expected);
  });
});
