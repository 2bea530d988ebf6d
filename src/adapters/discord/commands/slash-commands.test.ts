import { describe, expect, test } from "vitest";
import { z } from "zod";
import type { CommandDefinition } from "../../../core/command.js";
import { reply } from "../../../core/reply.js";
import { commands } from "../../../commands/index.js";
import { logCommand } from "../../../commands/log.js";
import { buildCommandModal, readModalArgs } from "./command-modal.js";
import { buildDiscordCommands, discordName, DISCORD_LOCALES, topLevelOf } from "./slash-commands.js";
import { toChoices } from "../handlers/autocomplete.js";

/** The payload without its translations, to compare the English shape. */
function english(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(english);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "name_localizations" && key !== "description_localizations")
      .map(([key, item]) => [key, english(item)]),
  );
}

const command = (name: string, options: CommandDefinition["options"] = []): CommandDefinition => ({
  name,
  summary: `Do ${name}`,
  usage: name,
  examples: [],
  options,
  schema: z.object({}),
  parseText: () => ({}),
  writes: false,
  handler: async () => reply.text("ok"),
});

describe("buildDiscordCommands", () => {
  test("GIVEN the registry THEN /crm, /sales and /team with a subcommand per command, plus the Log to CRM menu", () => {
    const { body, subcommands, skipped } = buildDiscordCommands(commands);
    expect(skipped).toEqual([]);
    expect(body.map((c) => [c.type, c.name])).toEqual([[1, "crm"], [1, "sales"], [1, "team"], [1, "crm-admin"], [3, "Log to CRM"], [3, "Find in CRM"], [3, "Order status"]]);
    for (const top of body.filter((c) => c.type === 1) as { name: string; options: { name: string }[] }[]) {
      expect(top.options.map((o) => o.name)).toEqual(commands.filter((c) => topLevelOf(c) === top.name).map((c) => c.name));
    }
    const crm = body[0] as { options: { name: string }[] };
    expect([...subcommands.keys()].sort()).toEqual(commands.map((c) => `${topLevelOf(c)} ${c.name}`).sort());
    expect(english(crm.options.find((o) => o.name === "log"))).toEqual({
      type: 1,
      name: "log",
      description: "Log a call, email, meeting, visit, chat or note with a customer",
      options: [
        { name: "customer", description: "Customer name fragment or #id", required: true, type: 3, autocomplete: true },
        {
          name: "channel",
          description: "How you talked",
          required: true,
          type: 3,
          choices: ["call", "email", "meeting", "visit", "chat", "note"].map((c) => ({ name: c, value: c })),
        },
        { name: "summary", description: "What was said or agreed", required: true, type: 3 },
        // A date: the core suggests phrases with the date each means (autocomplete).
        { name: "next", description: "Next follow-up date (tomorrow, next fri, 2026-12-01)", required: false, type: 3, autocomplete: true },
        {
          name: "outcome",
          description: "How it went",
          required: false,
          type: 3,
          choices: ["effective", "high-value", "unsuccessful"].map((c) => ({ name: c, value: c })),
        },
        { name: "link", description: "Link to the chat message", required: false, type: 3 },
      ],
    });
  });

  test("GIVEN optional options before required ones THEN required come first (Discord rejects otherwise)", () => {
    const { body } = buildDiscordCommands([
      command("x", [
        { name: "page", kind: "integer", description: "Page", required: false },
        { name: "who", kind: "member", description: "Member", required: true },
      ]),
    ]);
    const sub = (body[0] as { options: { options: unknown[] }[] }).options[0];
    expect(english(sub?.options)).toEqual([
      { name: "who", description: "Member", required: true, type: 6 },
      { name: "page", description: "Page", required: false, type: 4 },
    ]);
  });

  test("GIVEN 30 commands and a 30-choice option THEN 25 subcommands, the rest reported, big choices autocompleted", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      command(`c${i}`, [{ name: "pick", kind: "choice", description: "", required: false, choices: Array.from({ length: 30 }, (_, j) => `v${j}`) }]),
    );
    const { body, skipped } = buildDiscordCommands(many);
    expect((body[0] as { options: unknown[] }).options).toHaveLength(25);
    expect(skipped).toEqual(["c25", "c26", "c27", "c28", "c29"]);
    expect(body).toHaveLength(1);
    expect(english((body[0] as { options: { options: unknown[] }[] }).options[0]?.options)).toEqual([
      { name: "pick", description: "pick", required: false, type: 3, autocomplete: true },
    ]);
  });

  test("GIVEN sales-desk commands THEN they sit under /sales, bound by top-level and subcommand name", () => {
    const desk = (name: string) => ({ ...command(name, []), topic: "sales" as const });
    const { body, subcommands, topLevel } = buildDiscordCommands([command("find", []), desk("pay"), desk("ship")]);
    expect(body.map((c) => c.name)).toEqual(["crm", "sales"]);
    expect((body[1] as { options: { name: string }[] }).options.map((o) => o.name)).toEqual(["pay", "ship"]);
    expect([...topLevel]).toEqual(["crm", "sales"]);
    expect(subcommands.get("sales pay")?.command.name).toBe("pay");
    expect(subcommands.get("crm pay")).toBeUndefined();
    expect(subcommands.get("crm find")?.command.name).toBe("find");
  });

  test.each([
    ["Find", "find"],
    ["set follow-up", "set-follow-up"],
    ["a".repeat(40), "a".repeat(32)],
    ["!!!", "option"],
  ])("GIVEN name %j THEN Discord name %j", (input, expected) => {
    expect(discordName(input)).toEqual(expected);
  });
});

describe("localizations (zh-CN, zh-TW, ko)", () => {
  type Localized = { name_localizations?: Record<string, string>; description_localizations?: Record<string, string> };
  type Choice = { name: string; value: string } & Localized;
  type Option = { name: string; description: string; choices?: Choice[] } & Localized;
  type Subcommand = Option & { options: Option[] };
  const { body } = buildDiscordCommands(commands);
  type TopLevel = { type: number; name: string; description_localizations: Record<string, string>; options: Subcommand[] };
  const topLevel = body.filter((c) => c.type === 1) as TopLevel[];
  // Every subcommand of /crm and /sales: localized names must be unique within their own top-level command.
  const crm = { options: topLevel.flatMap((command) => command.options) };
  const menu = body.find((c) => c.type === 3) as { name_localizations: Record<string, string> };
  // Discord's rule for chat-input names: letters, numbers, - and _ (plus a few scripts), lowercase where a letter has case.
  const DISCORD_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
  const validName = (name: string) => DISCORD_NAME.test(name) && name === name.toLowerCase();

  test.each(DISCORD_LOCALES)("GIVEN %s THEN every subcommand, option and choice has a valid localized name and description", (locale) => {
    expect(menu.name_localizations[locale]).toBeTruthy();
    // Every message context menu ("Log to CRM", "Find in CRM", "Order status": at most 5 per app) is named in the reader's language.
    const menus = body.filter((c) => c.type === 3) as { name: string; name_localizations: Record<string, string> }[];
    expect(menus.length).toBeLessThanOrEqual(5);
    for (const each of menus) expect({ menu: each.name, named: Boolean(each.name_localizations[locale]) && each.name_localizations[locale] !== each.name }).toEqual({ menu: each.name, named: true });
    for (const command of topLevel) {
      expect({ command: command.name, described: Boolean(command.description_localizations[locale]) }).toEqual({ command: command.name, described: true });
      const subcommandNames = command.options.map((sub) => sub.name_localizations?.[locale]);
      expect(new Set(subcommandNames).size).toBe(command.options.length);
    }
    for (const sub of crm.options) {
      expect({ sub: sub.name, valid: validName(sub.name_localizations?.[locale] ?? "") }).toEqual({ sub: sub.name, valid: true });
      expect(sub.description_localizations?.[locale]?.length).toBeGreaterThan(0);
      expect(sub.description_localizations![locale]!.length).toBeLessThanOrEqual(100);
      const optionNames = sub.options.map((option) => option.name_localizations?.[locale]);
      expect({ sub: sub.name, unique: new Set(optionNames).size }).toEqual({ sub: sub.name, unique: sub.options.length });
      for (const option of sub.options) {
        const where = `${sub.name}.${option.name}`;
        expect({ where, valid: validName(option.name_localizations?.[locale] ?? "") }).toEqual({ where, valid: true });
        expect({ where, described: (option.description_localizations?.[locale] ?? "").length > 0 }).toEqual({ where, described: true });
        for (const choice of option.choices ?? []) expect({ where, choice: choice.value, named: Boolean(choice.name_localizations?.[locale]) }).toEqual({ where, choice: choice.value, named: true });
      }
    }
  });

  test("GIVEN the registry THEN subcommand names are the GLOSSARY command words", () => {
    const names = (locale: string) => crm.options.map((sub) => [sub.name, sub.name_localizations?.[locale]]);
    expect(names("zh-TW")).toContainEqual(["find", "查詢"]);
    expect(names("zh-CN")).toContainEqual(["log", "记录"]);
    expect(names("ko")).toContainEqual(["overdue", "미수금"]);
    expect(menu.name_localizations).toEqual({ "zh-CN": "记录到 CRM", "zh-TW": "記錄到 CRM", ko: "CRM에 기록" });
    const log = crm.options.find((sub) => sub.name === "log")!;
    const channel = log.options.find((option) => option.name === "channel")!;
    expect(channel.name_localizations).toEqual({ "zh-CN": "方式", "zh-TW": "方式", ko: "방식" });
    expect(channel.choices?.find((choice) => choice.value === "call")?.name_localizations).toEqual({ "zh-CN": "电话", "zh-TW": "電話", ko: "전화" });
  });
});

describe("buildCommandModal / readModalArgs", () => {
  test("GIVEN the log command and a prefill THEN five labelled inputs, selects for choices", () => {
    const log = logCommand;
    const modal = buildCommandModal(log, { customId: "L:1:2", title: "Log to CRM", prefill: { summary: "hello", channel: "chat" }, omit: ["link"] });
    expect(modal.custom_id).toEqual("L:1:2");
    expect(modal.title).toEqual("Log to CRM");
    expect(modal.components).toHaveLength(5);
    expect(modal.components[1]).toEqual({
      type: 18,
      label: "Channel",
      description: "How you talked",
      component: {
        type: 3,
        custom_id: "channel",
        required: true,
        min_values: 1,
        max_values: 1,
        options: ["call", "email", "meeting", "visit", "chat", "note"].map((c) => (c === "chat" ? { label: c, value: c, default: true } : { label: c, value: c })),
      },
    });
    expect(modal.components[2]).toEqual({
      type: 18,
      label: "Summary",
      description: "What was said or agreed",
      component: { type: 4, custom_id: "summary", style: 2, required: true, max_length: 4000, value: "hello" },
    });
    expect(
      readModalArgs(log, [
        { customId: "customer", value: " #1 " },
        { customId: "channel", values: ["call"] },
        { customId: "summary", value: "hi" },
        { customId: "next", value: "" },
        { customId: "outcome", values: [] },
        { customId: "forged", value: "x" },
      ]),
    ).toEqual({ customer: "#1", channel: "call", summary: "hi" });
  });
});

describe("deceptive text in Discord forms and autocomplete", () => {
  test("GIVEN a prefill with bidi and zero-width characters THEN the text input shows it neutralised", () => {
    const log = logCommand;
    const modal = buildCommandModal(log, { customId: "L:1:2", title: "Log \u202Eto\u202C CRM", prefill: { summary: "paid\u200B \u2066eno\u2069" }, omit: ["link"] });
    expect(modal.title).toEqual("Log �to� CRM");
    expect(JSON.stringify(modal.components)).toContain('"value":"paid �eno�"');
  });

  test("GIVEN picker options with hostile names THEN choice names neutralised and cut on grapheme boundaries", () => {
    expect(
      toChoices([
        { label: "\u202Egnp.exe\u202C", value: "#1" },
        { label: `${"a".repeat(98)}🇰🇷`, value: "#2" },
        { label: "\u200B", value: "#3" },
      ]),
    ).toEqual([
      { name: "�gnp.exe�", value: "#1" },
      { name: `${"a".repeat(98)}…`, value: "#2" },
      { name: "#3", value: "#3" },
    ]);
  });
});

/**
 * Discord refuses a command whose names, descriptions and choice values add up to more than
 * 4,000 characters (counted per locale), so registration would fail for every server at once.
 */
const COMBINED_LIMIT = 4000;

function combinedLength(node: unknown, locale: string | null): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + combinedLength(item, locale), 0);
  if (!node || typeof node !== "object") return 0;
  const record = node as Record<string, unknown>;
  const localized = (key: string) => {
    const map = record[`${key}_localizations`] as Record<string, string> | undefined;
    const text = (locale && map?.[locale]) ?? record[key];
    return typeof text === "string" || typeof text === "number" ? String(text).length : 0;
  };
  return localized("name") + localized("description") + localized("value") + combinedLength(record.options, locale) + combinedLength(record.choices, locale);
}

describe("Discord's combined character limit", () => {
  test.each([null, ...DISCORD_LOCALES])("GIVEN the registry THEN /crm, /sales and /team /crm-admin each stay within 4,000 characters in %s", (locale) => {
    const { body } = buildDiscordCommands(commands);
    const sizes = body.filter((definition) => definition.type === 1).map((definition) => [definition.name, combinedLength(definition, locale)] as const);
    expect(sizes.map(([name]) => name)).toEqual(["crm", "sales", "team", "crm-admin"]);
    for (const [name, size] of sizes) expect({ name, within: size <= COMBINED_LIMIT }).toEqual({ name, within: true });
  });
});
