import { describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import { formOptions, isMultiline, structuredOptions } from "./form-options.js";
import { findLogCommand, logFromMessagePrefill } from "./log-from-message.js";
import { pagingFooter } from "./paging.js";

const byName = (name: string) => commands.find((command) => command.name === name)!;

describe("formOptions", () => {
  test("GIVEN a list command THEN paging stays with typed text", () => {
    expect(formOptions(byName("find")).map((option) => option.name)).toEqual(["text"]);
  });

  test("GIVEN digest THEN its typed-only keywords are in neither forms nor platform options", () => {
    const names = (options: { name: string }[]) => options.map((option) => option.name);
    expect(names(structuredOptions(byName("digest")))).toEqual(["action", "kind", "channel", "time", "zone", "days", "id"]);
    expect(names(formOptions(byName("digest")))).toEqual(["action", "kind", "channel", "time", "zone", "days", "id"]);
  });

  test("GIVEN an omitted option THEN it is left out", () => {
    expect(formOptions(byName("log"), ["link"]).map((option) => option.name)).toEqual(["customer", "channel", "summary", "next", "outcome"]);
  });
});

describe("isMultiline", () => {
  test.each([
    ["log", "summary", true],
    ["log", "customer", false],
    ["new", "fields", true],
    ["new", "name", false],
  ] as const)("GIVEN %s %s THEN %s", (command, option, expected) => {
    expect(isMultiline(byName(command).options.find((candidate) => candidate.name === option)!)).toBe(expected);
  });
});

describe("logFromMessagePrefill", () => {
  const log = findLogCommand(commands)!;

  test("GIVEN a message THEN its trimmed text as the summary and chat as the channel", () => {
    expect(logFromMessagePrefill(log, "  We agreed on Q1 pricing \n")).toEqual({ channel: "chat", summary: "We agreed on Q1 pricing" });
  });

  test("GIVEN an empty message THEN only the channel", () => {
    expect(logFromMessagePrefill(log, undefined)).toEqual({ channel: "chat" });
  });

  test("GIVEN a platform limit THEN the summary is cut to it", () => {
    expect(logFromMessagePrefill(log, "abcdef", 3).summary).toBe("abc");
  });
});

describe("pagingFooter", () => {
  test.each([
    [{ page: 2, pageCount: 3, totalItems: 25 }, "Page 2 of 3 · 25 items"],
    [{ page: 1, pageCount: 1, totalItems: 1 }, "Page 1 of 1 · 1 item"],
  ])("GIVEN %o THEN %s", (paging, expected) => {
    expect(pagingFooter(paging)).toBe(expected);
  });
});
