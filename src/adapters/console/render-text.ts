/**
 * Renders a neutral Reply as plain terminal text. Buttons become the command a user would type
 * (or a note for forms/undo), so the console shows the same choices as Slack and Discord.
 */
import stringWidth from "string-width";
import type { Block, Button, Reply } from "../../core/reply.js";
import { neutraliseText, type Neutraliser } from "../../core/text/neutralise.js";
import { neutraliseReply } from "../../core/text/neutralise-reply.js";
import { truncateText } from "../../core/text/truncate.js";
import { translatorFor } from "../kit/paging.js";
import type { Locale } from "../../core/i18n/locale.js";
import { localizeTypedLine } from "../../core/i18n/typed-line.js";

function pad(text: string, width: number, align: "left" | "right" = "left"): string {
  const gap = Math.max(0, width - stringWidth(text));
  return align === "right" ? " ".repeat(gap) + text : text + " ".repeat(gap);
}

/** Cut to `width` terminal columns on a grapheme boundary (a wide CJK character or an emoji counts 2). */
function clip(text: string, width: number): string {
  return truncateText(text, width, { measure: stringWidth });
}

/** The undo word in each language; console.ts reads all of them. */
export const UNDO_WORDS: Readonly<Record<Locale, string>> = { en: "undo", "zh-CN": "撤销", "zh-TW": "復原", ko: "취소" };

/** What to type for a button, in the reader's words (`log #1 call` -> `기록 #1 전화`). */
function buttonHint(button: Button, locale: Locale): string {
  switch (button.action.kind) {
    case "run":
      return `${button.label}: ${localizeTypedLine(button.action.command, locale)}`;
    case "form":
      // The console has no forms: show the command to type, with the prefilled values filled in.
      return `${button.label}: ${localizeTypedLine([button.action.command, ...Object.values(button.action.prefill)].join(" "), locale)} …`;
    case "undo":
      return `${button.label}: ${UNDO_WORDS[locale]} ${button.action.token}`;
    case "share":
      return "";
  }
}

function renderButtons(buttons: Button[] | undefined, locale: Locale, indent = "  "): string[] {
  const hints = (buttons ?? []).map((button) => buttonHint(button, locale)).filter(Boolean);
  return hints.length ? [`${indent}[${hints.join("]  [")}]`] : [];
}

function renderTable(block: Extract<Block, { type: "table" }>): string[] {
  const widths = block.columns.map((column, index) =>
    Math.min(40, Math.max(stringWidth(column), ...block.rows.map((row) => stringWidth(row[index] ?? "")))),
  );
  const line = (cells: string[]) =>
    cells.map((cell, index) => pad(clip(cell, widths[index]!), widths[index]!, block.align?.[index] ?? "left")).join("  ").trimEnd();
  return [
    ...(block.title ? [block.title] : []),
    line(block.columns),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...block.rows.map(line),
  ];
}

function renderBlock(block: Block, locale: Locale): string[] {
  switch (block.type) {
    case "text":
      return [block.tone === "error" ? `! ${block.text}` : block.tone === "warning" ? `* ${block.text}` : block.text];
    case "fields": {
      const width = Math.max(...block.fields.map((field) => stringWidth(field.label)));
      return block.fields.map((field) => `${pad(field.label, width)}  ${field.value}`);
    }
    case "card": {
      const width = Math.max(0, ...block.fields.map((field) => stringWidth(field.label)));
      return [
        `== ${block.title} ==`,
        ...(block.subtitle ? [block.subtitle] : []),
        ...(block.url ? [block.url] : []),
        ...block.fields.map((field) => `  ${pad(field.label, width)}  ${field.value}`),
        ...(block.text ? [`  ${block.text}`] : []),
        ...renderButtons(block.buttons, locale),
      ];
    }
    case "list":
      return [
        ...(block.title ? [block.title] : []),
        ...block.items.flatMap((item, index) => [
          `${String(index + 1).padStart(2)}. ${item.title}`,
          ...(item.detail ? [`    ${item.detail}`] : []),
          ...renderButtons(item.buttons, locale, "    "),
        ]),
      ];
    case "table":
      return renderTable(block);
    case "buttons":
      return renderButtons(block.buttons, locale, "");
    case "divider":
      return ["-".repeat(40)];
  }
}

export type RenderTextOptions = {
  /** Applied to every piece of user text and to the output; tests pass the identity to show the hostile-text check can fail. */
  neutralise?: Neutraliser;
};

export function renderText(input: Reply, options: RenderTextOptions = {}): string {
  const neutralise = options.neutralise ?? neutraliseText;
  // Neutralised before layout, so column widths are measured on what is shown.
  const reply = neutraliseReply(input, neutralise);
  const lines: string[] = [];
  const first = reply.blocks[0];
  const firstHasTitle = first !== undefined && "title" in first && Boolean(first.title);
  if (!firstHasTitle && !reply.isError) lines.push(reply.title);
  const locale = reply.locale ?? "en";
  for (const block of reply.blocks) lines.push(...renderBlock(block, locale));
  if (reply.paging) {
    const { page, pageCount, totalItems, previous, next } = reply.paging;
    const t = translatorFor(reply);
    const footer = t("paging.console", { page: String(page), pages: String(pageCount), total: String(totalItems) });
    lines.push(`${footer}${previous ? `  ${t("paging.consolePrevious", { command: previous })}` : ""}${next ? `  ${t("paging.consoleNext", { command: next })}` : ""}`);
  }
  // Stored text may hold terminal escapes or bidi overrides (imports, other tools): never let them
  // reach the terminal, where they could recolour, hide or reorder what the user reads. The whole
  // output goes through once more because button hints print commands and prefilled values.
  return neutralise(lines.join("\n"));
}
