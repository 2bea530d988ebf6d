/**
 * Reply -> Block Kit. Pure functions; every piece of user text is first neutralised (no bidi
 * overrides or invisible characters, core/text/neutralise.ts), then goes through `escapeMrkdwn`
 * (mrkdwn) or stays in plain_text objects, and every Block Kit limit is met by splitting, compacting
 * or truncating on grapheme boundaries, so Slack never rejects a rendered reply.
 */
import type { types as slack } from "@slack/bolt";
import type { Block, Button, Field, ListItem, Paging, Reply } from "../../../core/reply.js";
import { encodeButton } from "./button-codec.js";
import type { ButtonAction } from "../../kit/button-action.js";
import { pagingFooter, translatorFor } from "../../kit/paging.js";
import { escapeMrkdwn, mrkdwnLink, neutralisePlain } from "./escape.js";
import { SLACK_LIMITS, truncate } from "./limits.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import { neutraliseReply } from "../../../core/text/neutralise-reply.js";

export type SlackBlock = slack.KnownBlock;
export type SlackMessage = { text: string; blocks: SlackBlock[] };

export type RenderOptions = {
  /** Adds a "Share in channel" button to ephemeral replies; the token finds the reply again. */
  shareToken?: string;
  /** 50 for messages, 100 for modals and the Home tab. */
  maxBlocks?: number;
  /** Applied to every piece of user text; tests pass the identity to show the hostile-text check can fail. */
  neutralise?: Neutraliser;
};

type Slots = { next: number };

const TONE_PREFIX = { normal: "", muted: "", warning: ":warning: ", error: ":x: " } as const;

export function renderMessage(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const title = (options.neutralise ?? neutraliseText)(reply.title);
  return { text: truncate(escapeMrkdwn(title), SLACK_LIMITS.fallbackText), blocks: renderBlocks(reply, options) };
}

export function renderBlocks(input: Reply, options: RenderOptions = {}): SlackBlock[] {
  const reply = neutraliseReply(input, options.neutralise ?? neutraliseText);
  const maxBlocks = options.maxBlocks ?? SLACK_LIMITS.messageBlocks;
  const slots: Slots = { next: 0 };
  const footer = renderFooter(reply, options.shareToken, slots);
  const budget = maxBlocks - footer.length;

  const source: Block[] = reply.blocks.length ? reply.blocks : [{ type: "text", text: reply.title }];
  let body = source.flatMap((block) => renderBlock(block, slots, false));
  if (body.length > budget) {
    // Too long: lists lose their per-item buttons and share sections, which keeps every item.
    body = source.flatMap((block) => renderBlock(block, slots, true));
  }
  if (body.length > budget) {
    const kept = body.slice(0, Math.max(0, budget - 1));
    kept.push(context(translatorFor(reply)("surface.resultsLeftOut", { count: body.length - kept.length })));
    body = kept;
  }
  return [...body, ...footer];
}

export function renderButton(button: Button | { label: string; style?: Button["style"]; action: ButtonAction }, slots: Slots, shareToken?: string): slack.Button | undefined {
  const encoded = encodeButton(button.action, slots.next, shareToken);
  if (!encoded) return undefined;
  slots.next += 1;
  return {
    type: "button",
    text: { type: "plain_text", text: truncate(neutralisePlain(button.label), SLACK_LIMITS.buttonText) || "…", emoji: true },
    action_id: encoded.action_id,
    value: encoded.value,
    ...(button.style ? { style: button.style } : {}),
  };
}

function renderFooter(reply: Reply, shareToken: string | undefined, slots: Slots): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const buttons: slack.Button[] = [];
  const paging: Paging | undefined = reply.paging;
  const t = translatorFor(reply);
  if (paging && paging.pageCount > 1) {
    blocks.push(context(pagingFooter(paging, t)));
    if (paging.previous) pushDefined(buttons, renderButton({ label: t("button.previous"), action: { kind: "page", command: paging.previous } }, slots));
    if (paging.next) pushDefined(buttons, renderButton({ label: t("button.next"), action: { kind: "page", command: paging.next } }, slots));
  }
  if (reply.visibility === "ephemeral" && shareToken && !reply.isError) {
    pushDefined(buttons, renderButton({ label: t("button.shareInChannel"), action: { kind: "share" } }, slots, shareToken));
  }
  if (buttons.length) blocks.push({ type: "actions", elements: buttons });
  return blocks;
}

function renderBlock(block: Block, slots: Slots, compact: boolean): SlackBlock[] {
  switch (block.type) {
    case "text":
      return renderText(block.text, block.tone ?? "normal");
    case "fields":
      return fieldSections(block.fields);
    case "card":
      return renderCard(block, slots);
    case "list":
      return renderList(block.title, block.items, slots, compact);
    case "table":
      return renderTable(block.title, block.columns, block.rows, block.align);
    case "buttons":
      return actionBlocks(block.buttons, slots);
    case "divider":
      return [{ type: "divider" }];
  }
}

function renderText(text: string, tone: keyof typeof TONE_PREFIX): SlackBlock[] {
  const chunks = chunkLines(escapeMrkdwn(text), SLACK_LIMITS.sectionText - TONE_PREFIX[tone].length);
  if (tone === "muted") return chunks.map((chunk) => context(chunk, true));
  return chunks.map((chunk) => section(`${TONE_PREFIX[tone]}${chunk}`));
}

function renderCard(card: Extract<Block, { type: "card" }>, slots: Slots): SlackBlock[] {
  const lines = [`*${mrkdwnLink(card.url, card.title)}*`];
  if (card.subtitle) lines.push(escapeMrkdwn(card.subtitle));
  if (card.text) lines.push(escapeMrkdwn(card.text));
  const [first, ...more] = fieldChunks(card.fields);
  const head: slack.SectionBlock = { type: "section", text: mrkdwn(truncate(lines.join("\n"), SLACK_LIMITS.sectionText)) };
  if (first) head.fields = first;
  return [head, ...more.map((fields): SlackBlock => ({ type: "section", fields })), ...actionBlocks(card.buttons ?? [], slots)];
}

function renderList(title: string | undefined, items: ListItem[], slots: Slots, compact: boolean): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  if (title) blocks.push(section(`*${escapeMrkdwn(title)}*`));
  if (compact) {
    const lines = items.map((item) => `• *${escapeMrkdwn(item.title)}*${item.detail ? ` — ${escapeMrkdwn(item.detail)}` : ""}`);
    for (const chunk of chunkLines(lines.join("\n"), SLACK_LIMITS.sectionText)) blocks.push(section(chunk));
    return blocks;
  }
  for (const item of items) {
    const text = truncate(`*${escapeMrkdwn(item.title)}*${item.detail ? `\n${escapeMrkdwn(item.detail)}` : ""}`, SLACK_LIMITS.sectionText);
    const buttons = item.buttons ?? [];
    if (buttons.length === 1) {
      const accessory = renderButton(buttons[0]!, slots);
      blocks.push(accessory ? { type: "section", text: mrkdwn(text), accessory } : section(text));
    } else {
      blocks.push(section(text), ...actionBlocks(buttons, slots));
    }
  }
  return blocks;
}

function renderTable(title: string | undefined, columns: string[], rows: string[][], align: ("left" | "right")[] | undefined): SlackBlock[] {
  const CELL_MAX = 40;
  const cells = [columns, ...rows].map((row) => row.map((cell) => truncate(cell.replace(/\s+/g, " "), CELL_MAX)));
  const widths = columns.map((_, index) => Math.max(...cells.map((row) => [...(row[index] ?? "")].length)));
  const lines = cells.map((row) =>
    widths
      .map((width, index) => {
        const cell = row[index] ?? "";
        const pad = " ".repeat(Math.max(0, width - [...cell].length));
        return align?.[index] === "right" ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
  const blocks: SlackBlock[] = [];
  if (title) blocks.push(section(`*${escapeMrkdwn(title)}*`));
  for (const chunk of chunkLines(escapeMrkdwn(lines.join("\n")), SLACK_LIMITS.sectionText - 6)) blocks.push(section("```" + chunk + "```"));
  return blocks;
}

function fieldChunks(fields: Field[]): slack.MrkdwnElement[][] {
  const rendered = fields.map((field) => mrkdwn(truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value || "-")}`, SLACK_LIMITS.fieldText)));
  const chunks: slack.MrkdwnElement[][] = [];
  for (let index = 0; index < rendered.length; index += SLACK_LIMITS.sectionFields) chunks.push(rendered.slice(index, index + SLACK_LIMITS.sectionFields));
  return chunks;
}

function fieldSections(fields: Field[]): SlackBlock[] {
  return fieldChunks(fields).map((chunk) => ({ type: "section", fields: chunk }));
}

function actionBlocks(buttons: Button[], slots: Slots): SlackBlock[] {
  const elements: slack.Button[] = [];
  for (const button of buttons) pushDefined(elements, renderButton(button, slots));
  const blocks: SlackBlock[] = [];
  for (let index = 0; index < elements.length; index += SLACK_LIMITS.actionsElements) {
    blocks.push({ type: "actions", elements: elements.slice(index, index + SLACK_LIMITS.actionsElements) });
  }
  return blocks;
}

/** Splits escaped text into pieces of at most `max` characters, preferring line breaks. */
export function chunkLines(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current);
    current = line.length <= max ? line : truncate(line, max);
  }
  if (current) chunks.push(current);
  return chunks;
}

function mrkdwn(text: string): slack.MrkdwnElement {
  return { type: "mrkdwn", text: text || " " };
}

function section(text: string): SlackBlock {
  return { type: "section", text: mrkdwn(truncate(text, SLACK_LIMITS.sectionText)) };
}

/** `text` is escaped unless `escaped` says it already is. */
function context(text: string, escaped = false): SlackBlock {
  return { type: "context", elements: [mrkdwn(truncate(escaped ? text : escapeMrkdwn(text), SLACK_LIMITS.sectionText))] };
}

function pushDefined<T>(into: T[], value: T | undefined): void {
  if (value !== undefined) into.push(value);
}
