/**
 * The fixed query mix, derived from the first customers of the main tenant (which exist at every
 * size), so every query has at least one true match. Each query may name the customer it should
 * find (`expect`): the relevance column counts how often that name is among the first page.
 */
import { pinyin } from "pinyin-pro";
import { generateName, type GeneratedName } from "./vocabulary.js";
import { customerSeedIndex, SEED } from "./generate.js";
import { rngFor } from "./prng.js";

export type QueryClass =
  | "exact" | "prefix" | "typo" | "accent" | "cjk-2char" | "hangul" | "pinyin" | "phone" | "email"
  | "latin-2char" | "cjk-1char" | "short-typo";

export type BenchQuery = { klass: QueryClass; text: string; expect?: string };

/** The headline mix from the issue; the others are diagnostic classes reported separately. */
export const MAIN_CLASSES: QueryClass[] = ["exact", "prefix", "typo", "accent", "cjk-2char", "hangul", "pinyin", "phone", "email"];
export const EXTRA_CLASSES: QueryClass[] = ["latin-2char", "cjk-1char", "short-typo"];

const PER_CLASS = 8;

function stripAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");
}

/** One deterministic edit in the middle of a word: drop a letter or swap two. */
function typo(word: string, variant: number): string {
  if (word.length < 4) return word;
  const at = 1 + (variant % (word.length - 2));
  return variant % 2 === 0 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

export function buildQueryMix(): BenchQuery[] {
  const byLanguage = new Map<string, GeneratedName[]>();
  for (let index = 0; index < 4000; index++) {
    const identity = generateName(rngFor(SEED, customerSeedIndex(0, index)), customerSeedIndex(0, index));
    const list = byLanguage.get(identity.language) ?? [];
    list.push(identity);
    byLanguage.set(identity.language, list);
  }
  const take = (language: string, count: number, offset = 0) => (byLanguage.get(language) ?? []).slice(offset, offset + count);
  const latin = [...take("en", 4), ...take("de", 2), ...take("fr", 2)];
  const queries: BenchQuery[] = [];
  const add = (klass: QueryClass, text: string, expect?: string) => queries.push({ klass, text, expect });

  latin.forEach((c) => add("exact", c.name, c.name));
  latin.forEach((c) => add("prefix", c.name.slice(0, 5)));
  take("en", 5, 10).concat(take("de", 3, 10)).forEach((c, i) => {
    const [first = "", second = ""] = c.name.split(" ").filter((word) => word.length >= 3);
    add("typo", `${typo(first, i)} ${second}`.trim(), c.name);
  });
  take("de", 4, 20).concat(take("fr", 4, 20)).forEach((c) => add("accent", stripAccents(c.name).toLowerCase(), c.name));
  const zh = [...take("zh-Hans", 5), ...take("zh-Hant", 3)];
  // The brand: characters 3-4 of "城市 + 品牌 + 行业 + 公司" (Traditional queries fold to Simplified).
  zh.forEach((c) => add("cjk-2char", c.brand!));
  take("ko", PER_CLASS).forEach((c, i) => add("hangul", i % 2 === 0 ? c.core! : c.brand!));
  take("zh-Hans", PER_CLASS, 10).forEach((c) => add("pinyin", pinyin(c.brand!, { toneType: "none", type: "array" }).join("")));
  take("en", 4, 30).concat(take("de", 2, 30), take("zh-Hans", 2, 30)).forEach((c, i) =>
    add("phone", i % 2 === 0 ? c.phone : c.phone.split(" ").slice(-2).join(" "), i % 2 === 0 ? c.name : undefined),
  );
  take("en", 4, 40).concat(take("de", 2, 40), take("ko", 2, 40)).forEach((c, i) => {
    const contactEmail = c.contacts.find((contact) => contact.email)?.email;
    add("email", i % 2 === 0 || !contactEmail ? `info@${c.domain}` : contactEmail, c.name);
  });
  latin.forEach((c) => add("latin-2char", c.name.slice(0, 2)));
  zh.forEach((c) => add("cjk-1char", [...c.brand!][0]!));
  ["Acne", "Stak", "Hoolo", "Wyne", "Mulr", "Koch", "Cafe", "Atlus"].forEach((text) => add("short-typo", text));
  return queries;
}

/**
 * The sales desk's read commands measured next to `find` (issue 17): the variants a rep and a
 * manager type. The serving process's clock starts at the data set's anchor date, so "this month"
 * and "quarter" are the same windows on every run.
 */
export const DEAL_COMMANDS: { command: string; texts: string[] }[] = [
  { command: "deals", texts: ["deals mine", "deals all", "deals all stage=proposal", "deals all closing=this-month"] },
  { command: "forecast", texts: ["forecast month mine", "forecast month all", "forecast quarter mine", "forecast quarter all"] },
];
