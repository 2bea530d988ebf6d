/**
 * Whether typed text reads as a phone number, in the forms people of Rapport's markets write:
 * international (+86 138 0013 8000), local with an area code in brackets ((03)5555-1234, Taiwan)
 * or dashes (031-200-1114, Korea; 021-6258-3371, China), with an optional extension (x12, ext. 12).
 * The number itself is not checked against a numbering plan: search keys (phone-keys.ts) read
 * local and international forms of one number alike, whatever the country.
 */
const SHAPE = /^\+?[\d\s()\-./]+?(?:\s*(?:x|ext\.?|#|转|轉|내선)\s*\d{1,6})?$/i;
const EXTENSION = /(?:x|ext\.?|#|转|轉|내선)\s*\d{1,6}$/i;

export function isPhoneNumber(raw: string): boolean {
  const text = raw.normalize("NFKC").trim();
  if (text.length > 40 || !SHAPE.test(text)) return false;
  const number = text.replace(EXTENSION, "");
  const digits = number.replace(/\D/g, "").length;
  if (digits < 6 || digits > 15) return false;
  // Brackets hold an area code: balanced, not nested, digits only.
  return /^[^()]*(\(\d{1,5}\)[^()]*)?$/.test(number);
}

/** Words that continue a phone number typed with spaces after `phone=` (`+86 138 0013 8000`). */
export function continuesPhone(word: string): boolean {
  return /^[\d()\-.]*\d[\d()\-.]*$/.test(word.normalize("NFKC"));
}
