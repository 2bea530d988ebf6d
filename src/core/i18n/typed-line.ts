/**
 * A command line as a reader of another language would type it: the inverse of `canonicalize`
 * for the lines Rapport shows (examples, button hints). `log #1 call` reads `記錄 #1 電話` in zh-TW
 * and `기록 #1 전화` in Korean; every word shown is one the vocabulary reads back to the same
 * canonical line, so a copied example runs as shown.
 *
 * Only words in a position the command reads as a choice are replaced, as `canonicalize` does:
 * the command word, a choice word of that command, a `key=` of a known field and the value of a
 * field with a fixed set of values. References (`#1`), names and free text stay as written.
 */
import { toSimplifiedChinese } from "../text/normalize.js";
import { commandName, VOCABULARY, type CommandWord, type VocabularySet } from "./vocabulary.js";
import type { Locale } from "./locale.js";

type Reader = Exclude<Locale, "en">;

/** The choice words each command reads in bare (not `key=value`) positions. */
const CHOICE_SETS: Readonly<Partial<Record<CommandWord, readonly VocabularySet[]>>> = {
  log: ["channel", "outcome", "keyword"],
  followups: ["period", "scope"],
  task: ["taskAction", "period", "scope"],
  tasks: ["period", "scope"],
  export: ["exportKind", "exportFormat", "scope"],
  stats: ["statsKind", "by", "dimension"],
  digest: ["digestAction", "digestKind", "scope"],
  settings: ["settings", "language", "currency", "settingValue"],
  role: ["role"],
  handover: ["flag"],
  help: ["command"],
  contact: ["contactAction", "record"],
  new: ["record"],
  merge: ["record"],
  archive: ["record"],
  dunning: ["dunningAction"],
  pay: ["paymentMethod"],
  deal: ["dealAction", "lostReason"],
  deals: ["scope", "closing"],
  forecast: ["forecastPeriod", "scope"],
  quote: ["quoteAction"],
  order: ["orderAction"],
};

/** The vocabulary sets whose words `command` reads as choices (for usage lines and examples). */
export function choiceSetsOf(command: CommandWord): readonly VocabularySet[] {
  return CHOICE_SETS[command] ?? [];
}

/** Fields whose values come from a fixed list, shown in the reader's words too. */
const VALUE_SETS: Readonly<Record<string, VocabularySet>> = { status: "status", stage: "stage", method: "paymentMethod" };

/**
 * The GLOSSARY's preferred term where the first spelling of the reader's script in the word list
 * is not it (the lists are ordered for reading, with several accepted spellings per language).
 */
const PREFERRED: Readonly<Record<Reader, Partial<Record<VocabularySet, Record<string, string>>>>> = {
  "zh-CN": { role: { manager: "销售经理" }, period: { overdue: "已逾期" } },
  "zh-TW": {
    role: { manager: "業務主管" },
    period: { overdue: "已逾期" },
    stage: { won: "成交" },
    keyword: { next: "下次" },
    exportKind: { overdue: "逾期" },
    digestKind: { overdue: "逾期" },
    contactAction: { add: "新增" },
    dealAction: { new: "新增", show: "查看", won: "成交" },
    closing: { "this-month": "本月", quarter: "本季" },
    forecastPeriod: { month: "本月", quarter: "本季" },
    // 原因 is the plain word both scripts share; 失單原因 is only a deal's lost reason.
    field: { reason: "原因" },
  },
  ko: { channel: { call: "전화", chat: "채팅" }, exportKind: { customers: "거래처" }, statsKind: { customers: "거래처" }, period: { overdue: "기한지남", week: "이번주" }, status: { active: "거래중" }, role: { rep: "영업담당자", manager: "영업관리자" }, forecastPeriod: { month: "이번달", quarter: "이번분기" } },
};

const isHanWord = (spelling: string) => /\p{Script=Han}/u.test(spelling) && !/\s/.test(spelling);

/**
 * The reader's spelling among a word list's: the first Hangul one for Korean; for Simplified
 * Chinese the first with no Traditional character; for Traditional Chinese the first with one,
 * else the first Chinese one (a word of characters both scripts share, such as 全部, is both).
 */
function spellingFor(reader: Reader, spellings: readonly string[]): string | undefined {
  if (reader === "ko") return spellings.find((spelling) => /\p{Script=Hangul}/u.test(spelling) && !/\s/.test(spelling));
  const han = spellings.filter(isHanWord);
  const simplified = (spelling: string) => toSimplifiedChinese(spelling) === spelling;
  if (reader === "zh-CN") return han.find(simplified);
  return han.find((spelling) => !simplified(spelling)) ?? han[0];
}

const displayCache = new Map<string, string | null>();

/** The word a reader of `reader` is shown for a canonical word of `set`; null keeps the canonical word. */
export function displayWord(set: VocabularySet, canonical: string, reader: Reader): string | null {
  const cacheKey = `${reader}\u0000${set}\u0000${canonical}`;
  const cached = displayCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const preferred = PREFERRED[reader][set]?.[canonical];
  const spellings = (VOCABULARY[set] as Readonly<Record<string, readonly string[]>>)[canonical] ?? [];
  // Korean phrases keep no space so a copied line stays one word per position.
  const word = preferred ?? spellingFor(reader, spellings) ?? null;
  displayCache.set(cacheKey, word);
  return word;
}

/** The word a reader of `locale` types for a canonical word of `set` (English, and words with no translation, stay canonical). */
export function typedWord(set: VocabularySet, canonical: string, locale: Locale): string {
  return locale === "en" ? canonical : (displayWord(set, canonical, locale) ?? canonical);
}

/** Sets a choice list is looked up in, the more specific first (`overdue` is a period before it is an export kind). */
const CHOICE_LIST_SETS: readonly VocabularySet[] = [
  "status", "stage", "channel", "outcome", "role", "period", "scope", "statsKind", "dimension", "digestKind", "digestAction", "exportKind", "exportFormat", "settings", "field",
];

/**
 * A list of canonical choices ("prospect, active, dormant, lost") in the reader's typed words,
 * read from the first vocabulary set that has every one of them; a list no set covers stays as
 * it is, since a word from a set the command does not read would not be understood.
 */
export function typedChoiceList(choices: readonly string[], locale: Locale, sets: readonly VocabularySet[] = CHOICE_LIST_SETS): string[] {
  if (locale === "en") return [...choices];
  const set = sets.find((candidate) => choices.every((choice) => Object.hasOwn(VOCABULARY[candidate], choice)));
  return set ? choices.map((choice) => typedWord(set, choice, locale)) : [...choices];
}

/** `key=` names as the reader types them; a name the vocabulary has no word for (owner=) stays as the command reads it. */
export function typedFieldList(fields: readonly string[], locale: Locale): string[] {
  return fields.map((field) => (Object.hasOwn(VOCABULARY.field, field) ? typedWord("field", field, locale) : field));
}

/** The date phrases and weekday lists Rapport's own examples use, as each reader writes them. */
const PHRASES: Readonly<Record<Reader, Readonly<Record<string, string>>>> = {
  "zh-CN": { "in 3 days": "3天后", tomorrow: "明天", "next tuesday": "下周二", "next friday": "下周五", friday: "周五", weekdays: "工作日", "mon,thu": "周一,周四", daily: "每天" },
  "zh-TW": { "in 3 days": "3天後", tomorrow: "明天", "next tuesday": "下週二", "next friday": "下週五", friday: "週五", weekdays: "工作日", "mon,thu": "週一,週四", daily: "每天" },
  ko: { "in 3 days": "3일 후", tomorrow: "내일", "next tuesday": "다음 주 화요일", "next friday": "다음 주 금요일", friday: "금요일", weekdays: "평일", "mon,thu": "월,목", daily: "매일" },
};

/** The line with a known English date phrase or weekday list at its end in the reader's words. */
function localizePhraseAtEnd(words: string[], reader: Reader): string[] {
  for (const length of [3, 2, 1]) {
    if (words.length <= length) continue;
    const phrase = PHRASES[reader][words.slice(-length).join(" ").toLowerCase()];
    if (phrase) return [...words.slice(0, -length), phrase];
  }
  return words;
}

function localizeWord(word: string, sets: readonly VocabularySet[], reader: Reader): string {
  const assignment = /^([a-z_]+)=(.*)$/.exec(word);
  if (assignment) {
    const [, key, value] = assignment as unknown as [string, string, string];
    const valueSet = VALUE_SETS[key];
    const shownValue = valueSet ? (displayWord(valueSet, value, reader) ?? value) : value;
    return `${displayWord("field", key, reader) ?? key}=${shownValue}`;
  }
  for (const set of sets) {
    if (!Object.hasOwn(VOCABULARY[set], word)) continue;
    return displayWord(set, word, reader) ?? word;
  }
  return word;
}

/** `line` (canonical English words) as the reader of `locale` types it; English is returned unchanged. */
export function localizeTypedLine(line: string, locale: Locale): string {
  if (locale === "en") return line;
  const [first = "", ...rest] = line.split(" ");
  if (!Object.hasOwn(VOCABULARY.command, first)) return line;
  const command = first as CommandWord;
  const sets = CHOICE_SETS[command] ?? [];
  const words = [commandName(command, locale), ...rest.map((word) => localizeWord(word, sets, locale))];
  // log's date phrase may be followed by `outcome <value>`: the phrase then ends before it.
  const outcomeAt = command === "log" ? words.lastIndexOf(typedWord("keyword", "outcome", locale)) : -1;
  if (outcomeAt > 0) return [...localizePhraseAtEnd(words.slice(0, outcomeAt), locale), ...words.slice(outcomeAt)].join(" ");
  return localizePhraseAtEnd(words, locale).join(" ");
}
