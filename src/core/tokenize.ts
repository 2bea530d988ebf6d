import { continuesPhone } from "./text/phone-check.js";

/**
 * Splits a command line into words. Double or single quotes group words ("Acme Corp"); smart
 * quotes typed by phones count as quotes too. `key=value` pairs stay one word.
 */
export function tokenize(line: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: string | null = null;
  let hasWord = false;
  const closing: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "「": "」" };
  for (const char of line) {
    if (quote) {
      if (char === closing[quote]) quote = null;
      else current += char;
      continue;
    }
    if (char in closing && (current === "" || current.endsWith("="))) {
      quote = char;
      hasWord = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (hasWord || current) words.push(current);
      current = "";
      hasWord = false;
      continue;
    }
    current += char;
    hasWord = true;
  }
  if (hasWord || current) words.push(current);
  return words;
}

/** Fields whose value may be typed with spaces, unquoted: `phone=+86 138 0013 8000`. */
const PHONE_KEYS = new Set(["phone", "tel", "mobile"]);

/**
 * Splits trailing `key=value` words off: `["acme", "grade=A"]` -> words ["acme"], fields {grade: "A"}.
 * Digit groups right after a phone field belong to the number, not to the words around it.
 */
export function splitFields(words: string[]): { words: string[]; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  let phoneKey: string | null = null;
  for (const word of words) {
    const match = /^([a-zA-Z_][\w-]*)=(.*)$/s.exec(word);
    if (match) {
      const key = match[1]!.toLowerCase();
      fields[key] = match[2]!;
      phoneKey = PHONE_KEYS.has(key) && match[2] !== "" ? key : null;
    } else if (phoneKey && continuesPhone(word)) {
      fields[phoneKey] = `${fields[phoneKey]} ${word}`;
    } else {
      phoneKey = null;
      rest.push(word);
    }
  }
  return { words: rest, fields };
}
