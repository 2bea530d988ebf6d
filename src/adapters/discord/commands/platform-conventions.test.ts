import { describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.js";
import { buildDiscordCommands, description, MANAGE_SERVER_PERMISSION, topLevelOf } from "./slash-commands.js";

type Node = {
  name: string;
  type?: number;
  description?: string;
  description_localizations?: Record<string, string>;
  options?: Node[];
  choices?: { name: string; name_localizations?: Record<string, string> }[];
  autocomplete?: boolean;
  channel_types?: number[];
  default_member_permissions?: string;
};

const { body } = buildDiscordCommands(commands);
const chatInput = body.filter((command) => command.type === 1) as unknown as Node[];

/** Every description Rapport sends Discord, English and localized, with where it sits. */
function descriptions(node: Node, path: string): { where: string; text: string }[] {
  const own = node.description === undefined ? [] : [{ where: `${path} (en)`, text: node.description }];
  const localized = Object.entries(node.description_localizations ?? {}).map(([locale, text]) => ({ where: `${path} (${locale})`, text }));
  return [...own, ...localized, ...(node.options ?? []).flatMap((option) => descriptions(option, `${path} ${option.name}`))];
}

function option(top: string, subcommand: string, name: string): Node {
  const sub = chatInput.find((command) => command.name === top)?.options?.find((candidate) => candidate.name === subcommand);
  const found = sub?.options?.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no option /${top} ${subcommand} ${name}`);
  return found;
}

describe("Discord descriptions stay within 100 characters", () => {
  const all = chatInput.flatMap((command) => descriptions(command, `/${command.name}`));

  test("GIVEN the registry THEN every description and localization is 1-100 characters", () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all.filter(({ text }) => text.length < 1 || text.length > 100)).toEqual([]);
  });

  test("GIVEN the registry THEN none had to be cut (written short, not truncated)", () => {
    expect(all.filter(({ text }) => text.endsWith("…"))).toEqual([]);
  });

  test("GIVEN a description over 100 characters THEN it is cut after a whole word", () => {
    const long = "Move every customer, open follow-up and open order of a leaving member to another and close the leaver's access";
    const cut = description(long, "x");
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toBe("Move every customer, open follow-up and open order of a leaving member to another and close the…");
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });

  test("GIVEN a long text without spaces (Chinese) THEN it is cut at 100 characters", () => {
    const cut = description("客".repeat(150), "x");
    expect(cut).toHaveLength(100);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("/crm-admin: commands only managers and admins may run", () => {
  test("GIVEN the registry THEN role, handover, digest and merge sit under /crm-admin, hidden without Manage Server", () => {
    const admin = chatInput.find((command) => command.name === "crm-admin")!;
    expect(admin.default_member_permissions).toBe(MANAGE_SERVER_PERMISSION);
    expect(MANAGE_SERVER_PERMISSION).toBe("32");
    expect(admin.options?.map((sub) => sub.name)).toEqual(expect.arrayContaining(["role", "handover", "digest", "merge"]));
    for (const top of chatInput.filter((command) => command.name !== "crm-admin")) {
      expect({ top: top.name, permissions: top.default_member_permissions }).toEqual({ top: top.name, permissions: undefined });
      expect(top.options?.map((sub) => sub.name)).not.toEqual(expect.arrayContaining(["role"]));
    }
  });

  test.each([
    ["role", "crm-admin"],
    ["handover", "crm-admin"],
    ["digest", "crm-admin"],
    ["merge", "crm-admin"],
    ["export", "team"],
    ["pay", "sales"],
    ["log", "crm"],
  ])("GIVEN %s THEN it sits under /%s", (name, top) => {
    expect(topLevelOf(commands.find((command) => command.name === name)!)).toBe(top);
  });

  test("GIVEN /crm-admin THEN its description is localized in every language", () => {
    const admin = chatInput.find((command) => command.name === "crm-admin")!;
    expect(Object.keys(admin.description_localizations ?? {}).sort()).toEqual(["ko", "zh-CN", "zh-TW"]);
  });
});

describe("Discord's native option types", () => {
  test("GIVEN a member option THEN Discord's user picker (USER)", () => {
    expect(option("crm", "assign", "member")).toMatchObject({ type: 6 });
    expect(option("crm-admin", "role", "member")).toMatchObject({ type: 6 });
    expect(option("crm-admin", "handover", "from")).toMatchObject({ type: 6 });
    expect(option("crm", "assign", "member").autocomplete).toBeUndefined();
  });

  test("GIVEN a member option that also takes mine/all THEN an autocompleted string", () => {
    expect(option("crm", "followups", "who")).toMatchObject({ type: 3, autocomplete: true });
    expect(option("sales", "deals", "who")).toMatchObject({ type: 3, autocomplete: true });
  });

  test("GIVEN digest's channel THEN Discord's channel picker (CHANNEL) for text and announcement channels", () => {
    expect(option("crm-admin", "digest", "channel")).toMatchObject({ type: 7, channel_types: [0, 5] });
  });

  test("GIVEN yes/no and whole-number options THEN BOOLEAN and INTEGER", () => {
    expect(option("crm", "new", "anyway")).toMatchObject({ type: 5 });
    expect(option("crm", "find", "page")).toMatchObject({ type: 4 });
  });

  test("GIVEN customers and orders THEN autocompleted strings", () => {
    expect(option("crm", "show", "customer")).toMatchObject({ type: 3, autocomplete: true });
    expect(option("sales", "ship", "number")).toMatchObject({ type: 3, autocomplete: true });
  });
});
