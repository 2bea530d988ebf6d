import { describe, expect, test } from "vitest";
import { formatMoney } from "./currency.js";
import { readAmount } from "./read-amount.js";

type Case = [text: string, currency: string, locale: string, minor: bigint];

// Expected values are minor units written out: CNY/TWD/HKD/USD/EUR count cents, KRW/JPY whole units.
const amounts: Case[] = [
  // Plain numbers mean the expected currency.
  ["50000", "USD", "en", 5_000_000n],
  ["50,000", "USD", "en", 5_000_000n],
  ["50,000.50", "USD", "en", 5_000_050n],
  ["0.5", "EUR", "en", 50n],
  ["0", "KRW", "ko", 0n],
  ["1,000.00", "KRW", "ko", 1_000n],
  ["12.3", "TWD", "zh-TW", 1_230n],
  // Signs and codes, before or after, with or without a space, any case.
  ["$1,200", "USD", "en", 120_000n],
  ["USD 1,200", "USD", "en", 120_000n],
  ["1200 USD", "USD", "en", 120_000n],
  ["usd1200", "USD", "en", 120_000n],
  ["$500 USD", "USD", "en", 50_000n],
  ["500 dollars", "USD", "en", 50_000n],
  ["nt$500", "TWD", "en", 50_000n],
  ["US$99.99", "USD", "ko", 9_999n],
  ["€1,234", "EUR", "en", 123_400n],
  ["EUR 250", "EUR", "en", 25_000n],
  ["250 €", "EUR", "ko", 25_000n],
  ["100欧元", "EUR", "zh-CN", 10_000n],
  // Western shorthand.
  ["50k", "USD", "en", 5_000_000n],
  ["$50K", "USD", "en", 5_000_000n],
  ["1.5m", "USD", "en", 150_000_000n],
  ["2M", "EUR", "en", 200_000_000n],
  ["2bn", "USD", "en", 200_000_000_000n],
  ["₩50k", "KRW", "ko", 50_000n],
  // Mainland Chinese writing.
  ["¥50,000", "CNY", "zh-CN", 5_000_000n],
  ["￥5万", "CNY", "zh-CN", 5_000_000n],
  ["50万元", "CNY", "zh-CN", 50_000_000n],
  ["5万元", "CNY", "zh-CN", 5_000_000n],
  ["1.2亿", "CNY", "zh-CN", 12_000_000_000n],
  ["1亿2000万", "CNY", "zh-CN", 12_000_000_000n],
  ["5千", "CNY", "zh-CN", 500_000n],
  ["5千万", "CNY", "zh-CN", 5_000_000_000n],
  ["RMB 3000", "CNY", "zh-CN", 300_000n],
  ["rmb3000", "CNY", "en", 300_000n],
  ["CNY3000", "CNY", "zh-CN", 300_000n],
  ["3000 CNY", "CNY", "en", 300_000n],
  ["30,000元", "CNY", "zh-CN", 3_000_000n],
  ["人民币8000", "CNY", "zh-CN", 800_000n],
  ["8000块", "CNY", "zh-CN", 800_000n],
  ["500块钱", "CNY", "zh-CN", 50_000n],
  ["五万元", "CNY", "zh-CN", 5_000_000n],
  ["一万五", "CNY", "zh-CN", 1_500_000n],
  ["两千五", "CNY", "zh-CN", 250_000n],
  ["1万5", "CNY", "zh-CN", 1_500_000n],
  ["一千零五元", "CNY", "zh-CN", 100_500n],
  ["十万", "CNY", "zh-CN", 10_000_000n],
  ["1万亿", "CNY", "zh-CN", 100_000_000_000_000n],
  ["5w", "CNY", "zh-CN", 5_000_000n],
  ["12.5万", "CNY", "zh-CN", 12_500_000n],
  ["1.23456万", "CNY", "zh-CN", 1_234_560n],
  ["三百五", "CNY", "zh-CN", 35_000n],
  ["人民币伍万元整", "CNY", "zh-CN", 5_000_000n],
  ["壹拾贰万叁仟元整", "CNY", "zh-CN", 12_300_000n],
  ["¥5万元", "CNY", "zh-CN", 5_000_000n],
  ["CN¥1,234.56", "CNY", "en", 123_456n],
  // Full-width digits, signs and separators (NFKC).
  ["５０，０００", "CNY", "zh-CN", 5_000_000n],
  ["￥１２，３４５．６７", "CNY", "zh-CN", 1_234_567n],
  ["ＮＴ＄３０，０００", "TWD", "zh-TW", 3_000_000n],
  ["￦５０，０００", "KRW", "ko", 50_000n],
  // Taiwan: 元 and $ mean the New Taiwan dollar for a TWD customer.
  ["NT$30,000", "TWD", "zh-TW", 3_000_000n],
  ["NT$ 30,000", "TWD", "en", 3_000_000n],
  ["30,000元", "TWD", "zh-TW", 3_000_000n],
  ["$30,000", "TWD", "zh-TW", 3_000_000n],
  ["3萬元", "TWD", "zh-TW", 3_000_000n],
  ["1.5億", "TWD", "zh-TW", 15_000_000_000n],
  ["新台幣5000", "TWD", "zh-TW", 500_000n],
  ["5000台幣", "TWD", "zh-TW", 500_000n],
  ["NTD 5000", "TWD", "en", 500_000n],
  ["TWD5,000", "TWD", "zh-TW", 500_000n],
  ["兩萬", "TWD", "zh-TW", 2_000_000n],
  // Hong Kong.
  ["HK$500", "HKD", "zh-TW", 50_000n],
  ["HK$1,500.50", "HKD", "en", 150_050n],
  ["500港元", "HKD", "zh-CN", 50_000n],
  ["$500", "HKD", "en", 50_000n],
  ["500元", "HKD", "zh-TW", 50_000n],
  // Korean writing.
  ["₩50,000,000", "KRW", "ko", 50_000_000n],
  ["5천만원", "KRW", "ko", 50_000_000n],
  ["5천만 원", "KRW", "ko", 50_000_000n],
  ["1억 2천만", "KRW", "ko", 120_000_000n],
  ["1억2천만원", "KRW", "ko", 120_000_000n],
  ["3백만원", "KRW", "ko", 3_000_000n],
  ["50만원", "KRW", "ko", 500_000n],
  ["50만 원", "KRW", "ko", 500_000n],
  ["만원", "KRW", "ko", 10_000n],
  ["천만원", "KRW", "ko", 10_000_000n],
  ["오천만 원", "KRW", "ko", 50_000_000n],
  ["1,000만원", "KRW", "ko", 10_000_000n],
  ["삼백오만 원", "KRW", "ko", 3_050_000n],
  ["삼백오", "KRW", "ko", 305n],
  ["2조 5천억", "KRW", "ko", 2_500_000_000_000n],
  ["1.5억", "KRW", "ko", 150_000_000n],
  ["KRW 33,000", "KRW", "en", 33_000n],
  ["33000원", "KRW", "ko", 33_000n],
  ["₩33,000원", "KRW", "ko", 33_000n],
  ["100달러", "USD", "ko", 10_000n],
  ["100 달러", "TWD", "ko", 10_000n],
  ["500위안", "CNY", "ko", 50_000n],
  // Japanese yen: ¥ is the yen for a JPY customer, whatever the writer's language.
  ["¥50,000", "JPY", "zh-CN", 50_000n],
  ["￥5万", "JPY", "zh-CN", 50_000n],
  ["¥1,200", "JPY", "en", 1_200n],
  ["3000円", "JPY", "ko", 3_000n],
  ["3000엔", "JPY", "ko", 3_000n],
  ["JPY 3000", "JPY", "en", 3_000n],
  ["5万日元", "JPY", "zh-CN", 50_000n],
  // Exact beyond 2^53.
  ["9,007,199,254,740,993", "USD", "en", 900_719_925_474_099_300n],
  ["123456789012345678.91", "CNY", "zh-CN", 12_345_678_901_234_567_891n],
  ["9999조", "KRW", "ko", 9_999_000_000_000_000n],
];

describe("readAmount reads amounts", () => {
  test.each(amounts)("GIVEN %s for a %s customer in %s THEN %s minor units", (text, currency, locale, minor) => {
    expect(readAmount(text, { currency, locale })).toEqual({ kind: "amount", minor, currency });
  });
});

const conflicts: [text: string, expected: string, locale: string, written: string][] = [
  ["₩50,000", "CNY", "zh-CN", "KRW"],
  ["5천만원", "CNY", "ko", "KRW"],
  ["$1,200", "CNY", "zh-CN", "USD"],
  ["$1,200", "KRW", "ko", "USD"],
  ["USD 1,200", "TWD", "zh-TW", "USD"],
  ["NT$30,000", "USD", "en", "TWD"],
  ["HK$500", "TWD", "zh-TW", "HKD"],
  ["¥50,000", "KRW", "zh-CN", "CNY"],
  ["¥50,000", "USD", "en", "JPY"],
  ["¥50,000", "KRW", "ko", "JPY"],
  ["50万元", "USD", "zh-CN", "CNY"],
  ["30,000元", "USD", "zh-TW", "TWD"],
  ["30,000元", "JPY", "zh-CN", "CNY"],
  ["RMB 3000", "TWD", "zh-TW", "CNY"],
  ["1200 EUR", "USD", "en", "EUR"],
  ["€500", "KRW", "ko", "EUR"],
  ["3000円", "CNY", "zh-CN", "JPY"],
  ["50 GBP", "USD", "en", "GBP"],
  ["SGD 50", "USD", "en", "SGD"],
  ["$500 USD", "TWD", "zh-TW", "USD"],
  ["500 dollars", "KRW", "ko", "USD"],
];

describe("readAmount reports a currency that contradicts the customer's", () => {
  test.each(conflicts)("GIVEN %s for a %s customer in %s THEN conflict with %s", (text, expected, locale, written) => {
    expect(readAmount(text, { currency: expected, locale })).toEqual({ kind: "conflict", written, expected, phrase: text });
  });
});

const unreadable: [text: string, currency: string, locale: string, reason: string][] = [
  ["", "USD", "en", "empty"],
  ["   ", "KRW", "ko", "empty"],
  ["-500", "USD", "en", "negative"],
  ["−500", "USD", "en", "negative"],
  ["-$500", "USD", "en", "negative"],
  ["$-500", "USD", "en", "negative"],
  ["USD -500", "USD", "en", "negative"],
  ["(500)", "USD", "en", "negative"],
  ["－５００", "CNY", "zh-CN", "negative"],
  ["负5000元", "CNY", "zh-CN", "negative"],
  ["마이너스 5만원", "KRW", "ko", "negative"],
  ["₩1,000.5", "KRW", "ko", "too-many-decimals"],
  ["1000.5원", "KRW", "ko", "too-many-decimals"],
  ["¥100.5", "JPY", "en", "too-many-decimals"],
  ["$1.005", "USD", "en", "too-many-decimals"],
  ["1.2345678万", "CNY", "zh-CN", "too-many-decimals"],
  ["50,00", "EUR", "en", "ambiguous-separator"],
  ["1.234,56", "EUR", "en", "ambiguous-separator"],
  ["1,2345", "USD", "en", "ambiguous-separator"],
  ["$100원", "USD", "ko", "two-currencies"],
  ["NT$500港元", "TWD", "zh-TW", "two-currencies"],
  ["abc", "USD", "en", "not-a-number"],
  ["$", "USD", "en", "not-a-number"],
  ["元", "CNY", "zh-CN", "not-a-number"],
  ["1 2", "USD", "en", "not-a-number"],
  ["5.", "USD", "en", "not-a-number"],
  ["5千3千", "CNY", "zh-CN", "not-a-number"],
  ["3만 5", "KRW", "ko", "not-a-number"],
  ["3亿万", "CNY", "zh-CN", "not-a-number"],
  ["5万k", "CNY", "zh-CN", "not-a-number"],
  ["5w", "USD", "en", "not-a-number"],
  ["1e6", "USD", "en", "not-a-number"],
  ["about 500", "USD", "en", "not-a-number"],
  ["5 XYZ", "USD", "en", "not-a-number"],
];

describe("readAmount refuses what it cannot read exactly", () => {
  test.each(unreadable)("GIVEN %s for a %s customer in %s THEN unreadable (%s)", (text, currency, locale, reason) => {
    expect(readAmount(text, { currency, locale })).toEqual({ kind: "unreadable", phrase: text.trim(), reason });
  });
});

test("GIVEN an unknown expected currency THEN it throws, because that is a data error, not a user's", () => {
  expect(() => readAmount("5", { currency: "XYZ", locale: "en" })).toThrow(RangeError);
});

describe("every amount Rapport prints reads back to itself", () => {
  // What a rep copies from a reply must mean the same amount when pasted back for that customer.
  test.each([
    ["en", "USD", 1_234_567n],
    ["en", "TWD", 3_000_050n],
    ["en", "JPY", 50_000n],
    ["zh-CN", "CNY", 1_234_500n],
    ["zh-CN", "JPY", 50_000n],
    ["zh-TW", "TWD", 1_234_500n],
    ["zh-TW", "KRW", 33_000n],
    ["zh-TW", "HKD", 50_000n],
    ["ko", "KRW", 50_000_000n],
    ["ko", "USD", 120_000n],
    ["ko", "EUR", 99n],
  ] as const)("GIVEN %s and %s THEN %s survives format then read", (locale, currency, minor) => {
    const shown = formatMoney(minor, currency, locale);
    expect(readAmount(shown, { currency, locale })).toEqual({ kind: "amount", minor, currency });
  });
});

describe("readAmount reads the plain amounts people typed before it existed", () => {
  test.each([
    ["12,500.50", 1_250_050n],
    ["50000", 5_000_000n],
    ["$1,200", 120_000n],
    ["0.5", 50n],
    ["USD 1,200", 120_000n],
  ] as const)("GIVEN %s THEN %s minor units", (text, minor) => {
    expect(readAmount(text, { currency: "USD", locale: "en" })).toEqual({ kind: "amount", minor, currency: "USD" });
  });
});
