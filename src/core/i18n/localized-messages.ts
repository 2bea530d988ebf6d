/**
 * Validation messages that exist in English inside zod schemas (built before any reader is known),
 * with the catalog key that says the same in the reader's language. Schemas register a message
 * with `localizable`; the core translates an issue's message with `localizeMessage` when it
 * builds the reply. English, and any message not registered, stays as written.
 */
import type { MessageKey } from "./catalogs/index.js";
import { createTranslator, type MessageValues, type Translate } from "./translator.js";
import { typedChoiceList, typedFieldList } from "./typed-line.js";

/** `label` fills `{label}` with a catalog word; `field` fills `{field}` and `{argument}` with an option's name in the reader's words. */
type Localizable = { key: MessageKey; values?: MessageValues; label?: MessageKey; field?: string };

const REGISTERED = new Map<string, Localizable>();
/** Messages with a typed value in them ("25:00" is not a time of day) are registered per value: keep the latest only. */
const MAX_REGISTERED = 5000;

const ENGLISH = createTranslator("en");

/** Returns `message` unchanged, remembering the key (and a label key filling `{label}`) it translates to. */
export function localizable(message: string, key: MessageKey, values?: MessageValues, label?: MessageKey, field?: string): string {
  REGISTERED.delete(message);
  REGISTERED.set(message, { key, values, label, field });
  if (REGISTERED.size > MAX_REGISTERED) REGISTERED.delete(REGISTERED.keys().next().value!);
  return message;
}

/**
 * The English text of `key`, registered like `localizable`: for messages fixed before a reader is
 * known (zod schemas, parsers, services without a translator), which the reply then says in the
 * reader's language.
 */
export function englishOf(key: MessageKey, values?: MessageValues): string {
  return localizable(ENGLISH(key, values), key, values);
}

export function localizeMessage(message: string, t: Translate): string {
  if (t.locale === "en") return message;
  const found = REGISTERED.get(message);
  if (!found) return message;
  const field = found.field === undefined ? {} : { field: t("forms.field", { field: found.field }), argument: t("forms.field", { field: found.field }) };
  // A value that is itself a registered message (a reason inside a sentence) is said in `t`'s language too.
  const values = Object.fromEntries(
    Object.entries(found.values ?? {}).map(([name, value]) => [name, typeof value === "string" && value !== message ? localizeMessage(value, t) : value]),
  );
  if (typeof values.choices === "string") values.choices = localizeChoices(values.choices, t);
  if (typeof values.filters === "string") values.filters = separate(typedFieldList(values.filters.split(", "), t.locale), t);
  return t(found.key, { ...values, ...(found.label ? { label: t(found.label) } : {}), ...field });
}

/** A `{choices}` list ("today, tomorrow, week") in the words the reader types, where the vocabulary has them. */
function localizeChoices(list: string, t: Translate): string {
  return separate(typedChoiceList(list.split(", "), t.locale), t);
}

function separate(words: readonly string[], t: Translate): string {
  return words.join(t.locale.startsWith("zh") ? "、" : ", ");
}
