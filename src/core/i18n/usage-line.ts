/**
 * A command's usage line (`log <customer> <call|email|...> <summary> [next <date>]`) as a reader of
 * another language types it: the command word and choice words through the vocabulary (so every
 * alternative shown is one `canonicalize` reads), `key=` names as field words, and placeholders
 * (`<customer>`, `[member]`, `from=DATE`) through the `usage.placeholder.*` catalog words.
 * Flags (`--dry-run`), references and anything the vocabulary has no word for stay as written.
 */
import { commandName, VOCABULARY, type CommandWord, type VocabularySet } from "./vocabulary.js";
import { choiceSetsOf, typedWord } from "./typed-line.js";
import { isMessageKey, type Translate } from "./translator.js";
import type { Locale } from "./locale.js";

/** Placeholder spellings in usage lines -> their catalog key suffix. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  customer: "customer",
  contact: "contact",
  text: "text",
  date: "date",
  DATE: "date",
  member: "member",
  number: "number",
  name: "name",
  field: "field",
  value: "value",
  kind: "kind",
  channel: "channel",
  summary: "summary",
  "what to do": "todo",
  "from member": "fromMember",
  "to member": "toMember",
  command: "command",
  period: "period",
  id: "id",
  "time zone": "timeZone",
  "Area/City": "areaCity",
  "HH:MM": "time",
  invoice: "invoice",
  amount: "amount",
  lines: "lines",
  "quote number": "quoteNumber",
  reason: "reason",
  why: "why",
  "SKU qty": "skuQty",
};

/** Period forms (`7d`, `12m`) as the reader types them; `canonicalize` reads them back. */
const PERIOD_UNITS: Readonly<Record<Exclude<Locale, "en">, { d: string; m: string }>> = {
  "zh-CN": { d: "天", m: "个月" },
  "zh-TW": { d: "天", m: "個月" },
  ko: { d: "일", m: "개월" },
};

/** Weekday lists and schedule words of digest's usage. */
const SCHEDULE_WORDS: Readonly<Record<Exclude<Locale, "en">, Readonly<Record<string, string>>>> = {
  "zh-CN": { weekdays: "工作日", daily: "每天", "mon,wed,...": "周一,周三,..." },
  "zh-TW": { weekdays: "工作日", daily: "每天", "mon,wed,...": "週一,週三,..." },
  ko: { weekdays: "평일", daily: "매일", "mon,wed,...": "월,수,..." },
};

type Reader = { locale: Exclude<Locale, "en">; t: Translate; sets: readonly VocabularySet[] };

function placeholder(text: string, reader: Reader): string | null {
  const suffix = PLACEHOLDERS[text];
  const key = suffix === undefined ? null : `usage.placeholder.${suffix}`;
  return key !== null && isMessageKey(key) ? reader.t(key) : null;
}

/** One choice word (or alternative) of the command, a schedule word, a period, or a placeholder. */
function word(text: string, reader: Reader): string {
  if (text === "") return text;
  for (const set of reader.sets) {
    if (Object.hasOwn(VOCABULARY[set], text)) return typedWord(set, text, reader.locale);
  }
  const schedule = SCHEDULE_WORDS[reader.locale][text];
  if (schedule) return schedule;
  const period = /^(\d+)([dm])$/.exec(text);
  if (period) return `${period[1]}${PERIOD_UNITS[reader.locale][period[2] as "d" | "m"]}`;
  if (text.startsWith("@") && text.length > 1) return `@${word(text.slice(1), reader)}`;
  const label = /^(.+):$/.exec(text);
  if (label) return `${word(label[1]!, reader)}:`;
  return placeholder(text, reader) ?? text;
}

/** `a|b|c` alternatives, each read on its own. */
function alternatives(text: string, reader: Reader): string {
  return text.split("|").map((part) => word(part, reader)).join("|");
}

/** `key=value`: a known field's word for the key (or the placeholder's), the value as alternatives or a placeholder. */
function assignment(key: string, value: string, reader: Reader): string {
  const shownKey = Object.hasOwn(VOCABULARY.field, key) ? typedWord("field", key, reader.locale) : (placeholder(key, reader) ?? key);
  const valueSet: VocabularySet | null = key === "status" || key === "stage" ? key : key === "method" ? "paymentMethod" : null;
  const shownValue = value
    .split("|")
    .map((part) => (valueSet && Object.hasOwn(VOCABULARY[valueSet], part) ? typedWord(valueSet, part, reader.locale) : (placeholder(part, reader) ?? part)))
    .join("|");
  return `${shownKey}=${shownValue}`;
}

/** A run of words outside `<...>`: the command word, flags, `key=value` pairs and alternatives. */
function plainWords(text: string, reader: Reader, command: CommandWord): string {
  return text.replace(/[^\s\[\]]+/g, (token) => {
    if (token === command) return commandName(command, reader.locale);
    if (token === "..." || token === "|") return token;
    // `7d,` in a list of periods: the comma is punctuation, not part of the word.
    const [, body = token, comma = ""] = /^(.+?)(,?)$/.exec(token) ?? [];
    const shown = body
      .split("|")
      .map((part) => {
        const pair = /^([a-z_]+)=(.*)$/.exec(part);
        return pair ? assignment(pair[1]!, pair[2]!, reader) : word(part, reader);
      })
      .join("|");
    return `${shown}${comma}`;
  });
}

/**
 * `usage` in the words a reader of `locale` types; English is returned unchanged. A usage line
 * that does not start with a command word is returned as it is.
 */
export function localizeUsage(usage: string, locale: Locale, t: Translate): string {
  if (locale === "en") return usage;
  const first = usage.split(" ")[0] ?? "";
  if (!Object.hasOwn(VOCABULARY.command, first)) return usage;
  const command = first as CommandWord;
  // Language codes (zh-TW) are clearer than language names in a usage line, and both are read.
  const reader: Reader = { locale, t, sets: choiceSetsOf(command).filter((set) => set !== "language") };
  // `[member]`, `[time zone]`: an optional placeholder, named as a whole.
  const named = usage.replace(/\[([^\[\]<>|=]+)\]/g, (group, inner: string) => {
    const shown = placeholder(inner, reader);
    return shown === null ? group : `[${shown}]`;
  });
  return named
    .split(/(<[^<>]*>)/)
    .map((part) => {
      const angle = /^<(.*)>$/.exec(part);
      if (!angle) return plainWords(part, reader, command);
      const inner = angle[1]!;
      return `<${placeholder(inner, reader) ?? alternatives(inner, reader)}>`;
    })
    .join("");
}
