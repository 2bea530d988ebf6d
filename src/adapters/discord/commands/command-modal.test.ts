import { describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.js";
import { buildCommandModal, readModalArgs } from "./command-modal.js";

const deal = commands.find((command) => command.name === "deal")!;

function inputs(prefill?: Record<string, string>): string[] {
  const modal = buildCommandModal(deal, { customId: "F:deal", ...(prefill ? { prefill } : {}) });
  return modal.components.map((component) => String((component as { component: { custom_id: string } }).component.custom_id));
}

describe("per-action forms on Discord", () => {
  test("a deal form opened for an action asks only what that action needs", () => {
    expect(inputs({ action: "lost", id: "12" })).toEqual(["action", "id", "reason", "note"]);
    expect(inputs({ action: "stage", id: "12" })).toEqual(["action", "id", "stage"]);
    expect(inputs({ action: "new" })).toEqual(["action", "customer", "title", "amount", "stage"]);
  });

  test("with no action chosen the form keeps its declared inputs (a modal cannot redraw)", () => {
    expect(inputs()).toEqual(["action", "id", "customer", "title", "amount"]);
  });
});

const byName = (name: string) => commands.find((command) => command.name === name)!;
const CHANNEL_ID = "300000000000000042";
const USER_ID = "500000000000000042";

function component(name: string, option: string, prefill?: Record<string, string>) {
  const modal = buildCommandModal(byName(name), { customId: `F:${name}`, ...(prefill ? { prefill } : {}) });
  const labels = modal.components as unknown as { type: number; label: string; component: Record<string, unknown> & { custom_id: string } }[];
  const label = labels.find((entry) => entry.component.custom_id === option)!;
  expect(label.type).toBe(18);
  return label.component;
}

describe("Discord's own pickers in forms", () => {
  test("GIVEN a channel option THEN a channel select of the channels a digest can post in", () => {
    expect(component("digest", "channel", { action: "add" })).toEqual({ type: 8, custom_id: "channel", required: false, min_values: 0, max_values: 1, channel_types: [0, 5] });
  });

  test("GIVEN a member option THEN a user select; required when the option is", () => {
    expect(component("assign", "member")).toEqual({ type: 5, custom_id: "member", required: true, min_values: 1, max_values: 1 });
    expect(component("task", "member")).toMatchObject({ type: 5, required: false, min_values: 0 });
  });

  test("GIVEN a member option that also takes words (mine, all) THEN a text input", () => {
    expect(component("deals", "who")).toMatchObject({ type: 4 });
  });

  test("GIVEN a choice option THEN a string select of its choices", () => {
    expect(component("digest", "kind", { action: "add" })).toMatchObject({ type: 3, custom_id: "kind" });
  });

  test.each([
    ["digest", "channel", `<#${CHANNEL_ID}>`, { type: 8, default_values: [{ id: CHANNEL_ID, type: "channel" }] }],
    ["assign", "member", `<@${USER_ID}>`, { type: 5, default_values: [{ id: USER_ID, type: "user" }] }],
    ["assign", "member", USER_ID, { type: 5, default_values: [{ id: USER_ID, type: "user" }] }],
  ] as const)("GIVEN %s %s prefilled %s THEN the picker starts on it", (name, option, prefill, expected) => {
    expect(component(name, option, { action: "add", [option]: prefill })).toMatchObject(expected);
  });

  test("GIVEN a prefill a picker cannot show (a Rapport reference) THEN a text input keeps it", () => {
    expect(component("assign", "member", { member: "#12" })).toMatchObject({ type: 4, value: "#12" });
  });
});

describe("readModalArgs", () => {
  test("GIVEN a picked channel THEN the core gets its mention, as a slash CHANNEL option gives it", () => {
    expect(readModalArgs(byName("digest"), [
      { customId: "action", values: ["add"] },
      { customId: "channel", values: [CHANNEL_ID] },
      { customId: "time", value: " 08:30 " },
      { customId: "zone", value: "" },
    ])).toEqual({ action: "add", channel: `<#${CHANNEL_ID}>`, time: "08:30" });
  });

  test("GIVEN a picked user THEN the user id, as a slash USER option gives it", () => {
    expect(readModalArgs(byName("assign"), [{ customId: "customer", value: "#2" }, { customId: "member", values: [USER_ID] }])).toEqual({ customer: "#2", member: USER_ID });
  });

  test("GIVEN nothing picked, a typed channel (a form opened before pickers) or an unknown field THEN not given, as typed, dropped", () => {
    expect(readModalArgs(byName("digest"), [{ customId: "channel", values: [] }, { customId: "nope", value: "x" }])).toEqual({});
    expect(readModalArgs(byName("digest"), [{ customId: "channel", value: "#sales" }])).toEqual({ channel: "#sales" });
  });
});
