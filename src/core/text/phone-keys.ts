/**
 * Phone numbers are stored and searched as digits, plus their national significant number (no
 * international prefix, country code or trunk 0), so the local form people dial
 * (021-6258-3371) finds the stored international one (+86 21 6258 3371) and the other way round.
 */
import { phoneDigits } from "./normalize.js";

/** Country calling codes of the markets Rapport serves, longest first so 886 wins over 8x. */
const COUNTRY_CODES = ["886", "852", "853", "855", "856", "880", "86", "82", "84", "81", "65", "60", "66", "62", "63", "61", "49", "44", "43", "41", "39", "34", "33", "32", "31", "7", "1"];

/** "+86 21 6258 3371" -> "2162583371"; "021-6258-3371" -> "2162583371"; "6258 3371" -> "62583371". */
export function nationalNumber(raw: string): string {
  const text = raw.normalize("NFKC").trim();
  let digits = phoneDigits(text);
  let international = text.startsWith("+");
  if (digits.startsWith("00")) {
    digits = digits.slice(2);
    international = true;
  }
  if (international) {
    const code = COUNTRY_CODES.find((candidate) => digits.startsWith(candidate) && digits.length - candidate.length >= 6);
    if (code) digits = digits.slice(code.length);
  }
  // The trunk prefix, dialled inside the country and written "(0)" in some international forms.
  return digits.replace(/^0+/, "");
}

/** Every stored form of one phone: its digits and its national number. */
export function phoneKeys(raw: string): string[] {
  const digits = phoneDigits(raw);
  if (!digits) return [];
  const national = nationalNumber(raw);
  return national && national !== digits ? [digits, national] : [digits];
}

/** Marks phone elements in the gram array, apart from CJK grams and words. */
export const PHONE_GRAM_PREFIX = "tel:";
/** Numbers this long are looked up whole in the gram array; shorter ones are substrings (trigrams). */
export const WHOLE_PHONE_DIGITS = 7;

/**
 * Whole-number elements of the gram array for one phone: its national number and its last 8 and 7
 * digits (the subscriber number people type without an area code). An exact array lookup stays
 * selective at any size, where digit trigrams are shared by a large part of every book.
 */
export function phoneGrams(raw: string): string[] {
  const national = nationalNumber(raw);
  if (national.length < WHOLE_PHONE_DIGITS) return [];
  const tails = [national, national.slice(-8), national.slice(-WHOLE_PHONE_DIGITS)];
  return [...new Set(tails)].map((digits) => PHONE_GRAM_PREFIX + digits);
}
