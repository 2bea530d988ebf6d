/**
 * The message shortcuts that look a message up ("Find in CRM", "Order status"), named once for both
 * adapters: Slack's callback ids and Discord's context-menu names (English; Discord localizes them
 * with name_localizations from the same catalog keys). The core reads the message (api.lookupMessage).
 */
import { createTranslator, type MessageKey } from "../../core/i18n/index.js";

export type MessageLookupShortcut = {
  kind: "customers" | "orders";
  /** The catalog key of its name. */
  nameKey: MessageKey;
  /** The English name: Discord's context-menu name. */
  name: string;
  /** The registry command whose view it shows; without it, the shortcut is not offered. */
  requires: string;
};

const ENGLISH = createTranslator("en");

export const MESSAGE_LOOKUP_SHORTCUTS: readonly MessageLookupShortcut[] = [
  { kind: "customers", nameKey: "command.findInCrm.name", name: ENGLISH("command.findInCrm.name"), requires: "show" },
  { kind: "orders", nameKey: "command.orderStatus.name", name: ENGLISH("command.orderStatus.name"), requires: "order" },
];

/** The lookup behind a Discord context-menu name, if it is one. */
export function messageLookupNamed(name: string): MessageLookupShortcut | undefined {
  return MESSAGE_LOOKUP_SHORTCUTS.find((shortcut) => shortcut.name === name);
}
