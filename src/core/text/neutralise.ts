/**
 * Making stored text honest on screen. Names, notes and every other stored string can hold
 * characters that change how text LOOKS without being seen: bidi overrides (`\u202Egnp.exe\u202C`
 * shows as `exe.png`), zero-width characters (two "Acme Corp"s that differ), tag characters (ASCII
 * hidden from the reader), terminal escapes. Every renderer (console, Slack, Discord) passes every
 * piece of user text through `neutraliseText` before escaping it, so what a reader sees is what is
 * stored, in the order it is stored.
 *
 * Two treatments, chosen by how the character can have got there:
 * - Characters Rapport refuses on input (C0/C1 controls other than tab and newline, bidi embeddings,
 *   overrides and isolates; see input-checks.ts and validate-row.ts) and broken UTF-16 (a lone
 *   surrogate) can only come from a tool writing straight to the database or a damaged value. They
 *   are REPLACED with a visible U+FFFD, so the reader sees that something was there
 *   (`\u202Egnp.exe\u202C` shows as `�gnp.exe�`, not `exe.png`).
 * - Other invisible format characters (LRM/RLM/ALM marks, zero-width space, word joiner, BOM, soft
 *   hyphen, tags, Hangul fillers...) arrive innocently through copy-paste from chat clients and
 *   right-to-left apps. They are REMOVED silently: a marker would litter legitimate Hebrew or Arabic
 *   names, and without them the text reads in its stored order.
 *
 * Zero-width joiner and non-joiner are kept where they carry meaning: ZWJ between emoji
 * (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻) and ZWJ/ZWNJ between letters of scripts that use them to choose letter
 * forms (Persian می‌خواهم, Devanagari क्‍ष). Between Latin, Han or Hangul letters they only hide a
 * difference, so they go. Emoji tag sequences (🏴󠁧󠁢󠁳󠁣󠁴󠁿, the flag of Scotland) keep their tags.
 *
 * Apply to raw user text BEFORE escaping: the escapers add their own zero-width characters
 * (`@\u2060channel`, `@\u200beveryone`) to keep broadcast words inert, and those must survive.
 */

/** A text-to-text pass; renderers take one so tests can swap in the identity and watch checks fail. */
export type Neutraliser = (text: string) => string;

export const REPLACEMENT = "\uFFFD";

/** Refused on input, so never legitimate in stored text: shown as REPLACEMENT. */
const REFUSED = /^[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]$/u;

/**
 * Everything either treatment touches: controls, format characters (\p{Cf}: bidi marks and
 * controls, zero-width characters, BOM, soft hyphen, tags...), the invisible combining grapheme
 * joiner and the Hangul fillers (blank "letters"), and lone surrogates (in a `u` regex a surrogate
 * class matches only unpaired halves). An emoji tag sequence is matched first and kept whole.
 */
const CANDIDATE =
  /(\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F})|[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\u034F\u115F\u1160\u3164\uFFA0\uD800-\uDFFF]/gu;

const ZWNJ = "\u200C";
const ZWJ = "\u200D";

/** Scripts whose letters legitimately take ZWJ/ZWNJ between them (cursive joining and Indic conjuncts). */
const JOINING_LETTER =
  /^(?=[\p{L}\p{M}])[\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Nko}\p{Script_Extensions=Mongolian}\p{Script_Extensions=Devanagari}\p{Script_Extensions=Bengali}\p{Script_Extensions=Gurmukhi}\p{Script_Extensions=Gujarati}\p{Script_Extensions=Oriya}\p{Script_Extensions=Tamil}\p{Script_Extensions=Telugu}\p{Script_Extensions=Kannada}\p{Script_Extensions=Malayalam}\p{Script_Extensions=Sinhala}]$/u;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
/** What may sit between an emoji and the ZWJ that joins it to the next: skin tones, VS16, keycap. */
const EMOJI_TRAILER = /^[\u{1F3FB}-\u{1F3FF}\uFE0F\u20E3]$/u;

export const neutraliseText: Neutraliser = (text) =>
  text.replace(CANDIDATE, (match: string, tagSequence: string | undefined, offset: number) => {
    if (tagSequence) return tagSequence;
    if (REFUSED.test(match)) return REPLACEMENT;
    if (match === ZWJ || match === ZWNJ) return joinerKept(text, offset) ? match : "";
    return "";
  });

/** ZWJ between emoji, or ZWJ/ZWNJ between letters of a joining script. */
function joinerKept(text: string, offset: number): boolean {
  const after = codePointAt(text, offset + 1);
  const justBefore = codePointBefore(text, offset);
  if (JOINING_LETTER.test(justBefore) && JOINING_LETTER.test(after)) return true;
  if (text[offset] !== ZWJ || !PICTOGRAPHIC.test(after)) return false;
  let end = offset;
  let before = justBefore;
  while (EMOJI_TRAILER.test(before)) {
    end -= before.length;
    before = codePointBefore(text, end);
  }
  return PICTOGRAPHIC.test(before);
}

function codePointAt(text: string, index: number): string {
  const code = text.codePointAt(index);
  return code === undefined ? "" : String.fromCodePoint(code);
}

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return "";
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? index - 2 : index - 1, index);
}
