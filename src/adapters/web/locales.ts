/** The page's language before anyone signs in: the browser's Accept-Language, then RAPPORT_LOCALE, then English. */
import { DEFAULT_LOCALE, createTranslator, localeFromTag, type Locale, type Translate } from "../../core/i18n/index.js";

export { createTranslator, localeFromTag, type Locale, type Translate };

/** The first of the browser's languages (by q weight) that Rapport speaks. */
export function resolveLocaleTag(acceptLanguage: string | undefined, fallback?: string): Locale {
  const tags = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag?.trim() ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    const locale = localeFromTag(tag);
    if (locale) return locale;
  }
  return localeFromTag(fallback) ?? DEFAULT_LOCALE;
}
