/**
 * `neutraliseText` over every piece of user-visible text in a Reply, so each renderer applies it in
 * one call at its entry point and no field (a button label, a table cell, a field error) is missed.
 * Button actions are left alone: they are commands and values the platforms send back, not text
 * anyone reads (the console, which prints commands, neutralises its whole output as well).
 */
import type { Attachment, Block, Button, Field, ListItem, Reply } from "../reply.js";
import { neutraliseText, type Neutraliser } from "./neutralise.js";

export function neutraliseReply(reply: Reply, neutralise: Neutraliser = neutraliseText): Reply {
  const text = neutralise;
  const field = (entry: Field): Field => ({ ...entry, label: text(entry.label), value: text(entry.value) });
  const button = (entry: Button): Button => ({ ...entry, label: text(entry.label) });
  const item = (entry: ListItem): ListItem => ({
    ...entry,
    title: text(entry.title),
    ...(entry.detail !== undefined ? { detail: text(entry.detail) } : {}),
    ...(entry.buttons ? { buttons: entry.buttons.map(button) } : {}),
  });
  const block = (entry: Block): Block => {
    switch (entry.type) {
      case "text":
        return { ...entry, text: text(entry.text) };
      case "fields":
        return { ...entry, fields: entry.fields.map(field) };
      case "card":
        return {
          ...entry,
          title: text(entry.title),
          ...(entry.subtitle !== undefined ? { subtitle: text(entry.subtitle) } : {}),
          ...(entry.text !== undefined ? { text: text(entry.text) } : {}),
          fields: entry.fields.map(field),
          ...(entry.buttons ? { buttons: entry.buttons.map(button) } : {}),
        };
      case "list":
        return { ...entry, ...(entry.title !== undefined ? { title: text(entry.title) } : {}), items: entry.items.map(item) };
      case "table":
        return {
          ...entry,
          ...(entry.title !== undefined ? { title: text(entry.title) } : {}),
          columns: entry.columns.map(text),
          rows: entry.rows.map((row) => row.map(text)),
        };
      case "buttons":
        return { ...entry, buttons: entry.buttons.map(button) };
      case "divider":
        return entry;
    }
  };
  const attachment = (entry: Attachment): Attachment => ({ ...entry, filename: text(entry.filename), altText: text(entry.altText) });
  return {
    ...reply,
    title: text(reply.title),
    blocks: reply.blocks.map(block),
    ...(reply.fieldErrors ? { fieldErrors: Object.fromEntries(Object.entries(reply.fieldErrors).map(([name, message]) => [name, text(message)])) } : {}),
    ...(reply.attachments ? { attachments: reply.attachments.map(attachment) } : {}),
  };
}
