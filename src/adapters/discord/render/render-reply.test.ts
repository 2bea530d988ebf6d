import { describe, expect, test } from "vitest";
import type { Reply } from "../../../core/reply.js";
import { createButtonCodec } from "./button-codec.js";
import { COLORS, TRUNCATED_NOTE, renderReply } from "./render-reply.js";

const codec = () => {
  let counter = 0;
  return createButtonCodec({ newToken: () => `tok${++counter}` });
};

function totalChars(embeds: ReturnType<typeof renderReply>["embeds"]): number {
  return embeds.reduce(
    (sum, embed) =>
      sum +
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
    0,
  );
}

describe("renderReply", () => {
  test("GIVEN an ephemeral text reply THEN one embed, escaped text, mentions off and a Share button", () => {
    const reply: Reply = {
      title: "Hello @everyone",
      blocks: [
        { type: "text", text: "Call **Acme** <@123>" },
        { type: "text", text: "tip", tone: "muted" },
      ],
      visibility: "ephemeral",
    };
    expect(renderReply(reply, codec())).toEqual({
      embeds: [
        {
          title: "Hello @\u200beveryone",
          description: "Call \\*\\*Acme\\*\\* \\<@123\\>\n-# tip",
          color: COLORS.normal,
        },
      ],
      components: [{ type: 1, components: [{ type: 2, style: 2, label: "Share", custom_id: "s0:" }] }],
      allowedMentions: { parse: [] },
      ephemeral: true,
    });
  });

  test("GIVEN a paged list with item buttons THEN lines, footer, item buttons and a navigation row", () => {
    const reply: Reply = {
      title: "Customers",
      blocks: [
        {
          type: "list",
          items: [
            { title: "Acme", detail: "#1 · Berlin", buttons: [{ label: "Show", action: { kind: "run", command: "show #1" } }] },
            { title: "Globex", detail: "#2", buttons: [{ label: "Show", action: { kind: "run", command: "show #2" } }] },
          ],
        },
      ],
      visibility: "ephemeral",
      paging: { page: 2, pageCount: 3, totalItems: 12, previous: "find a page=1", next: "find a page=3" },
    };
    expect(renderReply(reply, codec())).toEqual({
      embeds: [
        {
          title: "Customers",
          description: "• **Acme** — #1 · Berlin\n• **Globex** — #2",
          color: COLORS.normal,
          footer: { text: "Page 2 of 3 · 12 items" },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: "Show: Acme", custom_id: "r0:show #1" },
            { type: 2, style: 2, label: "Show: Globex", custom_id: "r1:show #2" },
          ],
        },
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: "◀ Previous", custom_id: "p2:find a page=1" },
            { type: 2, style: 2, label: "Next ▶", custom_id: "p3:find a page=3" },
            { type: 2, style: 2, label: "Share", custom_id: "s4:" },
          ],
        },
      ],
      allowedMentions: { parse: [] },
      ephemeral: true,
    });
  });

  test("GIVEN a channel card with a link and buttons THEN card embed with url, fields, styled buttons, no Share", () => {
    const reply: Reply = {
      title: "Logged call",
      blocks: [
        {
          type: "card",
          title: "Call with Acme",
          url: "https://discord.com/channels/1/2/3",
          fields: [
            { label: "Summary", value: "Renewal" },
            { label: "Outcome", value: "effective", inline: true },
          ],
          buttons: [
            { label: "Undo", style: "danger", action: { kind: "undo", token: "undo-1" } },
            { label: "Log call", style: "primary", action: { kind: "form", command: "log", prefill: { customer: "#1" } } },
          ],
        },
      ],
      visibility: "channel",
    };
    expect(renderReply(reply, codec())).toEqual({
      embeds: [
        {
          title: "Logged call",
          url: "https://discord.com/channels/1/2/3",
          description: "**Call with Acme**",
          color: COLORS.normal,
          fields: [
            { name: "Summary", value: "Renewal" },
            { name: "Outcome", value: "effective", inline: true },
          ],
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 4, label: "Undo", custom_id: "u0:undo-1" },
            { type: 2, style: 1, label: "Log call", custom_id: "f1:log?customer=%231" },
          ],
        },
      ],
      allowedMentions: { parse: [] },
      ephemeral: false,
    });
  });

  test("GIVEN a card with an unsafe url after other content THEN its own embed and no url", () => {
    const reply: Reply = {
      title: "T",
      blocks: [
        { type: "text", text: "intro" },
        { type: "card", title: "C", subtitle: "#7", url: "javascript:alert(1)", fields: [] },
        { type: "text", text: "after" },
      ],
      visibility: "channel",
    };
    expect(renderReply(reply, codec()).embeds).toEqual([
      { title: "T", description: "intro", color: COLORS.normal },
      { title: "C", description: "-# #7", color: COLORS.normal },
      { description: "after", color: COLORS.normal },
    ]);
  });

  test("GIVEN an error with field errors THEN red embed, error fields and no Share button", () => {
    const reply: Reply = {
      title: "Which customer?",
      blocks: [{ type: "text", text: "Which customer?", tone: "error" }],
      visibility: "ephemeral",
      isError: true,
      fieldErrors: { customer: "No such customer." },
    };
    expect(renderReply(reply, codec())).toEqual({
      embeds: [
        {
          title: "Which customer?",
          description: "Which customer?",
          color: COLORS.error,
          fields: [{ name: "⚠️ customer", value: "No such customer." }],
        },
      ],
      components: [],
      allowedMentions: { parse: [] },
      ephemeral: true,
    });
  });

  test("GIVEN a table THEN an aligned code block with backticks neutralised", () => {
    const reply: Reply = {
      title: "Orders",
      blocks: [{ type: "table", columns: ["Order", "Total"], rows: [["#1", "1,200.00"], ["#22`", "8.5"]], align: ["left", "right"] }],
      visibility: "channel",
    };
    expect(renderReply(reply, codec()).embeds[0]?.description).toEqual(
      "```\nOrder     Total\n-----  --------\n#1     1,200.00\n#22ˋ        8.5\n```",
    );
  });

  test("GIVEN 30 fields THEN 25 in the first embed and 5 in the next", () => {
    const reply: Reply = {
      title: "Many",
      blocks: [{ type: "fields", fields: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}`, value: `v${i}` })) }],
      visibility: "channel",
    };
    const { embeds } = renderReply(reply, codec());
    expect(embeds.map((embed) => embed.fields?.length)).toEqual([25, 5]);
  });

  test("GIVEN content far over 6000 characters THEN at most 10 embeds, 6000 characters and a truncation note", () => {
    const reply: Reply = {
      title: "Huge",
      blocks: [
        { type: "text", text: "x".repeat(5000) },
        { type: "fields", fields: Array.from({ length: 60 }, (_, i) => ({ label: `f${i}`, value: "y".repeat(2000) })) },
        ...Array.from({ length: 15 }, (_, i) => ({ type: "card" as const, title: `card ${i}`, fields: [] })),
      ],
      visibility: "channel",
    };
    const { embeds } = renderReply(reply, codec());
    expect(embeds.length).toBeLessThanOrEqual(10);
    expect(totalChars(embeds)).toBeLessThanOrEqual(6000);
    expect(embeds.at(-1)?.footer).toEqual({ text: TRUNCATED_NOTE });
    for (const embed of embeds) {
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
      for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    }
  });

  test("GIVEN 30 buttons and paging THEN at most 5 rows of 5 with navigation kept, ids unique and short", () => {
    const reply: Reply = {
      title: "Buttons",
      blocks: [
        {
          type: "buttons",
          buttons: Array.from({ length: 30 }, (_, i) => ({ label: `b${i}`.repeat(30), action: { kind: "run" as const, command: `show #1 ${"z".repeat(i * 4)}` } })),
        },
      ],
      visibility: "ephemeral",
      paging: { page: 1, pageCount: 2, totalItems: 40, next: "list page=2" },
    };
    const { components } = renderReply(reply, codec());
    expect(components).toHaveLength(5);
    const all = components.flatMap((row) => row.components);
    expect(components.every((row) => row.components.length <= 5)).toBe(true);
    expect(components.at(-1)?.components.map((b) => b.label)).toEqual(["Next ▶", "Share"]);
    const ids = all.map((b) => b.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.length <= 100)).toBe(true);
    expect(all.every((b) => (b.label?.length ?? 0) <= 80)).toBe(true);
  });
});

describe("renderReply with deceptive text", () => {
  const RLO = "\u202Egnp.exe\u202C";
  const reply: Reply = {
    title: `Reply ${RLO}`,
    blocks: [
      { type: "text", text: "Acme\u200BCorp \u2066isolated\u2069" },
      {
        type: "card",
        title: `Invoice ${RLO}`,
        subtitle: "\u200Fsub",
        fields: [{ label: "\u200EOwner", value: "cut \uD83D" }],
        buttons: [{ label: "Log\u2060 call", action: { kind: "run", command: "log #1" } }],
      },
    ],
    visibility: "channel",
    paging: { page: 1, pageCount: 2, totalItems: 30, next: "find a page=2" },
    fieldErrors: { summary: "No \uFEFFsummary" },
  };

  test("GIVEN bidi, zero-width and split-surrogate text in every part THEN title, description, fields, footer and buttons show it neutralised", () => {
    expect(renderReply(reply, codec())).toEqual({
      embeds: [
        { title: "Reply �gnp.exe�", description: "AcmeCorp �isolated�", color: COLORS.normal },
        { title: "Invoice �gnp.exe�", description: "-# sub", color: COLORS.normal, fields: [{ name: "Owner", value: "cut �" }] },
        { color: COLORS.normal, fields: [{ name: "⚠️ summary", value: "No summary" }], footer: { text: "Page 1 of 2 · 30 items" } },
      ],
      components: [
        { type: 1, components: [{ type: 2, style: 2, label: "Log call", custom_id: "r0:log #1" }] },
        { type: 1, components: [{ type: 2, style: 2, label: "Next ▶", custom_id: "p1:find a page=2" }] },
      ],
      allowedMentions: { parse: [] },
      ephemeral: false,
    });
  });

  test("GIVEN the identity as neutraliser THEN the characters reach Discord (the seam the hostile-text check uses)", () => {
    expect(JSON.stringify(renderReply(reply, codec(), { neutralise: (text) => text }))).toContain("\u202E");
  });

  test("GIVEN a field value whose cut falls inside an emoji THEN no lone surrogate and no half ZWJ sequence", () => {
    const value = `${"a".repeat(1020)}👨‍👩‍👧 tail`;
    const rendered = renderReply({ title: "t", blocks: [{ type: "fields", fields: [{ label: "Notes", value }] }], visibility: "channel" }, codec());
    const field = rendered.embeds[0]!.fields![0]!;
    expect(field.value).toEqual(`${"a".repeat(1020)}…`);
    expect(field.value.isWellFormed()).toBe(true);
  });

  test("GIVEN a button label whose cut falls inside a surrogate pair THEN the pair is dropped whole", () => {
    const label = `${"b".repeat(78)}😀x`;
    const rendered = renderReply({ title: "t", blocks: [{ type: "buttons", buttons: [{ label, action: { kind: "run", command: "x" } }] }], visibility: "channel" }, codec());
    expect(rendered.components[0]!.components[0]!.label).toEqual(`${"b".repeat(78)}…`);
  });
});
