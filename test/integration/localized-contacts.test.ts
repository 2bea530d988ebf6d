/**
 * The contact commands (log, followup, followups, overdue, new, edit) and the date questions,
 * answered in Simplified Chinese, Traditional Chinese and Korean to members whose chat app speaks
 * that language, on PGlite with the demo data. The clock is Monday 2026-11-23 15:00 UTC.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { renderText } from "../../src/adapters/console/render-text.js";

type Case = {
  locale: "zh-CN" | "zh-TW" | "ko";
  user: string;
  timeZone: string;
  customer: string;
  fragment: string;
  new: string[];
  log: string[];
  followup: string[];
  followups: string[];
  overdue: string[];
  edit: string[];
  ambiguous: string[];
  past: string[];
  pastButtons: string[];
};

const CASES: Case[] = [
  {
    locale: "zh-CN",
    user: "chen",
    timeZone: "Asia/Shanghai",
    customer: "北京新星科技",
    fragment: "新星",
    new: ["已创建客户 北京新星科技", "您是该客户的负责人。"],
    log: ["已为北京新星科技记录一条电话跟进", "沟通内容", "结果", "高价值", "下次跟进", "2026-12-01", "查看客户", "撤销"],
    followup: ["已将北京新星科技的下次跟进设为 2026-11-26"],
    followups: ["我的跟进：本周（含逾期）", "北京新星科技", "推迟 1 天"],
    overdue: ["应收账款账龄 · 全部客户：逾期", "逾期天数", "0-30 天", ">180 天", "合计", "金额", "逾期金额最高的客户", "信用额度", "超出信用额度", "超出"],
    edit: ["已更新 北京新星科技", "（未填写） -> 北京"],
    ambiguous: ["“05/12/2027”可以理解为 2027-05-12或2027-12-05，您指的是哪一天？"],
    past: ["“2026年11月1日”是 2026-11-01（22 天前），设为跟进日期会立即逾期。"],
    pastButtons: ["保留 2026-11-01", "今天（2026-11-23）", "明天（2026-11-24）"],
  },
  {
    locale: "zh-TW",
    user: "lin",
    timeZone: "Asia/Taipei",
    customer: "台北星辰資訊",
    fragment: "星辰",
    new: ["已建立客戶 台北星辰資訊", "您是這位客戶的負責人。"],
    log: ["已為台北星辰資訊記錄一筆拜訪跟進", "溝通內容", "下次跟進", "查看客戶"],
    followup: ["已將台北星辰資訊的下次跟進設為 2026-11-26"],
    followups: ["我的跟進：本週（含逾期）", "台北星辰資訊", "延後 1 天"],
    overdue: ["應收帳款帳齡 · 全部客戶：逾期", "逾期天數", "0-30 天", "合計", "逾期金額最高的客戶", "餘額", "超出信用額度"],
    edit: ["已更新 台北星辰資訊", "（未填寫） -> 台北"],
    ambiguous: ["「05/12/2027」可能是 2027-05-12或2027-12-05，您指的是哪一天？"],
    past: ["「2026年11月1日」是 2026-11-01（22 天前），設為跟進日期會立即逾期。"],
    pastButtons: ["保留 2026-11-01", "今天（2026-11-23）", "明天（2026-11-24）"],
  },
  {
    locale: "ko",
    user: "jisoo",
    timeZone: "UTC",
    customer: "부산해운",
    fragment: "부산해운",
    new: ["부산해운 거래처를 등록했습니다", "담당자로 지정되었습니다."],
    log: ["부산해운 통화 기록을 저장했습니다", "내용", "결과", "고가치", "다음 후속 연락", "거래처 보기", "실행 취소"],
    followup: ["부산해운의 다음 후속 연락일을 설정했습니다: 2026-11-26"],
    followups: ["내 후속 연락: 이번 주 (기한 지남 포함)", "부산해운", "하루 미루기"],
    overdue: ["미수금 연령 분석 · 전체 거래처: 연체", "연체 일수", "0-30일", "합계", "연체 금액 상위 거래처", "여신 한도", "여신 한도 초과"],
    edit: ["부산해운 정보를 수정했습니다", "(없음) -> 부산"],
    ambiguous: ["“05/12/2027”: 2027-05-12 또는 2027-12-05 중 어느 날짜를 말씀하신 건가요?"],
    past: ["“2026년 11월 1일”: 2026-11-01(22일 전)입니다. 이 날짜로 후속 연락을 잡으면 바로 기한이 지납니다."],
    pastButtons: ["2026-11-01 유지", "오늘 (2026-11-23)", "내일 (2026-11-24)"],
  },
];

const buttonLabels = (reply: Reply) => reply.blocks.flatMap((block) => (block.type === "buttons" ? block.buttons.map((button) => button.label) : []));

describe.each(testTargets.filter((target) => target.name === "pglite"))("contact commands in Chinese and Korean on $name", (target) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(target);
    const { tenant } = await app.rapport.identify(app.actor("team-l", "you"));
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  describe.each(CASES)("$locale", (c) => {
    let actor: Actor;
    const run = async (line: string) => {
      const reply = await app.rapport.runText({ actor, text: line });
      return { reply, text: renderText(reply) };
    };
    const expectAll = (text: string, parts: string[]) => {
      for (const part of parts) expect(text).toContain(part);
    };

    beforeAll(() => {
      actor = app.actor("team-l", c.user, { timeZone: c.timeZone, locale: c.locale });
    });

    test("new, log, followup, followups and edit answer in the member's language", async () => {
      const created = await run(`new ${c.customer} grade=B`);
      expect(created.reply.isError ?? false, created.text).toBe(false);
      expectAll(created.text, c.new);

      const channel = c.locale === "zh-TW" ? "visit" : "call";
      const logged = await run(`log ${c.fragment} ${channel} 报价 next 2026-12-01${c.locale === "zh-TW" ? "" : " outcome high-value"}`);
      expect(logged.reply.isError ?? false, logged.text).toBe(false);
      expectAll(logged.text, c.log);
      expect(logged.text).not.toMatch(/Logged|Summary|Next follow-up|Show customer/);

      const followup = await run(`followup ${c.fragment} 2026-11-26`);
      expectAll(followup.text, c.followup);
      expect(followup.text).not.toContain("Next follow-up with");

      const followups = await run("followups week");
      expectAll(followups.text, c.followups);
      expect(followups.text).not.toMatch(/follow-ups:|Snooze|Log call/);

      const region = c.locale === "ko" ? "부산" : c.locale === "zh-TW" ? "台北" : "北京";
      const edited = await run(`edit ${c.fragment} region=${region}`);
      expect(edited.reply.isError ?? false, edited.text).toBe(false);
      expectAll(edited.text, c.edit);
      expect(edited.text).not.toMatch(/Updated|\(empty\)/);
    });

    test("overdue shows the receivable ageing with localized headings and buckets", async () => {
      const { reply, text } = await run("overdue");
      expect(reply.isError ?? false, text).toBe(false);
      expectAll(text, c.overdue);
      expect(text).not.toMatch(/Overdue receivables|Days past due|Over credit limit|Largest overdue/);
    });

    test("a date that reads two ways is asked about in the member's language, both readings as buttons", async () => {
      const { reply, text } = await run(`followup ${c.fragment} 05/12/2027`);
      expect(reply.code).toBe("ambiguous_date");
      expectAll(text, c.ambiguous);
      expect(buttonLabels(reply)).toEqual(["2027-05-12", "2027-12-05"]);
    });

    test("a follow-up date in the past is questioned, with Keep / Today / Tomorrow in the member's language", async () => {
      const phrase = c.locale === "ko" ? "2026년 11월 1일" : "2026年11月1日";
      const { reply, text } = await run(`followup ${c.fragment} ${phrase}`);
      expect(reply.code).toBe("past_date");
      expectAll(text, c.past);
      expect(buttonLabels(reply)).toEqual(c.pastButtons);
    });
  });

  test("English stays as it was", async () => {
    const admin = app.actor("team-l", "you");
    const ambiguous = await app.rapport.runText({ actor: admin, text: "followup acme 05/12/2027" });
    expect(ambiguous.title).toBe('"05/12/2027" could be 2027-05-12 or 2027-12-05. Which one did you mean?');
    const past = await app.rapport.runText({ actor: admin, text: "followup acme 2026年11月22日" });
    expect(past.title).toBe('"2026年11月22日" is 2026-11-22, yesterday: a follow-up then would already be overdue. Keep it, or pick another date?');
    expect(buttonLabels(past)).toEqual(["Keep 2026-11-22", "Today (2026-11-23)", "Tomorrow (2026-11-24)"]);
  });
});
