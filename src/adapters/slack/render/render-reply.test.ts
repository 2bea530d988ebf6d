import { describe, expect, test } from "vitest";
import type { Reply } from "../../../core/reply.js";
import { renderMessage } from "./render-reply.js";

const ephemeral = (blocks: Reply["blocks"], extra: Partial<Reply> = {}): Reply => ({ title: "Title", blocks, visibility: "ephemeral", ...extra });

describe("renderMessage", () => {
  test("GIVEN a customer card THEN a section with fields and an actions block", () => {
    const reply = ephemeral([
      {
        type: "card",
        title: "Acme <Corp>",
        subtitle: "#42 · grade A",
        url: "https://acme.example",
        fields: [
          { label: "Owner", value: "Pat" },
          { label: "Next follow-up", value: "" },
        ],
        buttons: [
          { label: "Log call", style: "primary", action: { kind: "form", command: "log", prefill: { customer: "#42" } } },
          { label: "Orders", action: { kind: "run", command: "orders #42" } },
        ],
      },
    ]);
    expect(renderMessage(reply)).toEqual({
      text: "Title",
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "*<https://acme.example/|Acme &lt;Corp&gt;>*\n#42 · grade A" },
          fields: [
            { type: "mrkdwn", text: "*Owner*\nPat" },
            { type: "mrkdwn", text: "*Next follow-up*\n-" },
          ],
        },
        {
          type: "actions",
          elements: [
            { type: "button", text: { type: "plain_text", text: "Log call", emoji: true }, action_id: "rapport:form:0", value: '{"c":"log","p":{"customer":"#42"}}', style: "primary" },
            { type: "button", text: { type: "plain_text", text: "Orders", emoji: true }, action_id: "rapport:run:1", value: "orders #42" },
          ],
        },
      ],
    });
  });

  test("GIVEN text tones, a divider and a share token THEN sections, context and a Share button", () => {
    const reply = ephemeral([
      { type: "text", text: "Hello <!channel>" },
      { type: "text", text: "quiet", tone: "muted" },
      { type: "text", text: "bad", tone: "error" },
      { type: "divider" },
    ]);
    expect(renderMessage(reply, { shareToken: "s1" }).blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Hello &lt;!channel&gt;" } },
      { type: "context", elements: [{ type: "mrkdwn", text: "quiet" }] },
      { type: "section", text: { type: "mrkdwn", text: ":x: bad" } },
      { type: "divider" },
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Share in channel", emoji: true }, action_id: "rapport:share:0", value: "s1" }] },
    ]);
  });

  test("GIVEN a channel reply THEN no Share button", () => {
    expect(renderMessage({ ...ephemeral([{ type: "text", text: "x" }]), visibility: "channel" }, { shareToken: "s1" }).blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "x" } },
    ]);
  });

  test("GIVEN a list with paging THEN items, page context and Previous/Next", () => {
    const reply = ephemeral([{ type: "list", title: "Customers", items: [{ title: "Acme", detail: "owner Pat", buttons: [{ label: "Show", action: { kind: "run", command: "show #1" } }] }, { title: "Globex" }] }], {
      paging: { page: 2, pageCount: 3, totalItems: 25, previous: "find a page=1", next: "find a page=3" },
    });
    expect(renderMessage(reply).blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*Customers*" } },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Acme*\nowner Pat" },
        accessory: { type: "button", text: { type: "plain_text", text: "Show", emoji: true }, action_id: "rapport:run:2", value: "show #1" },
      },
      { type: "section", text: { type: "mrkdwn", text: "*Globex*" } },
      { type: "context", elements: [{ type: "mrkdwn", text: "Page 2 of 3 · 25 items" }] },
      {
        type: "actions",
        elements: [
          { type: "button", text: { type: "plain_text", text: "◀ Previous", emoji: true }, action_id: "rapport:page:0", value: "find a page=1" },
          { type: "button", text: { type: "plain_text", text: "Next ▶", emoji: true }, action_id: "rapport:page:1", value: "find a page=3" },
        ],
      },
    ]);
  });

  test("GIVEN 200 list items THEN at most 50 blocks and every item still shown", () => {
    const items = Array.from({ length: 200 }, (_, index) => ({ title: `Item ${index + 1}`, buttons: [{ label: "Show", action: { kind: "run" as const, command: `show #${index}` } }] }));
    const { blocks } = renderMessage(ephemeral([{ type: "list", items }]), { shareToken: "s" });
    expect(blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(blocks);
    expect(text).toContain("Item 1*");
    expect(text).toContain("Item 200*");
  });

  test("GIVEN more than 50 blocks of text THEN truncated with a notice, never over the limit", () => {
    const blocks = Array.from({ length: 80 }, (_, index) => ({ type: "text" as const, text: `para ${index}` }));
    const rendered = renderMessage(ephemeral(blocks)).blocks;
    expect(rendered).toHaveLength(50);
    expect(rendered[49]).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "Some results were left out to fit in Slack (31 more blocks). Narrow the search or use the page buttons." }] });
  });

  test("GIVEN very long text THEN split into sections of at most 3000 characters", () => {
    const rendered = renderMessage(ephemeral([{ type: "text", text: Array.from({ length: 100 }, () => "y".repeat(99)).join("\n") }])).blocks;
    expect(rendered).toHaveLength(4);
    for (const block of rendered) expect((block as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
  });

  test("GIVEN 23 fields THEN sections of at most 10 fields", () => {
    const fields = Array.from({ length: 23 }, (_, index) => ({ label: `F${index}`, value: "v" }));
    const rendered = renderMessage(ephemeral([{ type: "fields", fields }])).blocks as { fields: unknown[] }[];
    expect(rendered.map((block) => block.fields.length)).toEqual([10, 10, 3]);
  });

  test("GIVEN a table THEN an aligned, escaped code block", () => {
    const reply = ephemeral([{ type: "table", title: "Orders", columns: ["No", "Total"], rows: [["SO-1", "1,000"], ["<SO-22>", "5"]], align: ["left", "right"] }]);
    expect(renderMessage(reply).blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "*Orders*" } },
      { type: "section", text: { type: "mrkdwn", text: "```No       Total\nSO-1     1,000\n&lt;SO-22&gt;      5```" } },
    ]);
  });

  test("GIVEN no blocks THEN the title is shown", () => {
    expect(renderMessage({ title: "Done & dusted", blocks: [], visibility: "channel" })).toEqual({
      text: "Done &amp; dusted",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "Done &amp; dusted" } }],
    });
  });
});

describe("renderMessage with deceptive text", () => {
  const RLO = "\u202Egnp.exe\u202C";
  const reply = ephemeral(
    [
      {
        type: "card",
        title: `Invoice ${RLO}`,
        subtitle: "Acme\u200BCorp",
        fields: [{ label: "\u200FOwner", value: "cut \uD83D" }],
        buttons: [{ label: "Log\u2060 call", action: { kind: "run", command: "log #1" } }],
      },
      { type: "text", text: "muted \u2066note\u2069", tone: "muted" },
      { type: "list", items: [{ title: "👨‍👩‍👧 family", detail: "Ac\u200Dme", buttons: [{ label: "\uFEFFShow", action: { kind: "run", command: "show #1" } }] }] },
      { type: "table", columns: ["Name\u00AD"], rows: [[RLO]] },
    ],
    { title: `Reply ${RLO}` },
  );

  test("GIVEN bidi, zero-width and split-surrogate text in every part THEN each part shows it neutralised", () => {
    expect(renderMessage(reply)).toEqual({
      text: "Reply �gnp.exe�",
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "*Invoice �gnp.exe�*\nAcmeCorp" },
          fields: [{ type: "mrkdwn", text: "*Owner*\ncut �" }],
        },
        { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Log call", emoji: true }, action_id: "rapport:run:0", value: "log #1" }] },
        { type: "context", elements: [{ type: "mrkdwn", text: "muted �note�" }] },
        {
          type: "section",
          text: { type: "mrkdwn", text: "*👨‍👩‍👧 family*\nAcme" },
          accessory: { type: "button", text: { type: "plain_text", text: "Show", emoji: true }, action_id: "rapport:run:1", value: "show #1" },
        },
        { type: "section", text: { type: "mrkdwn", text: "```Name\n�gnp.exe�```" } },
      ],
    });
  });

  test("GIVEN the identity as neutraliser THEN the characters reach Slack (the seam the hostile-text check uses)", () => {
    expect(JSON.stringify(renderMessage(reply, { neutralise: (text) => text }))).toContain("\u202E");
  });

  test("GIVEN a label of 74 letters and an emoji THEN the button is cut before the emoji, not inside it", () => {
    const label = `${"a".repeat(73)}👨‍👩‍👧`;
    const message = renderMessage(ephemeral([{ type: "buttons", buttons: [{ label, action: { kind: "run", command: "x" } }] }]));
    const text = (message.blocks[0] as { elements: { text: { text: string } }[] }).elements[0]!.text.text;
    expect(text).toEqual(`${"a".repeat(73)}…`);
  });
});
