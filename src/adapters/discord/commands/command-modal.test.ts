import { describe, expect, test } from "vitest";
import { commands } from "../../../commands/index.js";
import { buildCommandModal } from "./command-modal.js";

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
