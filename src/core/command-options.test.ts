import { describe, expect, test } from "vitest";
import { z } from "zod";
import { defineCommand, type OptionSpec, type OptionSpecs } from "./command.js";
import { reply } from "./reply.js";
import { tokenize } from "./tokenize.js";
import { UserError } from "./errors.js";

type Specs = Record<string, Omit<OptionSpec, "description">>;

function commandWith(specs: Specs) {
  const options: OptionSpecs = Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { description: name, ...spec }]));
  return defineCommand({
    name: "try",
    summary: "Try",
    usage: "try",
    examples: ["try it"],
    options,
    writes: false,
    handler: async () => reply.text("ok"),
  });
}

const words = (line: string) => tokenize(line);

describe("parseWords (the default text parser)", () => {
  test.each([
    ["GIVEN one rest option THEN it takes every word", { customer: { kind: "customer", typed: "rest" } }, "acme corp", { customer: "acme corp" }],
    ["GIVEN no words THEN the rest option stays absent", { customer: { kind: "customer", typed: "rest" } }, "", {}],
    ["GIVEN a word after the rest option THEN it comes from the end", { member: { kind: "member", typed: "rest" }, role: { kind: "choice", choices: ["admin", "rep"] } }, "Alice Smith ADMIN", { member: "Alice Smith", role: "admin" }],
    ["GIVEN only one word THEN the rest option keeps it", { customer: { kind: "customer", typed: "rest" }, member: { kind: "member" } }, "acme", { customer: "acme" }],
    ["GIVEN word options THEN one word each in order", { from: { kind: "member" }, to: { kind: "member" } }, "@bob @alice", { from: "@bob", to: "@alice" }],
    ["GIVEN a flag THEN its keyword anywhere sets it", { from: { kind: "member" }, dry_run: { kind: "choice", choices: ["yes", "no"], typed: "flag" } }, "--dry-run @bob", { from: "@bob", dry_run: true }],
    ["GIVEN a flag typed without dashes inside THEN it still counts", { keep_active: { kind: "flag" } }, "--keepactive", { keep_active: true }],
    ["GIVEN an anywhere choice THEN its word is found wherever it stands", { when: { kind: "choice", choices: ["today", "week"], typed: "anywhere" }, who: { kind: "member" } }, "mine WEEK", { when: "week", who: "mine" }],
    ["GIVEN an anywhere option with a pattern THEN the matching word", { member: { kind: "member", typed: "rest" }, period: { kind: "text", typed: "anywhere", match: /^\d+d$/ } }, "30d @alice", { member: "@alice", period: "30d" }],
    ["GIVEN a named option THEN the word after its name", { kind: { kind: "choice", choices: ["ar"] }, period: { kind: "text" }, by: { kind: "choice", choices: ["region"], typed: "named" } }, "ar by Region 12m", { kind: "ar", period: "12m", by: "region" }],
    ["GIVEN a key option THEN only key=value gives it", { text: { kind: "text", typed: "rest" }, page: { kind: "integer", typed: "key" } }, "acme page=2 other=1", { text: "acme", page: "2" }],
    ["GIVEN a fields option THEN it collects the key=value words", { name: { kind: "text", typed: "rest" }, fields: { kind: "fields" } }, 'Acme grade=A city="New York"', { name: "Acme", fields: { grade: "A", city: "New York" } }],
    ["GIVEN a fields option and no pairs THEN an empty set", { name: { kind: "text", typed: "rest" }, fields: { kind: "fields" } }, "Acme", { name: "Acme", fields: {} }],
    ["GIVEN no key options THEN key=value stays a word", { customer: { kind: "customer", typed: "rest" } }, "a=b", { customer: "a=b" }],
  ] satisfies [string, Specs, string, Record<string, unknown>][])("%s", (_name, options, line, expected) => {
    expect(commandWith(options).parseText(words(line))).toEqual(expected);
  });

  test("GIVEN a word no option takes THEN a user error naming it, with the first example", () => {
    const command = commandWith({ who: { kind: "member" } });
    expect(() => command.parseText(words("mine extra"))).toThrow(UserError);
    expect(() => command.parseText(words("mine extra"))).toThrow('I did not understand "extra".');
  });
});

describe("the derived schema", () => {
  const command = commandWith({
    customer: { kind: "customer", required: true },
    channel: { kind: "choice", required: true, choices: ["call", "email"] },
    page: { kind: "integer", schema: z.coerce.number().default(1) },
    note: { kind: "text" },
  });

  test("GIVEN a choice option without a schema THEN the enum with a message naming the choices", () => {
    const result = command.schema.safeParse({ customer: "acme", channel: "fax" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("The channel must be one of call, email.");
  });

  test("GIVEN optional options THEN absent is fine and defaults fill in", () => {
    expect(command.schema.parse({ customer: "acme", channel: "call" })).toEqual({ customer: "acme", channel: "call", page: 1 });
  });

  test("GIVEN a required option missing THEN invalid", () => {
    expect(command.schema.safeParse({ channel: "call" }).success).toBe(false);
  });
});
