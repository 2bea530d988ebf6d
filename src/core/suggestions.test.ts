import { describe, expect, test } from "vitest";
import { createTranslator, type Locale } from "./i18n/index.js";
import { dateLabel, dateSuggestions, dealSuggestions, invoiceSuggestions, stageSuggestions, suggestionKindOf, validitySuggestions } from "./suggestions.js";
import { DEFAULT_STAGES, type Deal } from "./deal-store.js";

// Friday 27 Nov 2026, 20:00 UTC: already Saturday 28 Nov in Shanghai and Seoul.
const NOW = new Date("2026-11-27T20:00:00Z");
const dates = (locale: Locale, timeZone: string, query = "", limit = 25) => dateSuggestions({ query, t: createTranslator(locale), timeZone, now: NOW, limit });

describe("suggestionKindOf", () => {
  test.each([
    ["task", { name: "date", kind: "date" }, "date"],
    ["log", { name: "next", kind: "date" }, "date"],
    ["deal", { name: "close", kind: "date" }, "date"],
    ["deal", { name: "stage", kind: "text" }, "dealStage"],
    ["deal", { name: "id", kind: "text" }, "dealId"],
    ["quote", { name: "number", kind: "text" }, "quoteNumber"],
    // A text option (it also takes `30d`), so named: a kind of `date` alone would miss it.
    ["quote", { name: "valid", kind: "text" }, "validity"],
    ["pay", { name: "customer_or_invoice", kind: "text" }, "openInvoice"],
    ["pay", { name: "ref", kind: "text" }, undefined],
    ["deal", { name: "title", kind: "text" }, undefined],
    ["order", { name: "number", kind: "order" }, undefined],
  ] as const)("GIVEN %s %o THEN %s", (command, option, kind) => {
    expect(suggestionKindOf(command, option)).toBe(kind);
  });
});

describe("dateSuggestions", () => {
  test.each([
    ["en", "UTC", "tomorrow — Sat 28 Nov", "2026-11-28"],
    ["en", "Asia/Shanghai", "tomorrow — Sun 29 Nov", "2026-11-29"],
    ["zh-CN", "UTC", "明天 — 11月28日周六", "2026-11-28"],
    ["zh-CN", "Asia/Shanghai", "明天 — 11月29日周日", "2026-11-29"],
    ["zh-TW", "Asia/Taipei", "明天 — 11月29日週日", "2026-11-29"],
    ["ko", "Asia/Seoul", "내일 — 11월 29일 (일)", "2026-11-29"],
    ["ko", "America/Los_Angeles", "내일 — 11월 28일 (토)", "2026-11-28"],
  ] as const)("GIVEN nothing typed in %s, zone %s THEN the first is %s", (locale, zone, label, value) => {
    const options = dates(locale, zone);
    expect(options[0]).toEqual({ label, value });
    expect(options.length).toBeGreaterThanOrEqual(5);
    // One suggestion per date, each a real calendar date.
    expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
    for (const option of options) expect(option.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test.each([
    ["en", "next fri", { label: "next fri — Fri 4 Dec", value: "2026-12-04" }],
    ["zh-CN", "下周五", { label: "下周五 — 12月4日周五", value: "2026-12-04" }],
    ["zh-TW", "下週五", { label: "下週五 — 12月4日週五", value: "2026-12-04" }],
    ["ko", "다음 주 금요일", { label: "다음 주 금요일 — 12월 4일 (금)", value: "2026-12-04" }],
    ["en", "2027-01-05", { label: "2027-01-05 — Tue 5 Jan 2027", value: "2027-01-05" }],
  ] as const)("GIVEN %s typed %s THEN it is echoed with the date it means", (locale, query, first) => {
    expect(dates(locale, "UTC", query)[0]).toEqual(first);
  });

  test("GIVEN an ambiguous 5/12 THEN both readings are offered", () => {
    expect(dates("en", "UTC", "5/12").map((o) => o.value)).toEqual(["2027-05-12", "2026-12-05"]);
  });

  test.each([
    ["en", "someday", '"someday" is not a date Rapport reads. Try tomorrow, next fri, 2026-12-01'],
    ["zh-CN", "某天", "无法识别日期“某天”。可以输入：明天、下周五、2026-12-01"],
    ["zh-TW", "某天", "無法辨識日期「某天」。可以輸入：明天、下週五、2026-12-01"],
    ["ko", "언젠가", "‘언젠가’은(는) 인식할 수 없는 날짜입니다. 예: 내일, 다음 주 금요일, 2026-12-01"],
  ] as const)("GIVEN %s text that is no date (%s) THEN it says so", (locale, query, label) => {
    expect(dates(locale, "UTC", query)).toEqual([{ label, value: query }]);
  });

  test("GIVEN the start of a phrase THEN the phrases it begins come first, then that it does not read yet", () => {
    const options = dates("ko", "UTC", "다음");
    expect(options.map((o) => o.label.split(" — ")[0])).toEqual(["다음 주 월요일", "다음 주 금요일", expect.stringContaining("다음")]);
    expect(dates("zh-CN", "UTC", "明")[0]).toEqual({ label: "明天 — 11月28日周六", value: "2026-11-28" });
  });

  test("GIVEN a limit THEN no more than it", () => {
    expect(dates("en", "UTC", "", 2)).toHaveLength(2);
  });

  test("GIVEN a date in another year THEN its label shows the year", () => {
    expect(dateLabel("2027-01-05", "en", "2026-11-27")).toBe("Tue 5 Jan 2027");
    expect(dateLabel("2026-12-04", "ko", "2026-11-27")).toBe("12월 4일 (금)");
  });
});

describe("stageSuggestions", () => {
  const stages = [...DEFAULT_STAGES, { key: "pilot", name: "Pilot run", position: 5, probability: 60, kind: "open" as const }];
  test.each([
    ["en", "", ["Lead · 10%", "Qualified · 25%", "Proposal · 50%", "Negotiation · 75%", "Won · 100%", "Pilot run · 60%"]],
    ["zh-CN", "线", ["线索 · 10%"]],
    ["ko", "pil", ["Pilot run · 60%"]],
    ["en", "prop", ["Proposal · 50%"]],
  ] as const)("GIVEN %s typed %j THEN the workspace's stages in the reader's words (lost needs a reason)", (locale, query, labels) => {
    const options = stageSuggestions({ stages, query, t: createTranslator(locale), limit: 25 });
    expect(options.map((o) => o.label)).toEqual(labels);
    expect(options.every((o) => stages.some((s) => s.key === o.value))).toBe(true);
  });
});

describe("dealSuggestions", () => {
  const deal = (id: number, title: string, customerName: string) => ({ id, title, customerName }) as Deal;
  const deals = [deal(12, "Terrace heaters", "Café Lumière SARL"), deal(7, "ERP rollout", "上海宏达贸易有限公司"), deal(120, "Spare parts", "Acme Corp")];
  test.each([
    ["12", ["12", "120"]],
    ["#D12", ["12", "120"]],
    ["宏达", ["7"]],
    ["acme", ["120"]],
    ["", ["12", "7", "120"]],
  ])("GIVEN %j THEN deals %j", (query, ids) => {
    const options = dealSuggestions({ deals, query, t: createTranslator("en"), limit: 25 });
    expect(options.map((o) => o.value)).toEqual(ids);
  });
  test("GIVEN a deal THEN it reads #id · title · customer", () => {
    expect(dealSuggestions({ deals, query: "7", t: createTranslator("zh-CN"), limit: 25 })).toEqual([{ label: "#7 · ERP rollout · 上海宏达贸易有限公司", value: "7" }]);
  });
});

describe("validitySuggestions", () => {
  const validity = (locale: Locale, query: string) => validitySuggestions({ query, t: createTranslator(locale), timeZone: "UTC", now: NOW, limit: 25 });

  test.each([
    ["en", "30d", { label: "30d — Sun 27 Dec", value: "2026-12-27" }],
    ["zh-CN", "30天", { label: "30天 — 12月27日周日", value: "2026-12-27" }],
    ["ko", "45일", { label: "45일 — 2027년 1월 11일 (월)", value: "2027-01-11" }],
  ] as const)("GIVEN %s typed the period %s THEN the date it ends on, sent back as that date", (locale, query, only) => {
    expect(validity(locale, query)).toEqual([only]);
  });

  test("GIVEN a date phrase or nothing THEN the same suggestions a date option gets", () => {
    expect(validity("en", "next fri")).toEqual(dates("en", "UTC", "next fri"));
    expect(validity("zh-TW", "")).toEqual(dates("zh-TW", "UTC", ""));
  });
});

describe("invoiceSuggestions", () => {
  const invoices = [
    { number: "INV-1001", customerName: "Acme Corp", currency: null, open: 120_050, dueOn: "2026-11-17" },
    { number: "INV-1002", customerName: "上海宏达贸易有限公司", currency: "CNY", open: 5_000_000, dueOn: "2026-11-26" },
    { number: "INV-1003", customerName: "한빛상사", currency: "KRW", open: 3_500_000, dueOn: "2026-12-04" },
  ];
  const labels = (locale: Locale) => invoiceSuggestions({ invoices, workspaceCurrency: "EUR", t: createTranslator(locale), today: "2026-11-27" }).map((o) => o.label);

  test("GIVEN open invoices THEN number, customer, what is left in the customer's currency, how late; the number sent back", () => {
    const options = invoiceSuggestions({ invoices, workspaceCurrency: "EUR", t: createTranslator("en"), today: "2026-11-27" });
    expect(options.map((o) => o.value)).toEqual(["INV-1001", "INV-1002", "INV-1003"]);
    expect(labels("en")).toEqual([
      "INV-1001 · Acme Corp · €1,200.50 open · 10 days overdue",
      "INV-1002 · 上海宏达贸易有限公司 · CN¥50,000.00 open · 1 day overdue",
      "INV-1003 · 한빛상사 · ₩3,500,000 open · due Fri 4 Dec",
    ]);
  });

  test.each([
    ["zh-CN", "INV-1002 · 上海宏达贸易有限公司 · 待收 ¥50,000.00 · 已逾期 1 天", "INV-1003 · 한빛상사 · 待收 ₩3,500,000 · 12月4日周五到期"],
    ["zh-TW", "INV-1002 · 上海宏达贸易有限公司 · 待收 CN¥50,000.00 · 已逾期 1 天", "INV-1003 · 한빛상사 · 待收 ￦3,500,000 · 12月4日週五到期"],
    ["ko", "INV-1002 · 上海宏达贸易有限公司 · 미수 CN¥50,000.00 · 1일 연체", "INV-1003 · 한빛상사 · 미수 ₩3,500,000 · 12월 4일 (금) 만기"],
  ] as const)("GIVEN a %s reader THEN the labels are in their words", (locale, overdue, due) => {
    expect(labels(locale).slice(1)).toEqual([overdue, due]);
  });
});
