import { describe, expect, test } from "vitest";
import { createTranslator, type Locale } from "./i18n/index.js";
import { dateLabel, dateSuggestions, dealSuggestions, stageSuggestions, suggestionKindOf } from "./suggestions.js";
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
