import { describe, expect, test } from "vitest";
import { buildFollowUpsDigest } from "./followups.js";
import { buildReminder } from "./reminder.js";
import type { DigestContext } from "./types.js";
import { createTranslator } from "../../core/i18n/translator.js";
import { renderText } from "../../adapters/console/render-text.js";

const ctx: DigestContext = { now: new Date("2026-11-23T08:00:00Z"), today: "2026-11-23", timeZone: "UTC", currency: "USD", full: false };
const alice = { id: 1, externalId: "U1", displayName: "Alice" };

describe("tasks in the follow-ups digest", () => {
  test("GIVEN two tasks of one customer THEN two lines, each with its text, and Snooze moves that task", () => {
    const built = buildFollowUpsDigest(
      {
        weekEnd: "2026-11-29",
        totals: { overdue: 1, today: 1, week: 0 },
        ownerCount: 1,
        owners: [
          {
            owner: alice,
            overdue: 1,
            today: 1,
            week: 0,
            items: [
              { customerId: 7, customerName: "Acme", nextFollowUp: "2026-11-20", taskId: 31, text: "" },
              { customerId: 7, customerName: "Acme", nextFollowUp: "2026-11-23", taskId: 32, text: "Send the quote" },
            ],
          },
        ],
      },
      ctx,
    );
    const list = built.reply.blocks.find((block) => block.type === "list");
    expect(list?.type === "list" && list.items.map((item) => [item.title, item.buttons?.[1]?.action])).toEqual([
      ["Acme #7", { kind: "run", command: "task snooze 31 2026-11-24" }],
      ["Acme #7 · Send the quote", { kind: "run", command: "task snooze 32 2026-11-24" }],
    ]);
  });
});

describe("the morning reminder", () => {
  const tasks = [
    { id: 1, customerId: 7, customerName: "Acme", text: "", dueOn: "2026-11-20" },
    { id: 2, customerId: 8, customerName: "삼성전자", text: "견적서 재발송", dueOn: "2026-11-23" },
  ];

  test("GIVEN an overdue and a due task THEN one message grouped overdue / today with the way to turn it off", () => {
    const reply = buildReminder({ name: "Bob", tasks, total: 2 }, ctx);
    expect(reply.title).toBe("Good morning, Bob: 2 tasks due today or overdue");
    expect(reply.blocks.map((block) => (block.type === "list" ? [block.title, block.items.map((item) => item.title)] : block.type))).toEqual([
      ["Overdue", ["Follow up · Acme #7"]],
      ["Due today", ["견적서 재발송 · 삼성전자 #8"]],
      "text",
    ]);
    expect(renderText(reply)).toContain("settings reminders off");
  });

  test("GIVEN more tasks than listed THEN the rest are counted with where to see them", () => {
    const reply = buildReminder({ name: "Bob", tasks, total: 20 }, ctx);
    expect(renderText(reply)).toContain("tasks today");
  });

  test.each([
    ["ko", "할 일이 2건", "설정 알림 끄기"],
    ["zh-CN", "待办共 2 项", "设置 提醒 关闭"],
    ["zh-TW", "待辦共 2 項", "設定 提醒 關閉"],
  ] as const)("GIVEN a %s reader THEN the message and the off command are in their words", (locale, title, off) => {
    const reply = buildReminder({ name: "민지", tasks, total: 2 }, { ...ctx, t: createTranslator(locale) });
    expect(reply.title).toContain(title);
    expect(renderText(reply)).toContain(off);
  });
});
