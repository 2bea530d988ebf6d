/**
 * "Log to CRM" on a chat message: the registry's log form, prefilled from the message. Slack (a
 * message shortcut) and Discord (a message context menu) open the same form the same way.
 */
import type { CommandDefinition } from "../../core/command.js";
import { createTranslator, type Translate } from "../../core/i18n/index.js";

export const LOG_COMMAND = "log";
/** The English name (Discord's context-menu name, localized by name_localizations). */
export const LOG_FROM_MESSAGE_TITLE = createTranslator("en")("command.logToCrm.name");

/** The form's title in the reader's language (the context menu's own name is localized by Discord). */
export function logFromMessageTitle(t: Translate): string {
  return t("command.logToCrm.name");
}

export function findLogCommand(commands: readonly CommandDefinition[]): CommandDefinition | undefined {
  return commands.find((command) => command.name === LOG_COMMAND);
}

/**
 * The summary is the message's text (cut to `maxSummary` when the platform's input holds less);
 * it came from a chat message, so "chat" is the likely channel when the registry offers it.
 */
export function logFromMessagePrefill(log: CommandDefinition, messageText: string | undefined, maxSummary?: number): Record<string, string> {
  const prefill: Record<string, string> = {};
  if (log.options.find((option) => option.name === "channel")?.choices?.includes("chat")) prefill.channel = "chat";
  const summary = (messageText ?? "").trim();
  if (summary) prefill.summary = maxSummary === undefined ? summary : summary.slice(0, maxSummary);
  return prefill;
}

/** Names for the ids a message's markup refers to; an id without a name stays an id. */
export type MarkupNames = { user?: (id: string) => string | undefined; channel?: (id: string) => string | undefined };

/** Slack user ids a message's mrkdwn mentions (`<@U123>`, `<@W123|name>`), in order, once each. */
export function mentionedSlackUsers(text: string): string[] {
  return [...new Set([...text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)].map((match) => match[1]!))];
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/**
 * A Slack message's text (mrkdwn, as the API returns it) as the plain text a person reads, for the
 * summary a "Log to CRM" form is prefilled with: `<@U123>` -> `@Pat`, `<#C1|sales>` -> `#sales`,
 * `<!here>` -> `@here`, `<https://x|label>` -> `label (https://x)`, `<mailto:a@b|a@b>` -> `a@b`,
 * `*bold*` `_italic_` `~strike~` and `code` marks dropped, quote marks dropped, and the escaped
 * `&amp;` `&lt;` `&gt;` read back as `&` `<` `>`.
 */
export function plainTextFromSlackMrkdwn(text: string, names: MarkupNames = {}): string {
  const plain = text
    .replace(/```([\s\S]*?)```/g, (_match, code: string) => code.replace(/^\n|\n$/g, ""))
    .replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) => `@${label || names.user?.(id) || id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/g, (_match, id: string, label?: string) => `#${label || names.channel?.(id) || id}`)
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_match, label?: string) => (label ? (label.startsWith("@") ? label : `@${label}`) : "@group"))
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, "@$1")
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<((?:https?|mailto|tel):[^|>]+)\|([^>]+)>/g, (_match, url: string, label: string) => {
      const bare = url.replace(/^(?:mailto|tel):/, "");
      return label === url || label === bare || url.replace(/^https?:\/\//, "").replace(/\/$/, "") === label ? label : `${label} (${bare})`;
    })
    .replace(/<((?:https?|mailto|tel):[^>]+)>/g, (_match, url: string) => url.replace(/^(?:mailto|tel):/, ""))
    .replace(/^&gt;\s?/gm, "")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,!?:;])/gm, "$1$2")
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,!?:;])/gm, "$1$2")
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,!?:;])/gm, "$1$2");
  return plain.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity]!).trim();
}
