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

describe("button hints in the reader's words", () => {
  const withButtons = (locale?: Reply["locale"]): Reply => ({
    title: "Acme Corp",
    visibility: "ephemeral",
    ...(locale ? { locale } : {}),
    blocks: [
      {
        type: "buttons",
        buttons: [
          { label: "Log call", action: { kind: "form", command: "log", prefill: { customer: "#1", channel: "call" } } },
          { label: "Orders", action: { kind: "run", command: "orders #1" } },
          { label: "Undo", action: { kind: "undo", token: "6fb26754-b1d7" } },
        ],
      },
    ],
  });

  test("English shows the canonical command", () => {
    expect(renderText(withButtons())).toContain("[Log call: log #1 call …]  [Orders: orders #1]  [Undo: undo 6fb26754-b1d7]");
  });

  test.each([
    ["ko", "기록 #1 전화 …", "주문목록 #1", "취소 6fb26754-b1d7"],
    ["zh-TW", "記錄 #1 電話 …", "訂單列表 #1", "復原 6fb26754-b1d7"],
    ["zh-CN", "记录 #1 电话 …", "订单列表 #1", "撤销 6fb26754-b1d7"],
  ] as const)("%s shows what a %s reader types", (locale, log, orders, undo) => {
    const text = renderText(withButtons(locale));
    expect(text).toContain(`Log call: ${log}`);
    expect(text).toContain(`Orders: ${orders}`);
    expect(text).toContain(`Undo: ${undo}`);
  });
});
