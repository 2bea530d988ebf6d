/**
 * Reply -> Discord message (embeds + button rows). Pure: the only state is the button codec, which
 * parks over-long payloads. Every piece of user text is neutralised first (no bidi overrides or
 * invisible characters, core/text/neutralise.ts), then escaped. Enforces Discord's limits (see
 * limits.ts) by truncating on grapheme boundaries with a visible note rather than letting Discord
 * reject the whole message.
 */
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField } from "discord.js";
import type { Attachment, Block, Button, Field, Reply } from "../../../core/reply.js";
import type { ButtonCodec } from "./button-codec.js";
import type { ButtonAction } from "../../kit/button-action.js";
import { pagingFooter, translatorFor } from "../../kit/paging.js";
import { createTranslator, type Translate } from "../../../core/i18n/index.js";
import { codeSafe, escapeMarkdown, safeUrl, truncate } from "./escape.js";
import { DISCORD_LIMITS as L } from "./limits.js";
import { finishMentions, tokenizeMentions } from "./mentions.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import { neutraliseReply } from "../../../core/text/neutralise-reply.js";

export const COLORS = { normal: 0x5865f2, warning: 0xfee75c, error: 0xed4245 } as const;

/** The note under a message cut to Discord's limits, as English readers see it. */
export const TRUNCATED_NOTE = createTranslator("en")("surface.truncatedNote");

/** A file to upload with the message (multipart/form-data), from `Reply.attachments`. */
export type DiscordFile = { name: string; contentType: string; data: Buffer; description: string };

/** The message payload, in Discord API shape (snake_case), ready for discord.js `reply`/`editReply`/`send`. */
export type DiscordMessage = {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: { parse: [] };
  ephemeral: boolean;
  /** Present when the reply carries attachments that fit Discord's limits. */
  files?: DiscordFile[];
  /**
   * Discord user ids shown as `<@id>` (digest owners). Interaction replies still ping nobody
   * (`parse: []`); a channel post may allow exactly these users (see digest-poster.ts).
   */
  mentionedUserIds?: string[];
};

export type RenderOptions = {
  /** Largest file Discord accepts here (the interaction's `attachment_size_limit`); default 10 MiB. */
  attachmentSizeLimit?: number;
  /**
   * Appended to the last embed's footer after the limits are applied, so it always survives
   * (the digest idempotency marker). Joined with FOOTER_SEPARATOR.
   */
  footerSuffix?: string;
  /** Applied to every piece of user text; tests pass the identity to show the hostile-text check can fail. */
  neutralise?: Neutraliser;
};

export const FOOTER_SEPARATOR = " · ";

/** Discord's default upload limit per file for servers without boosts. */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

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
function fitEmbeds(embeds: APIEmbed[], reserve: number, note: string): APIEmbed[] {
  const total = embeds.reduce((sum, embed) => sum + embedSize(embed), 0);
  if (embeds.length <= L.embedsPerMessage && total <= L.embedTotal - reserve) return embeds;
  const out: APIEmbed[] = [];
  let remaining = L.embedTotal - reserve - note.length;
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
    const cut: APIEmbed = { ...rest, footer: { text: note } };
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

/** `attachment://` names must be plain: letters, digits, dot, dash, underscore. */
/**
 * A rendered message's files for a REST channel post: the attachment entries go into the JSON body
 * (`attachments`, ids matching the upload order) and the bytes alongside (`files`).
 */
export function restUpload(message: DiscordMessage): {
  attachments?: { id: number; filename: string; description: string }[];
  files?: { name: string; data: Buffer; contentType: string }[];
} {
  if (!message.files?.length) return {};
  return {
    attachments: message.files.map((file, index) => ({ id: index, filename: file.name, description: file.description })),
    files: message.files.map((file) => ({ name: file.name, data: file.data, contentType: file.contentType })),
  };
}

export function attachmentName(filename: string, index: number): string {
  const clean = (part: string) =>
    part.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|[._]+$/g, "");
  const extension = filename.match(/\.([A-Za-z0-9]{1,10})$/)?.[1] ?? "";
  const base = clean(extension ? filename.slice(0, -extension.length - 1) : filename) || `file-${index + 1}`;
  return `${base.slice(0, 90)}${extension ? `.${extension}` : ""}`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Files within Discord's limits (10 per message, the size limit per file); the rest are named in a note. */
function selectFiles(attachments: readonly Attachment[], sizeLimit: number, t: Translate): { files: DiscordFile[]; notes: string[] } {
  const files: DiscordFile[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  for (const [index, attachment] of attachments.entries()) {
    let name = attachmentName(attachment.filename, index);
    if (used.has(name)) name = `${index + 1}-${name}`;
    if (attachment.data.byteLength > sizeLimit) {
      notes.push(t("surface.fileTooLarge", { name: attachment.filename, size: formatBytes(attachment.data.byteLength), limit: formatBytes(sizeLimit) }));
      continue;
    }
    if (files.length >= L.filesPerMessage) {
      notes.push(t("surface.tooManyFiles", { name: attachment.filename, max: L.filesPerMessage }));
      continue;
    }
    used.add(name);
    files.push({
      name,
      contentType: attachment.contentType,
      data: Buffer.from(attachment.data.buffer, attachment.data.byteOffset, attachment.data.byteLength),
      description: truncate(attachment.altText.replace(/\s+/g, " ").trim(), L.attachmentDescription),
    });
  }
  return { files, notes };
}

export function renderReply(input: Reply, codec: ButtonCodec, options: RenderOptions = {}): DiscordMessage {
  const { reply, mentions } = tokenizeMentions(neutraliseReply(input, options.neutralise ?? neutraliseText));
  const t = translatorFor(reply);
  const selected = selectFiles(reply.attachments ?? [], options.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT, t);
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

  for (const note of selected.notes) {
    leaveCard();
    addLine(`⚠️ ${escapeMarkdown(note)}`);
  }

  if (reply.fieldErrors) {
    leaveCard();
    addFields(Object.entries(reply.fieldErrors).map(([name, message]) => ({ label: `⚠️ ${t.locale === "en" ? name : t("forms.field", { field: name })}`, value: message })));
  }

  const navigation: DraftButton[] = [];
  if (reply.paging) {
    const { page, pageCount, totalItems, previous, next } = reply.paging;
    const last = drafts[drafts.length - 1]!;
    last.footer = pagingFooter({ page, pageCount, totalItems }, t);
    if (previous) navigation.push({ label: t("button.previous"), action: { kind: "page", command: previous } });
    if (next) navigation.push({ label: t("button.next"), action: { kind: "page", command: next } });
  }
  const ephemeral = reply.visibility === "ephemeral";
  if (ephemeral && !reply.isError) navigation.push({ label: t("button.share"), action: { kind: "share" } });

  const finished = drafts.map(finish);
  // A chart shows inside the first embed; other files are listed under the message by Discord.
  const image = selected.files.find((file) => file.contentType.startsWith("image/"));
  if (image && finished[0]) finished[0].image = { url: `attachment://${image.name}` };
  const { embeds: withMentions, userIds } = finishMentions(finished, mentions);
  const suffix = options.footerSuffix ? truncate(options.footerSuffix, 200) : undefined;
  const embeds = fitEmbeds(
    withMentions.filter((embed) => embedSize(embed) > 0 || embed.image),
    suffix ? suffix.length + FOOTER_SEPARATOR.length : 0,
    t("surface.truncatedNote"),
  );
  if (suffix) {
    if (!embeds.length) embeds.push({ title: ZERO_WIDTH, color });
    const last = embeds[embeds.length - 1]!;
    const existing = last.footer?.text ? truncate(last.footer.text, L.footerText - suffix.length - FOOTER_SEPARATOR.length) : "";
    last.footer = { ...last.footer, text: existing ? `${existing}${FOOTER_SEPARATOR}${suffix}` : suffix };
  }
  return {
    embeds: embeds.length ? embeds : [{ title: ZERO_WIDTH, color }],
    components: layoutButtons(buttons, navigation, codec),
    allowedMentions: { parse: [] },
    ephemeral,
    ...(selected.files.length ? { files: selected.files } : {}),
    ...(userIds.length ? { mentionedUserIds: userIds } : {}),
  };
}
