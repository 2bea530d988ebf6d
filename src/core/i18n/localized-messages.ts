/**
 * Validation messages that exist in English inside zod schemas (built before any reader is known),
 * with the catalog key that says the same in the reader's language. Schemas register a message
 * with `localizable`; the core translates an issue's message with `localizeMessage` when it
 * builds the reply. English, and any message not registered, stays as written.
 */
import type { MessageKey } from "./catalogs/index.js";
import type { MessageValues, Translate } from "./translator.js";

/** `label` fills `{label}` with a catalog word; `field` fills `{field}` and `{argument}` with an option's name in the reader's words. */
type Localizable = { key: MessageKey; values?: MessageValues; label?: MessageKey; field?: string };

const REGISTERED = new Map<string, Localizable>();

/** Returns `message` unchanged, remembering the key (and a label key filling `{label}`) it translates to. */
export function localizable(message: string, key: MessageKey, values?: MessageValues, label?: MessageKey, field?: string): string {
  REGISTERED.set(message, { key, values, label, field });
  return message;
}

export function localizeMessage(message: string, t: Translate): string {
  if (t.locale === "en") return message;
  const found = REGISTERED.get(message);
  if (!found) return message;
  const field = found.field === undefined ? {} : { field: t("forms.field", { field: found.field }), argument: t("forms.field", { field: found.field }) };
  return t(found.key, { ...found.values, ...(found.label ? { label: t(found.label) } : {}), ...field });
}
