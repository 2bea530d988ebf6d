import { describe, expect, test } from "vitest";
import type { Reply } from "../../core/reply.js";
import { renderText } from "./render-text.js";

describe("renderText with deceptive text", () => {
  const RLO = "\u202Egnp.exe\u202C";
  const reply: Reply = {
    title: `Reply ${RLO}`,
    blocks: [
      { type: "text", text: "Acme\u200BCorp \u2066isolated\u2069 red\u001b[31m" },
      { type: "fields", fields: [{ label: "\u200FOwner", value: "cut \uD83D" }] },
      { type: "list", items: [{ title: "👨‍👩‍👧 family", detail: "Ac\u200Dme", buttons: [{ label: "\uFEFFShow", action: { kind: "run", command: "show \u202E#1" } }] }] },
      { type: "table", columns: ["Name"], rows: [[RLO], ["上海宏达贸易有限公司上海宏达贸易有限公司上海宏达贸易有限公司"]] },
    ],
    visibility: "ephemeral",
  };

  test("GIVEN bidi, zero-width, control and split-surrogate text THEN every line shows it neutralised, tables cut by columns", () => {
    expect(renderText(reply).split("\n")).toEqual([
      "Reply �gnp.exe�",
      "AcmeCorp �isolated� red�[31m",
      "Owner  cut �",
      " 1. 👨‍👩‍👧 family",
      "    Acme",
      "    [Show: show �#1]",
      "Name",
      "----------------------------------------",
      "�gnp.exe�",
      "上海宏达贸易有限公司上海宏达贸易有限公…",
    ]);
  });

  test("GIVEN the identity as neutraliser THEN the characters reach the terminal (the seam the hostile-text check uses)", () => {
    expect(renderText(reply, { neutralise: (text) => text })).toContain("\u202E");
  });
});
