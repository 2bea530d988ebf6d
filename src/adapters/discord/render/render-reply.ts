/**
 * Reply -> Discord message (embeds + button rows). Pure: the only state is the button codec, which
 * parks over-long payloads. Enforces Discord's limits (see limits.ts) by truncating with a visible
 * note rather than letting Discord reject the whole message.
 */
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from "discord.js";
import type { Block, Button, Field, Reply } from "../../../core/reply.js";
import type { ButtonAction, ButtonCodec } from "./button-codec.js";
import { codeSafe, escapeMarkdown, safeUrl, truncate } from "./escape.js";
import { DISCORD_LIMITS as L } from "./limits.js";

export const COLORS = { normal: 0x5865f2, warning: 0xfee75c, error: 0xed4245 } as const;

export const TRUNCATED_NOTE = "… more not shown (Discord message limit)";

/** The message payload, in Discord API shape (snake_case), ready for discord.js `reply`/`editReply`/`send`. */
export type DiscordMessage = {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: { parse: [] };
  ephemeral: boolean;
};

type DraftEmbed = {
  title?: string;
  url?: string;
  color: number;
  lines: string[];
  fields: APIEmbedField[];
  footer?: string;
};

type DraftButton = { label: string; style?: Button["style"]; action: ButtonAction };

const ZERO_WIDTH = "\u200b";

function field(name: string, value: string, inline?: boolean): APIEmbedField {
  return {
    name: truncate(escapeMarkdown(name), L.fieldName) || ZERO_WIDTH,
    value: truncate(escapeMarkdown(value), L.fieldValue) || ZERO_WIDTH,
    ...(inline ? { inline: true } : {}),
  };
}

function textLine(block: Extract<Block, { type: "text" }>): string {
  const text = escapeMarkdown(block.text);
  switch (block.tone) {
    case "muted":
      return text
        .split("\n")
        .map((line) => (line.trim() ? `-# ${line}` : line))
        .join("\n");
    case "warning":
      return `⚠️ ${text}`;
    default:
      return text;
  }
}

function tableText(block: Extract<Block, { type: "table" }>): string {
  const rows = [block.columns, ...block.rows].map((row) => row.map((cell) => codeSafe(cell.replace(/\s+/g, " "))));
  const widths = block.columns.map((_, column) => Math.min(40, Math.max(...rows.map((row) => (row[column] ?? "").length))));
  const format = (row: string[]) =>
    widths
      .map((width, column) => {
        const cell = truncate(row[column] ?? "", width);
        return block.align?.[column] === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const [header = [], ...body] = rows;
  const ruler = widths.map((width) => "-".repeat(width)).join("  ");
  const lines = [format(header), ruler, ...body.map(format)];
  const title = block.title ? `**${escapeMarkdown(block.title)}**\n` : "";
  return `${title}\`\`\`\n${lines.join("\n")}\n\`\`\``;
}

function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, item) => sum + item.name.length + item.value.length, 0)
  );
}

function finish(draft: DraftEmbed): APIEmbed {
  const description = draft.lines.join("\n").trim();
  return {
    ...(draft.title ? { title: draft.title } : {}),
    ...(draft.url ? { url: draft.url } : {}),
    ...(description ? { description } : {}),
    color: draft.color,
    ...(draft.fields.length ? { fields: draft.fields } : {}),
    ...(draft.footer ? { footer: { text: draft.footer } } : {}),
  };
}

/** Keep the message within 10 embeds and 6000 characters overall, cutting the last one that fits with a note. */
function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const total = embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  if (embeds.length <= L.embedsPerMessage && total <= L.embedTotal) return embeds;
  const out: APIEmbed[] = [];
  let remaining = L.embedTotal - TRUNCATED_NOTE.length;
  for (const [index, embed] of embeds.entries()) {
    const isLastAllowed = index === L.embedsPerMessage - 1;
    const size = embedSize(embed);
    if (size <= remaining && !isLastAllowed) {
      out.push(embed);
      remaining -= size;
      continue;
    }
    const { footer: _footer, ...rest } = embed;
    void _footer;
    const cut: APIEmbed = { ...rest, footer: { text: TRUNCATED_NOTE } };
    if (cut.title) {
      cut.title = truncate(cut.title, Math.min(L.embedTitle, remaining));
      remaining -= cut.title.length;
      if (!cut.title) delete cut.title;
    }
    if (cut.description) {
      cut.description = truncate(cut.description, Math.min(L.embedDescription, remaining));
      remaining -= cut.description.length;
      if (!cut.description) delete cut.description;
    }
    if (cut.fields) {
      const kept: APIEmbedField[] = [];
      for (const item of cut.fields) {
        if (item.name.length + item.value.length > remaining) break;
        kept.push(item);
        remaining -= item.name.length + item.value.length;
      }
      if (kept.length) cut.fields = kept;
      else delete cut.fields;
    }
    out.push(cut);
    break;
  }
  return out;
}

function buttonLabel(label: string): string {
  return truncate(label, L.buttonLabel) || "…";
}

function layoutButtons(
  content: DraftButton[],
  navigation: DraftButton[],
  codec: ButtonCodec,
): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const maxContent = L.actionRows * L.buttonsPerRow - (navigation.length ? L.buttonsPerRow : 0);
  const rows: DraftButton[][] = [];
  const kept = content.slice(0, maxContent);
  for (let start = 0; start < kept.length; start += L.buttonsPerRow) rows.push(kept.slice(start, start + L.buttonsPerRow));
  if (navigation.length) rows.push(navigation.slice(0, L.buttonsPerRow));
  let slot = 0;
  return rows.map((row) => ({
    type: 1,
    components: row.map((button) => ({
      type: 2,
      style: button.style === "primary" ? 1 : button.style === "danger" ? 4 : 2,
      label: buttonLabel(button.label),
      custom_id: codec.encode(button.action, slot++),
    })),
  }));
}

export function renderReply(reply: Reply, codec: ButtonCodec): DiscordMessage {
  const color = reply.isError ? COLORS.error : COLORS.normal;
  const drafts: DraftEmbed[] = [];
  const buttons: DraftButton[] = [];
  let current: DraftEmbed = { title: truncate(escapeMarkdown(reply.title), L.embedTitle), color, lines: [], fields: [] };
  drafts.push(current);
  let currentIsCard = false;

  const fresh = (): DraftEmbed => {
    const next: DraftEmbed = { color, lines: [], fields: [] };
    drafts.push(next);
    currentIsCard = false;
    return next;
  };
  const leaveCard = () => {
    if (currentIsCard) current = fresh();
  };
  const addLine = (line: string) => {
    const used = current.lines.reduce((sum, existing) => sum + existing.length + 1, 0);
    if (used + line.length > L.embedDescription && current.lines.length) current = fresh();
    current.lines.push(truncate(line, L.embedDescription));
  };
  const addFields = (fields: Field[]) => {
    for (const item of fields) {
      if (current.fields.length >= L.embedFields) current = fresh();
      current.fields.push(field(item.label, item.value, item.inline));
    }
  };

  for (const block of reply.blocks) {
    switch (block.type) {
      case "text":
        leaveCard();
        if (block.tone === "warning" && !reply.isError) current.color = COLORS.warning;
        addLine(textLine(block));
        break;
      case "fields":
        leaveCard();
        addFields(block.fields);
        break;
      case "card": {
        const url = safeUrl(block.url);
        const mainIsEmpty = drafts.length === 1 && !current.lines.length && !current.fields.length;
        if (!mainIsEmpty) {
          current = fresh();
          current.title = truncate(escapeMarkdown(block.title), L.embedTitle);
        } else if (block.title !== reply.title) {
          addLine(`**${escapeMarkdown(block.title)}**`);
        }
        if (url) current.url = url;
        currentIsCard = true;
        if (block.subtitle) addLine(`-# ${escapeMarkdown(block.subtitle)}`);
        if (block.text) addLine(escapeMarkdown(block.text));
        addFields(block.fields);
        for (const button of block.buttons ?? []) buttons.push(button);
        break;
      }
      case "list":
        leaveCard();
        if (block.title) addLine(`**${escapeMarkdown(block.title)}**`);
        for (const item of block.items) {
          const detail = item.detail ? ` — ${escapeMarkdown(item.detail)}` : "";
          addLine(`• **${escapeMarkdown(item.title)}**${detail}`);
          for (const button of item.buttons ?? []) {
            buttons.push({ ...button, label: `${button.label}: ${item.title}` });
          }
        }
        break;
      case "table":
        leaveCard();
        addLine(tableText(block));
        break;
      case "buttons":
        buttons.push(...block.buttons);
        break;
      case "divider":
        leaveCard();
        addLine("─".repeat(24));
        break;
    }
  }

  if (reply.fieldErrors) {
    leaveCard();
    addFields(Object.entries(reply.fieldErrors).map(([name, message]) => ({ label: `⚠️ ${name}`, value: message })));
  }

  const navigation: DraftButton[] = [];
  if (reply.paging) {
    const { page, pageCount, totalItems, previous, next } = reply.paging;
    const last = drafts[drafts.length - 1]!;
    last.footer = `Page ${page} of ${pageCount} · ${totalItems} ${totalItems === 1 ? "item" : "items"}`;
    if (previous) navigation.push({ label: "◀ Previous", action: { kind: "page", command: previous } });
    if (next) navigation.push({ label: "Next ▶", action: { kind: "page", command: next } });
  }
  const ephemeral = reply.visibility === "ephemeral";
  if (ephemeral && !reply.isError) navigation.push({ label: "Share", action: { kind: "share" } });

  const embeds = fitEmbeds(drafts.map(finish).filter((embed) => embedSize(embed) > 0));
  return {
    embeds: embeds.length ? embeds : [{ title: ZERO_WIDTH, color }],
    components: layoutButtons(buttons, navigation, codec),
    allowedMentions: { parse: [] },
    ephemeral,
  };
}
