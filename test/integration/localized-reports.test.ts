/**
 * export and stats answer in the reader's language (zh-CN, zh-TW, ko): reply titles, scope, the rep's
 * refusal, chart titles, table columns, axis titles and legends. PGlite only; export.test.ts and
 * charts.test.ts keep English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { parsePeriod, salesChart } from "../../src/charts/stats-charts.js";
import { createTranslator, type Locale } from "../../src/core/i18n/index.js";
import type { Actor } from "../../src/core/actor.js";
import type { ReportQueries } from "../../src/core/reports.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;

type Expectations = {
  exportTitle: string;
  exportText: string[];
  denied: string[];
  salesTitle: string;
  sales: string[];
  customers: string[];
  ar: string[];
  activity: string[];
  badPeriod: string;
  spec: { title: string; x: string; y: string; legend: string[] };
};

const EXPECTED: Record<Exclude<Locale, "en">, Expectations> = {
  "zh-CN": {
    exportTitle: "已导出 0 行客户数据（负责人 Reader zh-CN）",
    exportText: ["customers-2026-11-23.csv：0 行（负责人 Reader zh-CN），1 KB。", "销售只能导出自己的客户；销售经理或管理员可以导出所有人的。"],
    denied: ["销售只能导出自己的客户，不能导出 you 的。请试试：导出 客户 我的（或请销售经理导出）。"],
    salesTitle: "月度销售额与去年同期对比，最近 12 个月",
    sales: ["月份", "销售额", "去年同月"],
    customers: ["按区域的客户：数量与累计销售额", "客户数", "累计销售额"],
    ar: ["应收账款账龄（截至 2026-11-23）", "范围", "未到期", "全部"],
    activity: ["成员跟进活动，最近 30 天", "跟进次数", "成功率", "丢单率", "团队"],
    badPeriod: "“someday”不是有效的时间段。请使用 30d、12m、2026 或 2026-03。",
    spec: { title: "月度销售额与去年同期对比", x: "月份", y: "销售额", legend: ["去年同期", "本期"] },
  },
  "zh-TW": {
    exportTitle: "已匯出 0 筆客戶資料（負責人 Reader zh-TW）",
    exportText: ["customers-2026-11-23.csv：0 筆（負責人 Reader zh-TW），1 KB。", "業務只能匯出自己的客戶；業務主管或管理員可以匯出所有人的。"],
    denied: ["業務只能匯出自己的客戶，不能匯出 you 的。請試試：匯出 客戶 我的（或請業務主管匯出）。"],
    salesTitle: "每月銷售額與去年同期比較，最近 12 個月",
    sales: ["月份", "銷售額", "去年同月"],
    customers: ["依區域的客戶：家數與累計銷售額", "客戶數", "累計銷售額"],
    ar: ["應收帳款帳齡（截至 2026-11-23）", "範圍", "未到期", "全部"],
    activity: ["成員跟進活動，最近 30 天", "跟進次數", "成交率", "失單率", "團隊"],
    badPeriod: "「someday」不是有效的期間。請使用 30d、12m、2026 或 2026-03。",
    spec: { title: "每月銷售額與去年同期比較", x: "月份", y: "銷售額", legend: ["去年同期", "本期"] },
  },
  ko: {
    exportTitle: "거래처 0건을 내보냈습니다 (담당자 Reader ko)",
    exportText: ["customers-2026-11-23.csv: 0건 (담당자 Reader ko), 1 KB.", "영업 담당자는 자신의 거래처만 내보낼 수 있으며"],
    denied: ["영업 담당자는 자신의 거래처만 내보낼 수 있으며, you님의 데이터는 내보낼 수 없습니다. 예: 내보내기 거래처 내 것"],
    salesTitle: "월별 매출 전년 동기 대비, 최근 12개월",
    sales: ["전년 동월", "매출"],
    customers: ["지역별 거래처: 거래처 수와 누적 매출", "거래처 수", "누적 매출"],
    ar: ["미수금 채권 연령 (2026-11-23 기준)", "범위", "기한 전", "전체"],
    activity: ["담당자별 활동, 최근 30일", "활동 수", "성공률", "실주율", "팀 전체"],
    badPeriod: "“someday”: 기간 형식이 아닙니다. 30d, 12m, 2026 또는 2026-03 형식으로 입력해 주십시오.",
    spec: { title: "월별 매출 전년 동기 대비", x: "월", y: "매출", legend: ["전년 동기", "이번 기간"] },
  },
};

const ENGLISH_WORDS = /Exported|rows|Reps can|Monthly sales|Receivables|Customers by|Member activity|not yet due|lifetime sales|success rate|\bTeam\b|not a period/;

describe("export and stats in the reader's language (pglite)", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(pglite);
    const admin = app.actor("team-reports-i18n", "you");
    const { tenant } = await app.rapport.identify(admin);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  const reader = (locale: Locale): Actor => app.actor("team-reports-i18n", `reader-${locale}`, { displayName: `Reader ${locale}`, timeZone: "UTC", locale });

  describe.each(Object.entries(EXPECTED) as [Exclude<Locale, "en">, Expectations][])("%s", (locale, expected) => {
    const expectAll = (text: string, phrases: string[]) => {
      for (const phrase of phrases) expect(text).toContain(phrase);
      expect(text).not.toMatch(ENGLISH_WORDS);
    };

    test("export: a rep's own file is described in their language; someone else's is refused", async () => {
      const reply = await app.rapport.runText({ actor: reader(locale), text: "export customers" });
      expect(reply.title).toBe(expected.exportTitle);
      expect(reply.attachments?.[0]?.filename).toBe("customers-2026-11-23.csv");
      expectAll(await app.text(reader(locale), "export customers"), expected.exportText);
      const denied = await app.rapport.runText({ actor: reader(locale), text: "export customers @you" });
      expect(denied.isError).toBe(true);
      expectAll(await app.text(reader(locale), "export customers @you"), expected.denied);
    });

    test("stats: titles, table columns and groups are translated; a bad period is explained", async () => {
      const sales = await app.rapport.runText({ actor: reader(locale), text: "stats sales 12m" });
      expect(sales.title).toBe(expected.salesTitle);
      expect(sales.attachments?.[0]?.filename).toBe("sales.png");
      expectAll(await app.text(reader(locale), "stats sales 12m"), expected.sales);
      expectAll(await app.text(reader(locale), "stats customers by region"), expected.customers);
      expectAll(await app.text(reader(locale), "stats ar"), expected.ar);
      expectAll(await app.text(reader(locale), "stats activity 30d"), expected.activity);
      expect(await app.text(reader(locale), "stats sales someday")).toContain(expected.badPeriod);
    });

    test("the chart spec carries the translated title, axis titles and legend labels", async () => {
      const reports = { monthlySales: async () => [{ month: "2026-11", group: "all", total: 1000, orders: 1 }] } as unknown as ReportQueries;
      const chart = await salesChart(reports, { period: parsePeriod("3m", "2026-11-23", "12m")!, currencyDigits: 2, t: createTranslator(locale) });
      const spec = chart.spec as { title: string; encoding: { x: { title: string }; y: { title: string }; color: { sort: string[] } } };
      expect(spec.title).toBe(expected.spec.title);
      expect(spec.encoding.x.title).toBe(expected.spec.x);
      expect(spec.encoding.y.title).toBe(expected.spec.y);
      expect(spec.encoding.color.sort).toEqual(expected.spec.legend);
    });
  });
});
