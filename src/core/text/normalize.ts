/**
 * Text normalisation shared by stored search keys and queries, so both sides compare equal:
 * case-folded, accents removed (Müller -> muller), Traditional Chinese folded to Simplified
 * (宏達 -> 宏达) with OpenCC's dictionaries, full-width forms folded by NFKC.
 */
import { Converter } from "opencc-js/t2cn";

const traditionalToSimplified = Converter({ from: "t", to: "cn" });

/** Traditional Chinese characters as Simplified ones (宏達 -> 宏达); anything else is returned as it is. */
export function toSimplifiedChinese(text: string): string {
  return traditionalToSimplified(text);
}

const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;

export function containsHan(text: string): boolean {
  return HAN.test(text);
}

export function containsHangul(text: string): boolean {
  return HANGUL.test(text);
}

/** Characters searched by n-gram array rather than trigrams: Han, Hangul syllables and jamo, kana. */
export function isGramCharacter(char: string): boolean {
  return /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char);
}

/** ASCII has no accents, compatibility forms or Han: only case and spacing to fold. */
const ASCII = /^[\x00-\x7f]*$/;

export function normalizeText(text: string): string {
  // Most names in a Western book, and every email and website: skips three Unicode normalisations.
  if (ASCII.test(text)) return text.toLowerCase().replace(/\s+/g, " ").trim();
  // NFKD then strip combining marks removes accents; NFC afterwards recomposes Hangul syllables
  // (NFKD splits them into conjoining jamo, which are letters, not marks).
  // Hangul compatibility jamo (ㅅ, ㅈ: typed initials) are kept as they are: NFKD would turn them
  // into conjoining jamo that no longer equal the stored initials.
  const withoutAccents = text.replace(/[^\u3130-\u318F]+/g, (segment) =>
    segment.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFC"),
  );
  // đ (Vietnamese) has no decomposition, so accent stripping leaves it: "Đông" must find "dong".
  const folded = withoutAccents.toLowerCase().replace(/ß/g, "ss").replace(/đ/g, "d").replace(/\s+/g, " ").trim();
  return containsHan(folded) ? traditionalToSimplified(folded) : folded;
}

/** Phone numbers compare as digits only: "+1 (555) 010-2030" -> "15550102030". */
export function phoneDigits(text: string): string {
  // NFKC first: full-width digits (６２５８) are not \d.
  return text.normalize("NFKC").replace(/\D/g, "");
}

/** The first `count` code points (slicing UTF-16 units could leave half an emoji, which UTF-8 cannot carry). */
export function sliceCodePoints(text: string, count: number): string {
  return [...text].slice(0, count).join("");
}
