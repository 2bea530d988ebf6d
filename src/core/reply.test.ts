import { describe, expect, test } from "vitest";
import { forSharing, type Reply } from "./reply.js";

describe("forSharing", () => {
  test("drops Undo from button rows, cards and list items, keeps every other button and block", () => {
    const undo = { label: "Undo", action: { kind: "undo" as const, token: "t" } };
    const open = { label: "Open", action: { kind: "run" as const, command: "show #1" } };
    const ephemeral: Reply = {
      title: "Logged call",
      visibility: "ephemeral",
      blocks: [
        { type: "card", title: "Acme", fields: [], buttons: [open, undo] },
        { type: "list", items: [{ title: "a", buttons: [undo] }, { title: "b" }] },
        { type: "buttons", buttons: [undo] },
        { type: "buttons", buttons: [open, undo] },
        { type: "text", text: "kept" },
      ],
    };
    expect(forSharing(ephemeral)).toEqual({
      title: "Logged call",
      visibility: "channel",
      blocks: [
        { type: "card", title: "Acme", fields: [], buttons: [open] },
        { type: "list", items: [{ title: "a", buttons: [] }, { title: "b" }] },
        { type: "buttons", buttons: [open] },
        { type: "text", text: "kept" },
      ],
    });
    expect(ephemeral.blocks[0]).toMatchObject({ buttons: [open, undo] }); // the original is not changed
  });
});
