/**
 * Neutral mention markers (src/digests/mention.ts) in Discord messages.
 *
 * Markers must survive markdown escaping, so before rendering each one becomes a short token
 * (`\uE000<n>\uE001`, which escaping leaves alone) and after rendering the token becomes `<@id>`
 * where Discord renders mentions (embed descriptions and field values) and "@name" elsewhere
 * (titles, field names, footers, code blocks, button labels). Only numeric Discord user ids become
 * `<@id>`; anything else (a member known only by a console handle) stays a name. Markers are never
 * roles, @everyone or @here, and CRM text cannot forge one (builders strip the marker characters).
 */
import type { APIEmbed } from "discord.js";
import type { Block, Button, ListItem, Reply } from "../../../core/reply.js";
import { MENTION_PATTERN, mentionsAsNames } from "../../../digests/mention.js";
import { escapeMarkdown, truncate } from "./escape.js";
import { DISCORD_LIMITS as L } from "./limits.js";

export type MentionTable = { id: string; name: string }[];

const TOKEN = /\uE000(\d+)\uE001/g;
const STRAY = /[\uE000\uE001]/g;
const SNOWFLAKE = /^\d{17,20}$/;

/** The reply with markers as tokens (or names where Discord cannot show a mention). Pure. */
export function tokenizeMentions(reply: Reply): { reply: Reply; mentions: MentionTable } {
  const mentions: MentionTable = [];
  const token = (text: string): string =>
    text.replace(MENTION_PATTERN, (_match, id: string, name: string) => {
      mentions.push({ id, name });
      return `\uE000${mentions.length - 1}\uE001`;
    });
  const label = (button: Button): Button => ({ ...button, label: mentionsAsNames(button.label) });
  const item = (entry: ListItem): ListItem => ({
    ...entry,
    title: token(entry.title),
    ...(entry.detail !== undefined ? { detail: token(entry.detail) } : {}),
    ...(entry.buttons ? { buttons: entry.buttons.map(label) } : {}),
  });
  const block = (entry: Block): Block => {
    switch (entry.type) {
      case "text":
        return { ...entry, text: token(entry.text) };
      case "fields":
        return { ...entry, fields: entry.fields.map((f) => ({ ...f, label: mentionsAsNames(f.label), value: token(f.value) })) };
      case "card":
        return {
          ...entry,
          title: mentionsAsNames(entry.title),
          ...(entry.subtitle !== undefined ? { subtitle: token(entry.subtitle) } : {}),
          ...(entry.text !== undefined ? { text: token(entry.text) } : {}),
          fields: entry.fields.map((f) => ({ ...f, label: mentionsAsNames(f.label), value: token(f.value) })),
          ...(entry.buttons ? { buttons: entry.buttons.map(label) } : {}),
        };
      case "list":
        return { ...entry, ...(entry.title !== undefined ? { title: token(entry.title) } : {}), items: entry.items.map(item) };
      case "table":
        // Inside a code block a mention would show as raw `<@id>`.
        return {
          ...entry,
          ...(entry.title !== undefined ? { title: mentionsAsNames(entry.title) } : {}),
          columns: entry.columns.map(mentionsAsNames),
          rows: entry.rows.map((row) => row.map(mentionsAsNames)),
        };
      case "buttons":
        return { ...entry, buttons: entry.buttons.map(label) };
      case "divider":
        return entry;
    }
  };
  return {
    reply: { ...reply, title: mentionsAsNames(reply.title), blocks: reply.blocks.map(block) },
    mentions,
  };
}

/** Tokens back to `<@id>` (descriptions, field values) or "@name" (everything else), limits re-applied. */
export function finishMentions(embeds: APIEmbed[], mentions: MentionTable): { embeds: APIEmbed[]; userIds: string[] } {
  if (mentions.length === 0) return { embeds, userIds: [] };
  const userIds = new Set<string>();
  const asName = (text: string) =>
    text.replace(TOKEN, (_m, index: string) => `@${escapeMarkdown(mentions[Number(index)]?.name ?? "")}`).replace(STRAY, "");
  const asMention = (text: string) =>
    text
      .replace(TOKEN, (_m, index: string) => {
        const entry = mentions[Number(index)];
        if (!entry) return "";
        if (!SNOWFLAKE.test(entry.id)) return `@${escapeMarkdown(entry.name)}`;
        userIds.add(entry.id);
        return `<@${entry.id}>`;
      })
      .replace(STRAY, "");
  const out = embeds.map((embed): APIEmbed => ({
    ...embed,
    ...(embed.title !== undefined ? { title: truncate(asName(embed.title), L.embedTitle) } : {}),
    ...(embed.description !== undefined ? { description: truncate(asMention(embed.description), L.embedDescription) } : {}),
    ...(embed.fields
      ? { fields: embed.fields.map((f) => ({ ...f, name: truncate(asName(f.name), L.fieldName), value: truncate(asMention(f.value), L.fieldValue) })) }
      : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: truncate(asName(embed.footer.text), L.footerText) } } : {}),
  }));
  return { embeds: out, userIds: [...userIds].slice(0, L.allowedMentionUsers) };
}
