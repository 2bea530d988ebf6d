import { describe, expect, test } from "vitest";
import { commands } from "../../commands/index.js";
import type { CommandDefinition, CommandOption } from "../../core/command.js";
import { createTranslator, LOCALES } from "../../core/i18n/index.js";
import { catalogFormText, choiceLabel, formLabel, formText, formTitle, optionTextKeys } from "./form-options.js";

const everyOption = commands.flatMap((command) => command.options.map((option) => [command.name, option.name, command, option] as const));
const TRANSLATED = LOCALES.filter((locale) => locale !== "en");

describe("form texts of every option of every command", () => {
  test.each(everyOption)("GIVEN %s %s THEN English has a label and a description", (_command, _option, command, option) => {
    const text = formText(command, option, createTranslator("en"));
    expect(text.label.trim()).not.toBe("");
    expect(text.description.trim()).not.toBe("");
  });

  describe.each(TRANSLATED)("in %s", (locale) => {
    const t = createTranslator(locale);
    test.each(everyOption)("GIVEN %s %s THEN the catalogs have its label and description", (_command, _option, command, option) => {
      const text = catalogFormText(command, option, t);
      expect(text.label?.trim()).toBeTruthy();
      expect(text.description?.trim()).toBeTruthy();
      // Not English left in place: the catalog's words differ from the command's own.
      expect(text.label).not.toBe(formLabel(option));
    });
  });
});

describe("formText", () => {
  const option = (over: Partial<CommandOption>): CommandOption => ({ name: "zzz_unknown", kind: "text", description: "Only in English", required: false, ...over });
  const command = (name: string, options: CommandOption[]): CommandDefinition => ({ name, options }) as unknown as CommandDefinition;

  test("GIVEN an option no catalog knows THEN catalogFormText finds nothing, so the completeness test above would fail", () => {
    const lost = option({});
    expect(catalogFormText(command("zzz", [lost]), lost, createTranslator("zh-TW"))).toEqual({});
    // and the form still shows something: English.
    expect(formText(command("zzz", [lost]), lost, createTranslator("zh-TW"))).toEqual({ label: "Zzz unknown", description: "Only in English" });
  });

  test("GIVEN the per-command key and the shared key THEN the per-command one wins", () => {
    const kind = option({ name: "kind", description: "Digest kind" });
    expect(optionTextKeys("digest", "kind", "name")).toEqual(["option.digest.kind.name", "option.kind.name"]);
    expect(formText(command("digest", [kind]), kind, createTranslator("zh-TW")).description).toBe("摘要類型（add、preview）");
    expect(formText(command("stats", [kind]), kind, createTranslator("zh-TW")).description).toBe("圖表類型");
  });

  test("GIVEN English THEN the command's own words stay", () => {
    const next = option({ name: "dry_run", description: "Only show what would move" });
    expect(formText(command("handover", [next]), next)).toEqual({ label: "Dry run", description: "Only show what would move" });
  });

  test.each([
    ["call", "ko", "전화"],
    ["high-value", "zh-TW", "高價值"],
    ["yes", "zh-CN", "是"],
    ["call", "en", "call"],
    ["not-in-any-catalog", "ko", "not-in-any-catalog"],
  ] as const)("GIVEN the choice %s in %s THEN it reads %s", (choice, locale, expected) => {
    expect(choiceLabel(choice, createTranslator(locale))).toBe(expected);
  });

  test.each(commands.map((command) => [command.name, command] as const))("GIVEN the %s form THEN its title is in every language and fits Slack's 24 characters", (_name, command) => {
    const titles = LOCALES.map((locale) => formTitle(command, createTranslator(locale), "fallback"));
    for (const title of titles) {
      expect(title).not.toBe("fallback");
      expect([...title].length).toBeLessThanOrEqual(24);
    }
    expect(new Set(titles.slice(1)).has(titles[0]!)).toBe(false);
  });
});

describe("form labels that read better than Discord's one-word names", () => {
  test.each([
    ["ko", "다음 연락일"],
    ["zh-TW", "下次跟進日期"],
    ["zh-CN", "下次跟进日期"],
  ] as const)("GIVEN log's next option in %s THEN the form label is %s, not the option name", (locale, expected) => {
    const log = commands.find((command) => command.name === "log")!;
    const next = log.options.find((option) => option.name === "next")!;
    expect(formText(log, next, createTranslator(locale)).label).toBe(expected);
  });
});
