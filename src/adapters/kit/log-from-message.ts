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
