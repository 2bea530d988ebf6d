/**
 * The language of an operator command (`rapport export`, `import`, `digest`): `--locale` when given,
 * else RAPPORT_LOCALE, else English, as for `rapport console`.
 */
import { createTranslator, LOCALES, localeFromTag, type Translate } from "../core/i18n/index.js";

export function cliTranslator(flag: string | undefined, configured: string | undefined): { t: Translate } | { error: string } {
  if (flag !== undefined) {
    const locale = localeFromTag(flag);
    const fallback = createTranslator(localeFromTag(configured) ?? "en");
    return locale ? { t: createTranslator(locale) } : { error: fallback("cli.badLocale", { choices: LOCALES.join(", ") }) };
  }
  return { t: createTranslator(localeFromTag(configured) ?? "en") };
}
