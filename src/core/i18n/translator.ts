/**
 * Message formatting on intl-messageformat (FormatJS): ICU MessageFormat, the syntax translators
 * and translation tools already know, with CLDR plural rules from the runtime's full ICU (Node 20
 * ships it), so `{count, plural, one {…} other {…}}` is right for English and correctly has only
 * `other` for Chinese and Korean. It formats strings only, with no React or global state, which
 * suits a core that renders for Slack, Discord and a console alike.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { CATALOGS, type MessageKey } from "./catalogs/index.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale.js";

/** Values for placeholders; Dates format in the process's time zone, so pass dates pre-formatted. */
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

export type Translate = ((key: MessageKey, values?: MessageValues) => string) & { readonly locale: Locale };

// Parsing is the expensive part; a message is compiled once per locale and process, on first use.
const compiled = new Map<Locale, Map<MessageKey, IntlMessageFormat>>();

function compile(locale: Locale, key: MessageKey): IntlMessageFormat {
  let byKey = compiled.get(locale);
  if (!byKey) {
    byKey = new Map();
    compiled.set(locale, byKey);
  }
  let message = byKey.get(key);
  if (!message) {
    message = new IntlMessageFormat(CATALOGS[locale][key], locale);
    byKey.set(key, message);
  }
  return message;
}

/** For keys built at run time (an error code looked up as `error.${code}`): check before calling t. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(CATALOGS.en, key);
}

/**
 * A `t(key, values)` for one locale. A locale string that is not one of ours (a stale value in
 * the database) gets English rather than an exception in the middle of a reply. A missing
 * placeholder value throws: that is a bug in the caller, and catalogs.test.ts keeps the catalogs'
 * placeholders equal to English's.
 */
export function createTranslator(locale: Locale): Translate {
  const resolved: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const t = (key: MessageKey, values?: MessageValues): string => {
    const result = compile(resolved, key).format(values);
    // With only primitive values the result is a string; the array form is for rich-text elements.
    return typeof result === "string" ? result : (result as unknown[]).join("");
  };
  return Object.assign(t, { locale: resolved });
}
