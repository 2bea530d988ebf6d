/** Rapport's languages: message catalogs, locale choice, typed command words and table alignment. */
export { DEFAULT_LOCALE, LOCALES, isLocale, localeFromTag, resolveLocale, type Locale, type LocaleSources } from "./locale.js";
export { createTranslator, isMessageKey, type MessageValues, type Translate } from "./translator.js";
export { CATALOGS, type Catalog, type MessageKey } from "./catalogs/index.js";
export {
  COMMAND_NAMES,
  COMMAND_WORDS,
  VOCABULARY,
  canonicalize,
  commandName,
  lookupWord,
  matchKey,
  toHalfWidth,
  type CanonicalizeOptions,
  type CommandWord,
  type VocabularySet,
} from "./vocabulary.js";
export { columnWidths, displayWidth, formatTable, padToWidth, truncateToWidth, type Align, type TableOptions } from "./table-width.js";
