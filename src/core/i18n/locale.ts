/**
 * The four languages Rapport speaks, and which one a reply is written in.
 *
 * Order of precedence (issue 14): the member's own choice, the platform's locale for that person,
 * the workspace default, RAPPORT_LOCALE, then English. A source whose value we cannot map is skipped
 * rather than treated as English, so a Slack member with `pt-BR` still gets the workspace's Korean.
 */
export const LOCALES = ["en", "zh-CN", "zh-TW", "ko"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Maps a BCP 47 tag as Slack (`zh-CN`, `zh-TW`, `ko-KR`, `en-US`, `en-GB`), Discord (`zh-CN`,
 * `zh-TW`, `ko`, `en-US`, `en-GB`), a browser or a person typing it gives it, to one of our locales.
 * Hong Kong and Macau read Traditional characters, so they get zh-TW (the closest catalog), and a
 * script subtag wins over the region (`zh-Hant-CN` is Traditional). Returns null for a language we
 * do not have, so the caller can fall through to the next source.
 */
export function localeFromTag(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  // Slack and some Unix variables write zh_CN or zh_CN.UTF-8; a tag's case carries no meaning.
  const parts = tag.trim().replace(/\..*$/, "").replace(/@.*$/, "").split(/[-_]/).filter(Boolean).map((part) => part.toLowerCase());
  const [language, ...rest] = parts;
  if (!language) return null;
  if (language === "en") return "en";
  if (language === "ko") return "ko";
  if (language === "zh" || language === "cmn" || language === "yue") {
    if (rest.includes("hant")) return "zh-TW";
    if (rest.includes("hans")) return "zh-CN";
    if (rest.some((part) => part === "tw" || part === "hk" || part === "mo")) return "zh-TW";
    // Cantonese without a region is written in Traditional characters almost everywhere.
    if (language === "yue") return "zh-TW";
    return "zh-CN";
  }
  return null;
}

export type LocaleSources = {
  /** What the member chose with `settings language`: one of our locales, or null when unset. */
  memberChoice?: string | null;
  /** The platform's locale for this person: Slack `users.info` locale, Discord `interaction.locale`. */
  platformLocale?: string | null;
  /** `settings workspace language`, or Discord's guild locale. */
  workspaceDefault?: string | null;
  /** RAPPORT_LOCALE. */
  envDefault?: string | null;
};

export function resolveLocale({ memberChoice, platformLocale, workspaceDefault, envDefault }: LocaleSources): Locale {
  for (const candidate of [memberChoice, platformLocale, workspaceDefault, envDefault]) {
    const locale = localeFromTag(candidate);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
