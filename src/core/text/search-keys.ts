/**
 * Builds the search keys stored on each customer and the matching query terms. The database
 * indexes these keys (trigram GIN on searchDoc/searchPhones, array GIN on searchGrams, btree
 * prefix on searchName), so a search never loads customers into memory.
 */
import { pinyin } from "pinyin-pro";
import { getChoseong } from "es-hangul";
import { containsHan, containsHangul, isGramCharacter, normalizeText, phoneDigits } from "./normalize.js";

export type SearchableCustomer = {
  name: string;
  aliases: string[];
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  contacts: { name: string; email?: string | null; phone?: string | null }[];
};

export type SearchKeys = {
  searchName: string;
  searchDoc: string;
  searchGrams: string[];
  searchPhones: string;
};

/** Pinyin without tones or spaces plus initials: 上海宏达 -> ["shanghaihongda", "shhd"]. */
function pinyinKeys(text: string): string[] {
  const han = [...text].filter((char) => containsHan(char)).join("");
  if (!han) return [];
  const full = pinyin(han, { toneType: "none", type: "array" }).join("");
  const initials = pinyin(han, { pattern: "first", toneType: "none", type: "array" }).join("");
  return [full, initials];
}

/** Hangul initial consonants: 삼성전자 -> ㅅㅅㅈㅈ. */
function hangulInitials(text: string): string {
  const hangul = [...text].filter((char) => /\p{Script=Hangul}/u.test(char)).join("");
  return hangul ? getChoseong(hangul) : "";
}

/** Unigrams and bigrams of every run of CJK/Hangul characters (runs are split at other characters). */
export function cjkGrams(text: string): string[] {
  const grams = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      grams.add(run[i]!);
      if (i + 1 < run.length) grams.add(run[i]! + run[i + 1]!);
    }
    run = [];
  };
  for (const char of text) {
    if (isGramCharacter(char)) run.push(char);
    else flush();
  }
  flush();
  return [...grams];
}

export function buildSearchKeys(customer: SearchableCustomer): SearchKeys {
  const names = [customer.name, ...customer.aliases, ...customer.contacts.map((contact) => contact.name)]
    .map(normalizeText)
    .filter(Boolean);
  const extra: string[] = [];
  const grams = new Set<string>();
  for (const name of names) {
    if (containsHan(name)) extra.push(...pinyinKeys(name));
    if (containsHangul(name)) {
      const initials = hangulInitials(name);
      extra.push(initials);
      for (const gram of cjkGrams(initials)) grams.add(gram);
    }
    for (const gram of cjkGrams(name)) grams.add(gram);
  }
  const emails = [customer.email, ...customer.contacts.map((contact) => contact.email)]
    .filter((value): value is string => !!value)
    .map(normalizeText);
  const website = customer.website ? [normalizeText(customer.website)] : [];
  const phones = [customer.phone, ...customer.contacts.map((contact) => contact.phone)]
    .filter((value): value is string => !!value)
    .map(phoneDigits)
    .filter(Boolean);
  return {
    searchName: normalizeText(customer.name),
    // " | " separates entries so that trigram word-similarity does not glue words across fields.
    searchDoc: [...new Set([...names, ...extra, ...emails, ...website])].join(" | "),
    searchGrams: [...grams],
    searchPhones: phones.join(" "),
  };
}

export type SearchQuery = {
  /** Normalised query text. */
  text: string;
  /** Non-empty when the query contains CJK/Hangul: every gram must be present. */
  grams: string[];
  /** Digits when the query looks like a phone number (3+ digits, only phone punctuation). */
  digits: string;
};

export function buildSearchQuery(raw: string): SearchQuery {
  const text = normalizeText(raw);
  const hasGramChars = [...text].some(isGramCharacter);
  // For a CJK query of any length, require its bigrams (or its single character): index-backed.
  const grams = hasGramChars
    ? cjkGrams(text).filter((gram) => [...gram].length === 2 || [...text].filter(isGramCharacter).length === 1)
    : [];
  const digits = /^[\d\s()+\-.]+$/.test(raw.trim()) && phoneDigits(raw).length >= 3 ? phoneDigits(raw) : "";
  return { text, grams, digits };
}
