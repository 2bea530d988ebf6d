import { describe, expect, test } from "vitest";
import { createTranslator } from "../../core/i18n/translator.js";
import type { Locale } from "../../core/i18n/locale.js";
import { renderText } from "../../adapters/console/render-text.js";
import { buildFollowUpsDigest } from "./followups.js";
import { buildOverdueDigest } from "./overdue.js";
import { buildChurnDigest } from "./churn.js";
import { buildPipelineDigest } from "./pipeline.js";
import type { BuiltDigest, DigestContext } from "./types.js";

const alice = { id: 1, externalId: "U1", displayName: "Alice" };

function ctxFor(locale: Locale, currency = "USD"): DigestContext {
  return { now: new Date("2026-11-27T08:00:00Z"), today: "2026-11-27", timeZone: "UTC", currency, full: false, t: createTranslator(locale) };
}

function text(built: BuiltDigest): string {
  return `${built.reply.title}\n${renderText(built.reply)}`;
}

const followUps = (ctx: DigestContext) =>
  buildFollowUpsDigest(
    {
      weekEnd: "2026-11-29",
      totals: { overdue: 1, today: 1, week: 0 },
      ownerCount: 1,
      owners: [
        {
          owner: null,
          overdue: 1,
          today: 1,
          week: 0,
          items: [
            { customerId: 7, customerName: "Acme", nextFollowUp: "2026-11-25" },
            { customerId: 8, customerName: "Globex", nextFollowUp: "2026-11-27" },
          ],
        },
      ],
    },
    ctx,
  );

const overdue = (ctx: DigestContext) =>
  buildOverdueDigest(
    {
      total: 3_300_000,
      customerCount: 1,
      totals: { "0-30": 0, "31-60": 3_300_000, "61-90": 0, "91-180": 0, ">180": 0 },
      debtors: [{ customerId: 7, customerName: "Acme", owner: null, overdue: 3_300_000, buckets: { "0-30": 0, "31-60": 3_300_000, "61-90": 0, "91-180": 0, ">180": 0 }, oldestBucket: "31-60", balance: 3_300_000, creditLimit: null }],
      overLimit: [],
      overLimitCount: 0,
    },
    ctx,
  );

const churn = (ctx: DigestContext) =>
  buildChurnDigest(
    {
      pastDue: {
        count: 1,
        items: [{ customerId: 7, customerName: "Acme", owner: alice, predictedNextAt: "2026-11-20", avgCycleDays: 30, lastOrderAt: "2026-10-21", lifetimeSales: 500_000 }],
      },
      silent: { count: 0, fromDays: 90, toDays: 365, items: [] },
      lost: { count: 1, days: 30, items: [{ customerId: 9, customerName: "Initech", owner: null, lostOn: "2026-11-10" }] },
    },
    ctx,
  );

const pipeline = (ctx: DigestContext) =>
  buildPipelineDigest(
    {
      from: "2026-11-21",
      to: "2026-11-27",
      newCustomers: 2,
      updated: 3,
      won: 1,
      lost: 1,
      signed: { month: { current: 2, previous: 1 }, quarter: { current: 3, previous: 0 }, year: { current: 0, previous: 0 } },
      members: [{ member: alice, contacts: 4, rated: 2, successful: 1, won: 1, lost: 1 }],
    },
    ctx,
  );

describe.each([
  {
    locale: "zh-CN" as const,
    followUps: ["今日待跟进", "11月27日", "已逾期 2 天", "未分配", "记录通话"],
    overdue: ["逾期应收", "账龄", "致电客户的财务对接人", "US$33,000.00"],
    churn: ["流失预警", "老客户", "累计销售额", "丢单"],
    pipeline: ["销售漏斗周报", "新增客户 2 个", "本月签约", "赢单", "丢单率"],
  },
  {
    locale: "zh-TW" as const,
    followUps: ["今日待跟進", "11月27日（五）", "已逾期 2 天", "未指派", "記錄通話"],
    overdue: ["逾期應收帳款", "帳齡", "會計窗口", "US$33,000.00"],
    churn: ["流失預警", "老客戶", "累計銷售額", "失單"],
    pipeline: ["銷售漏斗週報", "新增客戶 2 位", "本月簽約", "成交", "失單率"],
  },
  {
    locale: "ko" as const,
    followUps: ["오늘의 후속 연락", "11월 27일 (금)", "2일 지남", "담당자 없음", "통화 기록"],
    overdue: ["연체 미수금", "채권 연령", "입금일", "US$33,000.00"],
    churn: ["이탈 위험", "누적 매출", "실주"],
    pipeline: ["주간 파이프라인", "신규 거래처 2곳", "이번 달 신규 계약", "수주", "실주율"],
  },
])("digests in $locale", ({ locale, ...expected }) => {
  const ctx = ctxFor(locale);
  test.each([
    ["followUps", followUps],
    ["overdue", overdue],
    ["churn", churn],
    ["pipeline", pipeline],
  ] as const)("%s reads in the language", (kind, build) => {
    const rendered = text(build(ctx));
    for (const phrase of expected[kind]) expect(rendered).toContain(phrase);
    expect(rendered).not.toMatch(/\b(overdue|customers?|Unassigned|Log call|lifetime|Signed|Pipeline|Churn)\b/);
  });

  test("the empty digests say all clear in the language", () => {
    const empty = buildFollowUpsDigest({ weekEnd: "2026-11-29", totals: { overdue: 0, today: 0, week: 0 }, owners: [], ownerCount: 0 }, ctx);
    expect(empty.empty).toBe(true);
    expect(text(empty)).not.toContain("All clear");
  });
});

test("a KRW workspace's Korean digest shows won without decimals", () => {
  const rendered = text(overdue(ctxFor("ko", "KRW")));
  expect(rendered).toContain("₩3,300,000");
  expect(rendered).not.toContain("₩3,300,000.");
});
