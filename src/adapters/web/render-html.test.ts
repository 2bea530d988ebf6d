import { describe, expect, test } from "vitest";
import { escapeHtml, page, renderReplyHtml, safeHref } from "./render-html.js";
import { reply, type Reply } from "../../core/reply.js";

const HOSTILE = `<script>alert("x")</script> & 'quoted' <img src=x onerror=alert(1)>`;

describe("escapeHtml", () => {
  test.each([
    ["<b>", "&lt;b&gt;"],
    ['"a" & \'b\'', "&quot;a&quot; &amp; &#39;b&#39;"],
    ["客戶 & 訂單", "客戶 &amp; 訂單"],
    ["plain", "plain"],
  ])("GIVEN %j THEN %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("safeHref", () => {
  test.each([
    ["https://example.slack.com/archives/C1/p1", "https://example.slack.com/archives/C1/p1"],
    ["http://127.0.0.1:3000/c/1", "http://127.0.0.1:3000/c/1"],
    ["javascript:alert(1)", null],
    ["data:text/html,<b>x</b>", null],
    ["/relative", null],
    [undefined, null],
  ])("GIVEN %j THEN %j", (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });
});

describe("renderReplyHtml", () => {
  test("GIVEN hostile text in every kind of block THEN no tag or attribute of it survives", () => {
    const hostile: Reply = reply.of(HOSTILE, [
      { type: "text", text: HOSTILE },
      { type: "fields", fields: [{ label: HOSTILE, value: HOSTILE }] },
      { type: "card", title: HOSTILE, subtitle: HOSTILE, url: `javascript:alert(1)`, fields: [{ label: HOSTILE, value: HOSTILE }], text: HOSTILE },
      { type: "list", title: HOSTILE, items: [{ title: HOSTILE, detail: HOSTILE }] },
      { type: "table", title: HOSTILE, columns: [HOSTILE], rows: [[HOSTILE]] },
    ]);
    const html = renderReplyHtml(hostile);
    // The words stay as text; no tag, attribute or link of them does.
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|javascript:/i);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;");
  });

  test("GIVEN a customer card THEN title, fields and a safe link are rendered and buttons are left out", () => {
    const card: Reply = reply.of("Acme Corp", [
      {
        type: "card",
        title: "Acme Corp #1",
        subtitle: "active · Boston",
        url: "https://acme.slack.com/archives/C1/p1",
        fields: [{ label: "Owner", value: "Alice Martin" }],
        buttons: [{ label: "Log call", action: { kind: "run", command: "log #1 call" } }],
      },
      { type: "buttons", buttons: [{ label: "Undo", action: { kind: "undo", token: "t" } }] },
      { type: "divider" },
    ]);
    expect(renderReplyHtml(card)).toBe(
      '<h1>Acme Corp</h1><section class="card"><h2><a href="https://acme.slack.com/archives/C1/p1" rel="noopener noreferrer">Acme Corp #1</a></h2>' +
        '<p class="subtitle">active · Boston</p><dl class="fields"><div class="field"><dt>Owner</dt><dd>Alice Martin</dd></div></dl></section><hr>',
    );
  });

  test("GIVEN an error reply THEN its message is shown once under an error heading", () => {
    const html = renderReplyHtml(reply.error("not_found", "No customer #9.", "Example: show #1"));
    expect(html).toBe('<h1 class="error">No customer #9.</h1><p class="text muted">Example: show #1</p>');
  });

  test("GIVEN a table with right-aligned amounts THEN the cells carry the num class inside a scroll box", () => {
    const html = renderReplyHtml(reply.of("Orders", [{ type: "table", columns: ["Order", "Open"], rows: [["SO-1", "1,200.00"]], align: ["left", "right"] }]));
    expect(html).toContain('<div class="scroll"><table><thead><tr><th>Order</th><th class="num">Open</th></tr></thead><tbody><tr><td>SO-1</td><td class="num">1,200.00</td></tr></tbody></table></div>');
  });
});

describe("page", () => {
  test("GIVEN a locale and a hostile title THEN lang is set, the viewport fits phones and the title is escaped", () => {
    const html = page({ locale: "zh-TW", title: HOSTILE, body: "<p>x</p>" });
    expect(html.startsWith('<!doctype html><html lang="zh-TW">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
  });
});
