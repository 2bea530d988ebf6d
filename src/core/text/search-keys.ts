/**
 * Builds the search keys stored on each customer and the matching query terms. The database
 * indexes these keys (trigram GIN on searchDoc/searchPhones, array GIN on searchGrams, btree
 * prefix on searchName), so a search never loads customers into memory.
 *
 * searchDoc has four sections, so that SQL can rank by where a query matched:
 *   "| name core | name | alias core | alias | romanizations | pinyin | ~~ contacts ~~ initials ~~ website ; emails"
 * The first two are what a typo can be a typo of; they have a trigram index of their own, small
 * enough that a typo search stays fast at a million customers (addresses are typed exactly).
 * searchGrams holds CJK grams, two-letter words and whole phone numbers ("tel:2162583371").
 * The first entry is always the name without its legal form. "|", "~~" and ";" never occur in
 * a query (buildSearchQuery removes them), so `'| ' || q || ' |'` is an exact-entry test.
 */
import { getChoseong } from "es-hangul";
import { containsHan, containsHangul, isGramCharacter, normalizeText, phoneDigits } from "./normalize.js";
import { stripLegalForm } from "./legal-forms.js";
import { koreanRomanizations } from "./korean-romanization.js";
import { pinyinKeys } from "./pinyin-keys.js";
import { nationalNumber, phoneGrams, phoneKeys, PHONE_GRAM_PREFIX, WHOLE_PHONE_DIGITS } from "./phone-keys.js";

/**
 * Version of the key format. Rows whose `search_keys_version` is older are re-derived after
 * migrations (src/data/search-keys-rederive.ts); the column's database default must equal this.
 */
export const SEARCH_KEYS_VERSION = 3;

export const DOC_SECTION = " ~~ ";
export const DOC_ENTRY = " | ";

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

/** Characters that structure searchDoc: removed from names and queries alike. */
const STRUCTURE = /[|~;]+/g;

function clean(text: string): string {
  return normalizeText(text.replace(STRUCTURE, " "));
}

function containsCjkSpace(text: string): boolean {
  return /[\p{Script=Han}\p{Script=Hangul}]\s+[\p{Script=Han}\p{Script=Hangul}]/u.test(text);
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

/** Two-character Latin/digit words ("lg", "3m"): too short for trigrams, so found as array elements. */
function shortWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}&]+/u).filter((word) => word.length === 2 && !isGramCharacter(word.charAt(0)));
}

/** Readings typed instead of the written name: romanized Hangul, pinyin and their initials. */
function readings(text: string): { spelled: string[]; initials: string[] } {
  const spelled: string[] = [];
  const initials: string[] = [];
  if (containsHan(text)) {
    const keys = pinyinKeys(text);
    spelled.push(...keys.full);
    initials.push(...keys.initials);
  }
  if (containsHangul(text)) {
    spelled.push(...koreanRomanizations(text));
    initials.push(hangulInitials(text));
  }
  return { spelled, initials };
}

export function buildSearchKeys(customer: SearchableCustomer): SearchKeys {
  const name = clean(customer.name);
  const companyNames = [name, ...customer.aliases.map(clean)].filter(Boolean);
  const names: string[] = [stripLegalForm(name)];
  const spelled: string[] = [];
  const initials: string[] = [];
  const grams = new Set<string>();
  for (const companyName of companyNames) {
    const core = stripLegalForm(companyName);
    // "한빛 소프트" is also typed "한빛소프트": CJK words are not space-delimited in people's minds.
    const unspaced = containsCjkSpace(core) ? core.replace(/\s+/g, "") : "";
    names.push(core, companyName, unspaced);
    for (const gram of cjkGrams(unspaced)) grams.add(gram);
    const read = readings(core);
    spelled.push(...read.spelled);
    initials.push(...read.initials);
    for (const gram of [...cjkGrams(companyName), ...read.initials.flatMap(cjkGrams)]) grams.add(gram);
  }
  const people: string[] = [];
  for (const contact of customer.contacts) {
    const contactName = clean(contact.name);
    if (!contactName) continue;
    const read = readings(contactName);
    people.push(contactName, ...read.spelled);
    initials.push(...read.initials);
    for (const gram of [...cjkGrams(contactName), ...read.initials.flatMap(cjkGrams)]) grams.add(gram);
  }
  const nameEntries = [...new Set([...names, ...spelled])].filter(Boolean);
  for (const entry of nameEntries) for (const word of shortWords(entry)) grams.add(word);
  const emails = [customer.email, ...customer.contacts.map((contact) => contact.email)]
    .filter((value): value is string => !!value)
    .map(clean);
  const addresses = customer.website ? [clean(customer.website)] : [];
  const rawPhones = [customer.phone, ...customer.contacts.map((contact) => contact.phone)].filter((value): value is string => !!value);
  const phones = rawPhones.flatMap(phoneKeys);
  for (const gram of rawPhones.flatMap(phoneGrams)) grams.add(gram);
  const section = (entries: string[], separator: string) => [...new Set(entries.filter(Boolean))].join(separator);
  return {
    searchName: name,
    searchDoc: [
      `| ${nameEntries.join(DOC_ENTRY)} |`,
      section(people, " ; "),
      section(initials, " ; "),
      section([...addresses, ...emails], " ; "),
    ].join(DOC_SECTION),
    searchGrams: [...grams],
    searchPhones: [...new Set(phones)].join(" "),
  };
}

export type SearchQuery = {
  /** Normalised query text. */
  text: string;
  /** The text without a legal form ("鸿海精密工业有限公司" -> "鸿海精密工业"), words single-spaced. */
  core: string;
  /** Words of the core, any order; Latin and CJK runs are separate words ("hongda上海" -> hongda, 上海). */
  words: string[];
  /** The words without spaces, for pinyin and romanizations typed with spaces ("kunyu haiyang"). */
  joined: string;
  /** Array elements every match must contain: CJK bigrams of each CJK word, or its lone character. */
  grams: string[];
  /** Two-letter Latin words ("lg"): stored whole as array elements, too short for trigrams. */
  shortWords: string[];
  /** Digits when the query looks like a phone number (3+ digits, only phone punctuation). */
  digits: string;
  /** The phone's national significant number ("021-6258-3371" -> "2162583371"), or "". */
  national: string;
  /** The gram element a phone query of 7+ digits must match exactly ("tel:2162583371"), or "". */
  phoneGram: string;
};

const PHONE_LIKE = /^[\d\s()+\-.]+$/;

function splitWords(core: string): string[] {
  return core
    .replace(/([\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]+)/gu, " $1 ")
    .split(/\s+/)
    .filter(Boolean);
}

export function isCjkWord(word: string): boolean {
  return isGramCharacter([...word][0] ?? "");
}

function wordGrams(word: string): string[] {
  if (!isCjkWord(word)) return [];
  return [...word].length === 1 ? [word] : cjkGrams(word).filter((gram) => [...gram].length === 2);
}

export function buildSearchQuery(raw: string): SearchQuery {
  const text = clean(raw);
  const core = stripLegalForm(text).replace(/[,.]+$/, "").replace(/\s+/g, " ").trim();
  const words = splitWords(core);
  const phoneText = raw.normalize("NFKC").trim();
  const digits = PHONE_LIKE.test(phoneText) && phoneDigits(phoneText).length >= 3 ? phoneDigits(phoneText) : "";
  const national = digits ? nationalNumber(phoneText) : "";
  return {
    text,
    core,
    words,
    joined: words.join(""),
    grams: [...new Set(words.flatMap(wordGrams))],
    shortWords: words.filter((word) => !isCjkWord(word) && word.length === 2),
    digits,
    national: national.length >= 6 && national !== digits ? national : "",
    phoneGram: national.length >= WHOLE_PHONE_DIGITS ? PHONE_GRAM_PREFIX + national : "",
  };
}
