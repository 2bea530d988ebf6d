/**
 * The core's neutral Reply as a read-only HTML page: every string escaped, links only http(s),
 * buttons left out (they run commands, which belong in chat), tables scroll sideways on a phone.
 * The page frame (`page`) carries the reader's language in `lang`, a strict CSP and no script.
 */
import type { Block, Field, Reply } from "../../core/reply.js";
import type { Locale } from "../../core/i18n/index.js";
import { STYLE } from "./page-style.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** An address a link may point to: http(s) only (no javascript:, data:, or relative tricks). */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function fields(list: readonly Field[]): string {
  if (list.length === 0) return "";
  const rows = list.map((field) => `<div class="field"><dt>${escapeHtml(field.label)}</dt><dd>${escapeHtml(field.value)}</dd></div>`);
  return `<dl class="fields">${rows.join("")}</dl>`;
}

function block(item: Block): string {
  switch (item.type) {
    case "text":
      return `<p class="text ${item.tone ?? "normal"}">${escapeHtml(item.text)}</p>`;
    case "fields":
      return fields(item.fields);
    case "card": {
      const href = safeHref(item.url);
      const title = href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(item.title)}</a>` : escapeHtml(item.title);
      return [
        `<section class="card"><h2>${title}</h2>`,
        item.subtitle ? `<p class="subtitle">${escapeHtml(item.subtitle)}</p>` : "",
        fields(item.fields),
        item.text ? `<p class="text">${escapeHtml(item.text)}</p>` : "",
        `</section>`,
      ].join("");
    }
    case "list": {
      const items = item.items.map(
        (entry) => `<li><span class="item-title">${escapeHtml(entry.title)}</span>${entry.detail ? `<span class="item-detail">${escapeHtml(entry.detail)}</span>` : ""}</li>`,
      );
      return `<section class="list">${item.title ? `<h3>${escapeHtml(item.title)}</h3>` : ""}<ul>${items.join("")}</ul></section>`;
    }
    case "table": {
      const align = (index: number) => (item.align?.[index] === "right" ? ' class="num"' : "");
      const head = item.columns.map((column, index) => `<th${align(index)}>${escapeHtml(column)}</th>`).join("");
      const rows = item.rows.map((row) => `<tr>${row.map((cell, index) => `<td${align(index)}>${escapeHtml(cell)}</td>`).join("")}</tr>`).join("");
      return `<section class="table">${item.title ? `<h3>${escapeHtml(item.title)}</h3>` : ""}<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
    }
    case "buttons":
      return "";
    case "divider":
      return "<hr>";
  }
}

/** The reply's title and blocks as HTML (no frame). */
export function renderReplyHtml(reply: Reply): string {
  const heading = `<h1${reply.isError ? ' class="error"' : ""}>${escapeHtml(reply.title)}</h1>`;
  // An error reply's first block repeats its title; show it once.
  const blocks = reply.isError && reply.blocks[0]?.type === "text" && reply.blocks[0].text === reply.title ? reply.blocks.slice(1) : reply.blocks;
  return heading + blocks.map(block).join("");
}



/** A whole page: `lang` set, viewport for phones, no script (the CSP forbids any). */
export function page(options: { locale: Locale; title: string; body: string; header?: string; footer?: string }): string {
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(options.locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(options.title)} · Rapport</title><style>${STYLE}</style></head>`,
    "<body>",
    options.header ?? "",
    `<main>${options.body}</main>`,
    options.footer ? `<footer>${options.footer}</footer>` : "",
    "</body></html>",
  ].join("");
}

/** The Content-Security-Policy the pages are served with: inline style only, no script, no framing. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
