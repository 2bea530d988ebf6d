import { describe, expect, test } from "vitest";
import { codeSafe, escapeMarkdown, safeUrl, truncate } from "./escape.js";

describe("escapeMarkdown", () => {
  test.each([
    ["plain text", "plain text"],
    ["**bold** _it_ ~~s~~ ||spoiler||", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|"],
    ["[acme.com](https://evil.example)", "\\[acme.com\\](https://evil.example)"],
    ["hi @everyone and @here", "hi @\u200beveryone and @\u200bhere"],
    ["<@123> <@&456> <#789>", "\\<@123\\> \\<@&456\\> \\<#789\\>"],
    ["# Heading\n- item\n1. first\n> quote", "\\# Heading\n\\- item\n1\\. first\n\\> quote"],
    ["a `code` \\ slash", "a \\`code\\` \\\\ slash"],
    ["2024-05-01 - ok", "2024-05-01 - ok"],
  ])("GIVEN %j THEN %j", (input, expected) => {
    expect(escapeMarkdown(input)).toEqual(expected);
  });
});

describe("truncate", () => {
  test.each([
    ["short", 10, "short"],
    ["exactly10!", 10, "exactly10!"],
    ["longer than ten", 10, "longer th…"],
    ["abcdefgh\\*", 10, "abcdefgh\\*"],
    ["abcdefgh\\*zz", 10, "abcdefgh…"],
    ["anything", 0, ""],
  ])("GIVEN %j cut to %i THEN %j", (input, max, expected) => {
    expect(truncate(input, max)).toEqual(expected);
  });
});

describe("safeUrl / codeSafe", () => {
  test("GIVEN http(s) THEN kept, other schemes dropped", () => {
    expect(safeUrl("https://discord.com/channels/1/2/3")).toEqual("https://discord.com/channels/1/2/3");
    expect(safeUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
  test("GIVEN backticks in a table cell THEN they cannot close the code block", () => {
    expect(codeSafe("a```b")).toEqual("aˋˋˋb");
  });
});
