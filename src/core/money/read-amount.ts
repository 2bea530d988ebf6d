/**
 * Reads an amount the way sales people write it in English, Chinese and Korean:
 * "$1,200", "USD 1,200", "￥5万", "50万元", "1.2亿", "1亿2000万", "₩50,000,000", "5천만 원",
 * "1억 2천만", "NT$30,000", "HK$500", "50k", "1.5m".
 *
 * The expected currency (the customer's, else the workspace's) decides what a bare number means and
 * what an ambiguous sign means ("$" on a TWD customer is TWD; "¥" on a JPY customer is JPY). A sign or
 * code that names another currency is a conflict for the caller to ask about, never silently dropped:
 * storing ₩50,000,000 as ¥50,000,000 is the bug this module exists to prevent.
 * Values are exact: decimals are scaled BigInts, so "1.2亿" and "9,007,199,254,740,993" stay exact.
 */
import { isCurrencyCode, minorUnitDigits, type CurrencyCode } from "./currency.js";

export type ReadAmountOptions = {
  /** The customer's currency, or the workspace's when the customer has none. */
  currency: CurrencyCode;
  /** The writer's locale ("en", "zh-CN", "zh-TW", "ko"); decides what 元 and a lone ¥ mean. */
  locale: string;
};

/** Why a phrase could not be read; a machine code for messages and metrics. */
export type UnreadableReason =
  | "empty"
  | "negative"
  | "not-a-number"
  /** "50,00" or "1.234,56": a comma that is not a thousands separator may be a decimal comma. */
  | "ambiguous-separator"
  /** More decimals than the currency has, e.g. "₩1,000.5". */
  | "too-many-decimals"
  /** Two currency signs that disagree, e.g. "$100원". */
  | "two-currencies";

export type ReadAmountResult =
  | { kind: "amount"; minor: bigint; currency: CurrencyCode }
  | { kind: "conflict"; written: CurrencyCode; expected: CurrencyCode; phrase: string }
  | { kind: "unreadable"; phrase: string; reason: UnreadableReason };

export function readAmount(text: string, options: ReadAmountOptions): ReadAmountResult {
  const { currency: expected, locale } = options;
  if (!isCurrencyCode(expected)) throw new RangeError(`Unknown ISO 4217 currency code: ${JSON.stringify(expected)}`);
  const phrase = text.trim();
  const unreadable = (reason: UnreadableReason): ReadAmountResult => ({ kind: "unreadable", phrase, reason });

  // NFKC turns full-width digits and signs into ASCII ("１２，０００" → "12,000", "￥" → "¥", "￦" → "₩").
  let rest = phrase.normalize("NFKC").trim();
  if (rest === "") return unreadable("empty");
  if (NEGATIVE.test(rest)) return unreadable("negative");

  // 整 ("exactly") closes formal amounts: "伍万元整".
  rest = rest.replace(/整$/, "").trim();
  const prefix = takeMarker(rest, "prefix");
  rest = prefix ? prefix.rest : rest;
  const suffix = takeMarker(rest, "suffix");
  rest = suffix ? suffix.rest : rest;
  // "$-5" and "USD (5)" are as negative as "-$5".
  if (NEGATIVE.test(rest)) return unreadable("negative");

  const value = readNumber(rest, locale);
  if (!("units" in value)) return unreadable(value.reason);

  const marker = prefix && suffix ? combineMarkers(prefix.marker, suffix.marker) : (prefix ?? suffix)?.marker;
  if (marker === null) return unreadable("two-currencies");
  const written = marker ? resolveMarker(marker, expected, locale) : expected;
  if (written !== expected) return { kind: "conflict", written, expected, phrase };

  const minor = toMinor(value, minorUnitDigits(expected));
  if (minor === null) return unreadable("too-many-decimals");
  return { kind: "amount", minor, currency: expected };
}

// A minus of any kind, accounting parentheses, or the word for "minus" in Chinese or Korean.
const NEGATIVE = /^\s*(?:[-\u2212\u2010\u2011\u2012\u2013\u2014\uFE63]|\(|负|負|마이너스)/;

// ---------------------------------------------------------------------------------------------------
// Currency markers

/**
 * A currency sign, code or word. `candidates` are the currencies it can stand for: when the expected
 * currency is one of them, that is what the writer meant; otherwise `fallback` names the currency the
 * writer most likely meant, to report the conflict.
 */
type Marker = { candidates: readonly CurrencyCode[]; fallback: (locale: string) => CurrencyCode };

const only = (currency: CurrencyCode): Marker => ({ candidates: [currency], fallback: () => currency });

/** "$" is the local dollar in Taiwan and Hong Kong (Intl even prints TWD as "$" in zh-TW). */
const DOLLAR: Marker = { candidates: ["USD", "TWD", "HKD", "SGD", "AUD", "CAD", "NZD"], fallback: () => "USD" };
/** "¥" is the yuan to Chinese readers and the yen to everyone else. */
const YEN_OR_YUAN: Marker = { candidates: ["CNY", "JPY"], fallback: (locale) => (isChinese(locale) ? "CNY" : "JPY") };
/** 元 is the unit of the yuan, the New Taiwan dollar and the Hong Kong dollar alike. */
const YUAN: Marker = {
  candidates: ["CNY", "TWD", "HKD"],
  fallback: (locale) => (/^zh-(?:TW|Hant(?!-HK)|Hant-TW)/i.test(locale) ? "TWD" : /^zh-(?:HK|Hant-HK|MO)/i.test(locale) ? "HKD" : "CNY"),
};

const MARKERS: ReadonlyMap<string, Marker> = new Map<string, Marker>([
  ["$", DOLLAR],
  ["달러", DOLLAR],
  ["dollars", DOLLAR],
  ["dollar", DOLLAR],
  ["bucks", DOLLAR],
  ["US$", only("USD")],
  ["美元", only("USD")],
  ["美金", only("USD")],
  ["¥", YEN_OR_YUAN],
  ["CN¥", only("CNY")],
  ["人民币", only("CNY")],
  ["人民幣", only("CNY")],
  ["위안", only("CNY")],
  ["元", YUAN],
  ["圆", YUAN],
  ["圓", YUAN],
  ["块", YUAN],
  ["塊", YUAN],
  ["块钱", YUAN],
  ["塊錢", YUAN],
  ["NT$", only("TWD")],
  ["新台币", only("TWD")],
  ["新台幣", only("TWD")],
  ["台币", only("TWD")],
  ["台幣", only("TWD")],
  ["HK$", only("HKD")],
  ["港元", only("HKD")],
  ["港币", only("HKD")],
  ["港幣", only("HKD")],
  ["₩", only("KRW")],
  ["원", only("KRW")],
  ["韩元", only("KRW")],
  ["韓元", only("KRW")],
  ["韩币", only("KRW")],
  ["韓幣", only("KRW")],
  ["JP¥", only("JPY")],
  ["円", only("JPY")],
  ["엔", only("JPY")],
  ["日元", only("JPY")],
  ["日圆", only("JPY")],
  ["日圓", only("JPY")],
  ["日币", only("JPY")],
  ["日幣", only("JPY")],
  ["€", only("EUR")],
  ["欧元", only("EUR")],
  ["歐元", only("EUR")],
  ["유로", only("EUR")],
  ["£", only("GBP")],
]);

/** Codes people write that are not ISO 4217. */
const CODE_ALIASES: ReadonlyMap<string, CurrencyCode> = new Map([
  ["RMB", "CNY"],
  ["NTD", "TWD"],
]);

// Longest first, so "新台幣" is taken whole rather than as "台幣" and "韩元" rather than "元".
const MARKER_TEXTS = [...MARKERS.keys()].sort((a, b) => b.length - a.length);

function takeMarker(text: string, at: "prefix" | "suffix"): { marker: Marker; rest: string } | null {
  // Case-blind, so "nt$", "Dollars" and "rmb" count; every marker is ASCII or CJK, so lengths match.
  const lower = text.toLowerCase();
  for (const marker of MARKER_TEXTS) {
    const key = marker.toLowerCase();
    if (at === "prefix" ? lower.startsWith(key) : lower.endsWith(key)) {
      const rest = at === "prefix" ? text.slice(marker.length) : text.slice(0, text.length - marker.length);
      return { marker: MARKERS.get(marker)!, rest: rest.trim() };
    }
  }
  // A three-letter code, any case, touching the number or not: "USD 1,200", "CNY3000", "1200 usd".
  const code = at === "prefix" ? /^([A-Za-z]{3})(?![A-Za-z])/.exec(text) : /(?<![A-Za-z])([A-Za-z]{3})$/.exec(text);
  if (code?.[1]) {
    const upper = code[1].toUpperCase();
    const currency = CODE_ALIASES.get(upper) ?? upper;
    if (isCurrencyCode(currency)) {
      const rest = at === "prefix" ? text.slice(3) : text.slice(0, text.length - 3);
      return { marker: only(currency), rest: rest.trim() };
    }
  }
  return null;
}

/**
 * Both a sign and a word or code ("$500 USD", "¥5万元"): they narrow each other, so "$500 USD" is
 * plain USD (a conflict on a TWD customer), and null means they disagree ("$100원").
 */
function combineMarkers(a: Marker, b: Marker): Marker | null {
  const candidates = a.candidates.filter((currency) => b.candidates.includes(currency));
  if (candidates.length === 0) return null;
  return {
    candidates,
    fallback: (locale) => [a.fallback(locale), b.fallback(locale)].find((currency) => candidates.includes(currency)) ?? candidates[0]!,
  };
}

function resolveMarker(marker: Marker, expected: CurrencyCode, locale: string): CurrencyCode {
  return marker.candidates.includes(expected) ? expected : marker.fallback(locale);
}

function isChinese(locale: string): boolean {
  return /^zh(?:-|$)/i.test(locale);
}

// ---------------------------------------------------------------------------------------------------
// Numbers

/** An exact decimal: units / 10^scale. */
type Decimal = { units: bigint; scale: number };

const ZERO: Decimal = { units: 0n, scale: 0 };

/** Chinese and Sino-Korean digits, as written in "五万元" or "오천만 원". 零 only separates ("一千零五"). */
const CJK_DIGITS: ReadonlyMap<string, bigint> = new Map([
  ["〇", 0n], ["零", 0n],
  ["一", 1n], ["二", 2n], ["两", 2n], ["兩", 2n], ["三", 3n], ["四", 4n],
  ["五", 5n], ["六", 6n], ["七", 7n], ["八", 8n], ["九", 9n],
  // The anti-fraud capitals finance writes on invoices and receipts: "人民币伍万元整".
  ["壹", 1n], ["贰", 2n], ["貳", 2n], ["叁", 3n], ["參", 3n], ["肆", 4n],
  ["伍", 5n], ["陆", 6n], ["陸", 6n], ["柒", 7n], ["捌", 8n], ["玖", 9n],
  ["일", 1n], ["이", 2n], ["삼", 3n], ["사", 4n], ["오", 5n], ["육", 6n], ["칠", 7n], ["팔", 8n], ["구", 9n],
]);

/** Units that multiply the number before them within a group of four digits. */
const SMALL_UNITS: ReadonlyMap<string, bigint> = new Map([
  ["十", 10n], ["拾", 10n], ["십", 10n],
  ["百", 100n], ["佰", 100n], ["백", 100n],
  ["千", 1000n], ["仟", 1000n], ["천", 1000n],
]);

/**
 * Units that close a group of four digits. 兆 is left out on purpose: it is 10^12 in Taiwan and
 * often 10^6 in mainland China, so a guess would be wrong for someone; 조 is unambiguous in Korean.
 */
const BIG_UNITS: ReadonlyMap<string, bigint> = new Map([
  ["万", 10_000n], ["萬", 10_000n], ["만", 10_000n],
  ["亿", 100_000_000n], ["億", 100_000_000n], ["억", 100_000_000n],
  ["조", 1_000_000_000_000n],
]);

/** Western shorthand ("50k", "1.5m", "2bn"), and "w" for 万 as Chinese writers use it ("5w"). */
function latinMultiplier(word: string, locale: string): bigint | undefined {
  switch (word.toLowerCase()) {
    case "k":
      return 1_000n;
    case "m":
      return 1_000_000n;
    case "b":
    case "bn":
      return 1_000_000_000n;
    case "w":
      // Only for Chinese writers: elsewhere "5w" is more likely a typo than ten-thousands.
      return isChinese(locale) ? 10_000n : undefined;
    default:
      return undefined;
  }
}

type Token =
  | { kind: "number"; value: Decimal; singleDigit: boolean }
  | { kind: "zero-filler" }
  | { kind: "small"; unit: bigint; korean: boolean }
  | { kind: "big"; unit: bigint; korean: boolean }
  | { kind: "latin"; unit: bigint };

type NumberFailure = { reason: "not-a-number" | "ambiguous-separator" };

function tokenize(text: string, locale: string): Token[] | NumberFailure {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const char = text[i]!;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    // Thousands groups must be exactly three digits; the lookahead refuses "1,2345" here.
    const arabic = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])/.exec(rest) ?? /^\d+(?:\.\d+)?/.exec(rest);
    if (arabic) {
      const written = arabic[0];
      // A comma left right after the digits ("50,00", "1.234,56") may be a decimal comma: ask, don't guess.
      if (rest[written.length] === "," && /\d/.test(rest[written.length + 1] ?? "")) return { reason: "ambiguous-separator" };
      tokens.push({ kind: "number", value: parseDecimal(written.replaceAll(",", "")), singleDigit: /^\d$/.test(written) });
      i += written.length;
      continue;
    }
    const digit = CJK_DIGITS.get(char);
    if (digit !== undefined) {
      tokens.push(char === "零" || char === "〇" ? { kind: "zero-filler" } : { kind: "number", value: { units: digit, scale: 0 }, singleDigit: true });
      i += 1;
      continue;
    }
    const small = SMALL_UNITS.get(char);
    if (small !== undefined) {
      tokens.push({ kind: "small", unit: small, korean: isHangul(char) });
      i += 1;
      continue;
    }
    const big = BIG_UNITS.get(char);
    if (big !== undefined) {
      tokens.push({ kind: "big", unit: big, korean: isHangul(char) });
      i += 1;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(rest)?.[0];
    const latin = word === undefined ? undefined : latinMultiplier(word, locale);
    if (word !== undefined && latin !== undefined) {
      tokens.push({ kind: "latin", unit: latin });
      i += word.length;
      continue;
    }
    return { reason: "not-a-number" };
  }
  return tokens;
}

/**
 * Evaluates digits with Chinese/Korean units the way they are read aloud: small units (十百千) build a
 * group below 10,000, big units (万亿) close it. "1亿2000万" = 1·10^8 + 2000·10^4; "5천만" = 5000·10^4;
 * "1万亿" = (1·10^4)·10^8. After a Chinese unit a lone trailing digit is the next place down, as people
 * say it: "一万五" and "1万5" are 15,000, "两千五" is 2,500 (but "一千零五" is 1,005). Korean reads
 * 삼백오 as 305, so after a Korean unit the digit is taken literally, or refused after 만/억/조.
 */
function readNumber(text: string, locale: string): Decimal | NumberFailure {
  const tokens = tokenize(text, locale);
  if (!Array.isArray(tokens)) return tokens;
  if (!tokens.some((token) => token.kind === "number" || token.kind === "small" || token.kind === "big")) return { reason: "not-a-number" };

  const latinAt = tokens.findIndex((token) => token.kind === "latin");
  if (latinAt !== -1) {
    // "50k", "1.5m": one number, then one multiplier, nothing else (no "5万k").
    const [number, latin] = tokens;
    if (tokens.length !== 2 || number?.kind !== "number" || latin?.kind !== "latin") return { reason: "not-a-number" };
    return multiply(number.value, latin.unit);
  }

  let total = ZERO;
  let group = ZERO;
  let pending: Decimal | null = null;
  let lastSmall: bigint | null = null;
  let lastBig: bigint | null = null;
  for (const [index, token] of tokens.entries()) {
    const previous = tokens[index - 1];
    switch (token.kind) {
      case "zero-filler":
        if (pending !== null) return { reason: "not-a-number" };
        break;
      case "number": {
        if (pending !== null) return { reason: "not-a-number" };
        const isLast = index === tokens.length - 1;
        const afterUnit = isLast && token.singleDigit && previous && (previous.kind === "small" || previous.kind === "big") ? previous : null;
        if (afterUnit && !afterUnit.korean && afterUnit.unit >= 100n) {
          pending = multiply(token.value, afterUnit.unit / 10n);
        } else if (afterUnit?.korean && afterUnit.kind === "big") {
          // Korean reads 삼백오 as 305, but "3만 5" could be 35,000 or 30,005: refuse rather than guess.
          return { reason: "not-a-number" };
        } else {
          pending = token.value;
        }
        break;
      }
      case "small":
        // Places only go down within a group: "5千3千" is a typo, not 8,000.
        if (lastSmall !== null && token.unit >= lastSmall) return { reason: "not-a-number" };
        group = add(group, multiply(pending ?? { units: 1n, scale: 0 }, token.unit));
        pending = null;
        lastSmall = token.unit;
        break;
      case "big": {
        const groupValue: Decimal | null = pending !== null ? add(group, pending) : lastSmall !== null ? group : null;
        if (lastBig !== null && token.unit >= lastBig) {
          // "万亿": a bigger unit straight after a smaller one multiplies everything before it.
          if (groupValue !== null || token.unit === lastBig) return { reason: "not-a-number" };
          total = multiply(total, token.unit);
        } else {
          // "3亿万" has nothing for 万 to count; only a leading unit counts one of itself.
          if (groupValue === null && lastBig !== null) return { reason: "not-a-number" };
          // A unit with nothing before it counts one of it: "万元" is 10,000, "억" is 100,000,000.
          total = add(total, multiply(groupValue ?? { units: 1n, scale: 0 }, token.unit));
        }
        group = ZERO;
        pending = null;
        lastSmall = null;
        lastBig = token.unit;
        break;
      }
      case "latin":
        return { reason: "not-a-number" };
    }
  }
  return add(add(total, group), pending ?? ZERO);
}

function isHangul(char: string): boolean {
  return /\p{Script=Hangul}/u.test(char);
}

function parseDecimal(text: string): Decimal {
  const [whole = "0", fraction = ""] = text.split(".");
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function multiply(value: Decimal, factor: bigint): Decimal {
  return { units: value.units * factor, scale: value.scale };
}

function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * 10n ** BigInt(scale - a.scale) + b.units * 10n ** BigInt(scale - b.scale), scale };
}

/** The value in minor units, or null when it has non-zero digits below the currency's minor unit. */
function toMinor(value: Decimal, digits: number): bigint | null {
  if (value.scale <= digits) return value.units * 10n ** BigInt(digits - value.scale);
  const divisor = 10n ** BigInt(value.scale - digits);
  return value.units % divisor === 0n ? value.units / divisor : null;
}
