/**
 * Commands typed in Simplified and Traditional Chinese and in Korean (and in full-width forms), end
 * to end on real databases (PGlite and PostgreSQL): what is written and what is shown.
 * The clock is Monday 2026-11-23 15:00 UTC, which is already Tuesday 00:00 in Seoul.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { createDigestService } from "../../src/digests/service.js";
import { createRecordingPoster } from "../../src/digests/recording-poster.js";
import { renderText } from "../../src/adapters/console/render-text.js";

type Who = "admin" | "bob" | "minji";

type Row = {
  line: string;
  who?: Who;
  /** Substrings of the rendered reply. */
  says?: string[];
  /** Substrings the rendered reply must not contain. */
  never?: string[];
  error?: string;
  /** What was written, read back from the database. */
  wrote?: (app: TestApp, tenantId: number) => Promise<void>;
};

const dateOf = (value: Date | null | undefined) => value?.toISOString().slice(0, 10);

async function customer(app: TestApp, tenantId: number, name: string) {
  return app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } });
}

/** Due dates of the customer's open tasks (a follow-up date is a task; the customer's date is the earliest). */
async function openTaskDates(app: TestApp, tenantId: number, name: string): Promise<string[]> {
  const tasks = await app.database.prisma.task.findMany({ where: { tenantId, customer: { name }, doneAt: null } });
  return tasks.map((task) => dateOf(task.dueOn)!);
}

async function lastInteraction(app: TestApp, tenantId: number, name: string) {
  return app.database.prisma.interaction.findFirstOrThrow({ where: { tenantId, customer: { name } }, orderBy: { id: "desc" } });
}

async function lastDigest(app: TestApp, tenantId: number) {
  return app.database.prisma.digestSubscription.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" } });
}

const ROWS: Row[] = [
  // find / show
  { line: "查找 宏达", says: ["上海宏达贸易有限公司"] },
  { line: "查詢 宏達電子", says: ["台灣宏達電子股份有限公司"] },
  { line: "찾기 삼성", says: ["삼성전자"] },
  { line: "검색 현대", says: ["현대상사"] },
  { line: "ｆｉｎｄ ａｃｍｅ", says: ["Acme Corp"] },
  { line: "show ＃3", says: ["上海宏达贸易有限公司  #3"] },
  { line: "查看 华强", says: ["深圳华强电子有限公司"] },
  { line: "보기 삼성", says: ["삼성전자  #5"] },
  // followups: period and scope words
  { line: "followups 今天", who: "bob", says: ["Your follow-ups: today", "Globex Corporation", "Müller GmbH"] },
  { line: "跟進 逾期", who: "bob", says: ["Your follow-ups: overdue", "Müller GmbH"], never: ["Globex"] },
  { line: "跟进 本周 全部", says: ["Team follow-ups: week", "Müller GmbH", "삼성전자"] },
  { line: "후속연락 이번 주 전체", says: ["Team follow-ups: week"] },
  { line: "팔로업 내일 전체", says: ["Team follow-ups: tomorrow", "삼성전자"], never: ["Acme"] },
  // log: channel words, keywords in any order, dates in the member's zone
  {
    line: "log 삼성 call 견적서 보냄 next 내일",
    who: "minji",
    says: ["Logged call with 삼성전자", "2026-11-25 (tomorrow)"],
    wrote: async (app, tenantId) => {
      expect(await openTaskDates(app, tenantId, "삼성전자")).toContain("2026-11-25");
      expect(await lastInteraction(app, tenantId, "삼성전자")).toMatchObject({ channel: "call", summary: "견적서 보냄" });
    },
  },
  {
    line: "기록 삼성 통화 견적서 보냄 다음 모레",
    who: "minji",
    says: ["Logged call with 삼성전자", "2026-11-26"],
    wrote: async (app, tenantId) => expect(await lastInteraction(app, tenantId, "삼성전자")).toMatchObject({ channel: "call", summary: "견적서 보냄" }),
  },
  {
    line: "log acme 电话 谈了价格 结果 有效 下次 明天",
    says: ["Logged call with Acme Corp", "effective", "2026-11-24 (tomorrow)"],
    wrote: async (app, tenantId) => {
      expect(await lastInteraction(app, tenantId, "Acme Corp")).toMatchObject({ channel: "call", outcome: "effective", summary: "谈了价格" });
      expect(await openTaskDates(app, tenantId, "Acme Corp")).toContain("2026-11-24");
    },
  },
  {
    line: "記錄 宏達電子 拜訪 看樣品 下次跟進 下週五",
    says: ["Logged visit with 台灣宏達電子股份有限公司", "2026-12-04"],
    wrote: async (app, tenantId) => expect(await lastInteraction(app, tenantId, "台灣宏達電子股份有限公司")).toMatchObject({ channel: "visit", summary: "看樣品" }),
  },
  {
    line: "记录 华强 微信 聊了价格 下次明天",
    says: ["Logged chat with 深圳华强电子有限公司", "2026-11-24"],
    wrote: async (app, tenantId) => expect(await lastInteraction(app, tenantId, "深圳华强电子有限公司")).toMatchObject({ channel: "chat", summary: "聊了价格" }),
  },
  {
    line: "기록 현대 미팅 단가 협의 결과 유효 다음 3일 후",
    says: ["Logged meeting with 현대상사", "2026-11-26"],
    wrote: async (app, tenantId) => expect(await lastInteraction(app, tenantId, "현대상사")).toMatchObject({ channel: "meeting", outcome: "effective", summary: "단가 협의" }),
  },
  {
    line: "记录 宏达贸易 电话 他说 下次 再谈",
    says: ["Logged call with 上海宏达贸易有限公司", "他说 下次 再谈"],
    wrote: async (app, tenantId) => expect(await lastInteraction(app, tenantId, "上海宏达贸易有限公司")).toMatchObject({ summary: "他说 下次 再谈", nextFollowUp: null }),
  },
  // followup: dates in four languages
  { line: "设跟进 acme 12月5日", says: ["Next follow-up with Acme Corp: 2026-12-05"], wrote: async (app, tenantId) => expect(await openTaskDates(app, tenantId, "Acme Corp")).toContain("2026-12-05") },
  { line: "設定跟進 宏達電子 2026年12月8日", says: ["2026-12-08"] },
  { line: "팔로업설정 삼성 다음 주 금요일", who: "minji", says: ["Next follow-up with 삼성전자: 2026-12-04"] },
  { line: "followup acme 모레", says: ["2026-11-25"] },
  { line: "followup acme ２０２６－１２－０１", says: ["2026-12-01"] },
  { line: "followup acme 후년쯤에", error: "bad_date", says: ['"후년쯤에"'] },
  // edit / new: field names and fixed values in any language, full-width forms
  { line: "edit acme grade＝B", says: ["grade  A -> B"], wrote: async (app, tenantId) => expect((await customer(app, tenantId, "Acme Corp")).grade).toBe("B") },
  { line: "수정 acme 등급=C급", wrote: async (app, tenantId) => expect((await customer(app, tenantId, "Acme Corp")).grade).toBe("C") },
  { line: "编辑 华强 状态=休眠", wrote: async (app, tenantId) => expect((await customer(app, tenantId, "深圳华强电子有限公司")).status).toBe("dormant") },
  { line: "編輯 宏達電子 階段=談判", wrote: async (app, tenantId) => expect((await customer(app, tenantId, "台灣宏達電子股份有限公司")).stage).toBe("negotiation") },
  { line: "新建 北京星辰科技 等级=A 城市=北京", says: ["Created 北京星辰科技"], wrote: async (app, tenantId) => expect(await customer(app, tenantId, "北京星辰科技")).toMatchObject({ grade: "A", city: "北京" }) },
  { line: "신규 부산물산 지역=부산 전화=０５１－５５５－０１００", says: ["Created 부산물산"], wrote: async (app, tenantId) => expect(await customer(app, tenantId, "부산물산")).toMatchObject({ region: "부산", phone: "051-555-0100" }) },
  // money in the customer's own currency
  {
    line: "edit 宏达贸易 币种=人民币 信用额度=５０万",
    says: ["CN¥500,000.00"],
    wrote: async (app, tenantId) => expect(await customer(app, tenantId, "上海宏达贸易有限公司")).toMatchObject({ currency: "CNY", creditLimit: 50_000_000n }),
  },
  {
    line: "edit 삼성 currency=KRW credit_limit=₩50,000,000",
    says: ["₩50,000,000"],
    wrote: async (app, tenantId) => expect(await customer(app, tenantId, "삼성전자")).toMatchObject({ currency: "KRW", creditLimit: 50_000_000n }),
  },
  { line: "show 삼성", says: ["Credit limit    ₩50,000,000", "Currency        KRW"] },
  { line: "수정 삼성 여신한도=3천만원", says: ["₩50,000,000 -> ₩30,000,000"], wrote: async (app, tenantId) => expect((await customer(app, tenantId, "삼성전자")).creditLimit).toBe(30_000_000n) },
  { line: "edit 삼성 credit_limit=₩50,000,000", says: ["₩30,000,000 -> ₩50,000,000"], wrote: async (app, tenantId) => expect((await customer(app, tenantId, "삼성전자")).creditLimit).toBe(50_000_000n) },
  { line: "edit 삼성 credit_limit=$5,000", error: "bad_field", says: ['"$5,000" is in USD', "amounts are in KRW"] },
  { line: "edit 삼성 currency=CNY", error: "currency_change", says: ["₩50,000,000"] },
  // other commands
  { line: "导出 客户", says: ["customers-2026-11-23.csv"] },
  { line: "匯出 訂單 from=05/12/2026", error: "ambiguous_date", says: ['"05/12/2026" could be 2026-05-12 or 2026-12-05', 'from="2026-12-05"'] },
  { line: "帮助 记录", says: ["log"] },
  { line: "도움말", says: ["find"] },
  // handover's switches in the reader's words: a preview moves nothing.
  { line: "交接 @bob @alice --预览", says: ["Would move"] },
  { line: "인수인계 @bob @alice --미리보기 --권한유지", says: ["Would move", "keeps their access"] },
  { line: "digest add 跟进 console:stdout 08:30 周一,周四", says: ["followups", "into console:stdout at 08:30 UTC, mon, thu"], wrote: async (app, tenantId) => expect(await lastDigest(app, tenantId)).toMatchObject({ kind: "followups", weekdays: [1, 4] }) },
  { line: "요약알림 추가 연체 console:stdout 09:00 월,목", says: ["overdue", "into console:stdout at 09:00 UTC, mon, thu"], wrote: async (app, tenantId) => expect(await lastDigest(app, tenantId)).toMatchObject({ kind: "overdue", weekdays: [1, 4] }) },
  { line: "찾가 삼성", error: "unknown_command", says: ['"찾가"'] },
];

describe.each(testTargets)("commands typed in Chinese and Korean on $name", (target) => {
  let app: TestApp;
  let actors: Record<Who, Actor>;
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    actors = {
      admin: app.actor("team-l", "you"),
      bob: app.actor("team-l", "bob", { timeZone: "Europe/Berlin" }),
      minji: app.actor("team-l", "minji", { timeZone: "Asia/Seoul" }),
    };
    const { tenant } = await app.rapport.identify(actors.admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    app.useDigests(createDigestService({ store: app.digestStore, poster: createRecordingPoster(), sleep: async () => undefined }));
  });
  afterAll(async () => app?.drop());

  test.each(ROWS)("$line", async ({ line, who = "admin", says = [], never = [], error, wrote }) => {
    const reply = await app.rapport.runText({ actor: actors[who], text: line });
    const text = renderText(reply);
    if (error) expect(reply.code ?? "", text).toBe(error);
    else expect(reply.isError ?? false, text).toBe(false);
    for (const part of says) expect(text).toContain(part);
    for (const part of never) expect(text).not.toContain(part);
    await wrote?.(app, tenantId);
  });

  const buttonCommands = (reply: Reply) => reply.blocks.flatMap((block) => (block.type === "buttons" ? block.buttons : [])).map((button) => (button.action.kind === "run" ? button.action.command : ""));

  test("a date that reads two ways is asked about, with both readings as buttons that run the command", async () => {
    const reply = await app.rapport.runText({ actor: actors.admin, text: "log 삼성 call 견적서 보냄 next 05/12/2027" });
    expect(reply.code).toBe("ambiguous_date");
    const commands = buttonCommands(reply);
    expect(commands).toEqual(["log 삼성 call 견적서 보냄 next 2027-05-12", "log 삼성 call 견적서 보냄 next 2027-12-05"]);
    const before = await app.database.prisma.interaction.count({ where: { tenantId } });
    expect((await app.rapport.runText({ actor: actors.admin, text: commands[1]! })).isError).toBeFalsy();
    expect(await app.database.prisma.interaction.count({ where: { tenantId } })).toBe(before + 1);
    expect(await openTaskDates(app, tenantId, "삼성전자")).toContain("2027-12-05");
  });

  test("a follow-up date in the past is questioned; keeping it sets it", async () => {
    const reply = await app.rapport.runText({ actor: actors.admin, text: "followup acme 2026年11月1日" });
    expect(reply.code).toBe("past_date");
    expect(renderText(reply)).toContain("22 days ago");
    const commands = buttonCommands(reply);
    expect(commands).toEqual(["followup acme 2026-11-01", "followup acme 2026-11-23", "followup acme 2026-11-24"]);
    expect((await app.rapport.runText({ actor: actors.admin, text: commands[0]! })).isError).toBeFalsy();
    expect(dateOf((await customer(app, tenantId, "Acme Corp")).nextFollowUp)).toBe("2026-11-01");
  });

  test("structured input (Discord options, forms) takes choices and field names in any language", async () => {
    const logged = await app.rapport.runArgs({ actor: actors.admin, command: "log", args: { customer: "＃1", channel: "電話", summary: "報價", next: "下週一", outcome: "高價值" } });
    expect(logged.isError, renderText(logged)).toBeFalsy();
    expect(await lastInteraction(app, tenantId, "Acme Corp")).toMatchObject({ channel: "call", outcome: "high-value", summary: "報價" });
    expect(await openTaskDates(app, tenantId, "Acme Corp")).toContain("2026-11-30");
    const edited = await app.rapport.runArgs({ actor: actors.admin, command: "edit", args: { customer: "#1", fields: { 状态: "休眠", 等级: "A" } } });
    expect(edited.isError, renderText(edited)).toBeFalsy();
    expect(await customer(app, tenantId, "Acme Corp")).toMatchObject({ status: "dormant", grade: "A" });
    const digest = await app.rapport.runArgs({ actor: actors.admin, command: "digest", args: { action: "add", kind: "followups", channel: "console:stdout", time: "07:00", days: "週一、週三" } });
    expect(digest.isError, renderText(digest)).toBeFalsy();
    expect(await lastDigest(app, tenantId)).toMatchObject({ localTime: "07:00", weekdays: [1, 3] });
  });

  test("a KRW workspace shows stored minor units as won, never rescaled", async () => {
    // The workspace's currency as an admin sets it in the database (tenants are cached, so before first use).
    await app.database.prisma.tenant.create({ data: { platform: "console", externalId: "team-krw", name: "team-krw", currency: "KRW" } });
    const owner = app.actor("team-krw", "you");
    const { tenant } = await app.rapport.identify(owner);
    const { id } = await app.database.prisma.customer.create({ data: { tenantId: tenant.id, name: "한빛상사", creditLimit: 33_000n } });
    expect(await app.text(owner, `show #${id}`)).toContain("Credit limit    ₩33,000");
    expect(await app.text(owner, `edit #${id} credit_limit=5천만`)).toContain("₩33,000 -> ₩50,000,000");
    expect((await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id, name: "한빛상사" } })).creditLimit).toBe(50_000_000n);
    // A new workspace currency applies to amounts entered from now on; this limit stays in won.
    const changed = await app.rapport.runText({ actor: owner, text: "settings workspace currency USD" });
    expect(changed.isError, renderText(changed)).toBeFalsy();
    expect(await app.text(owner, `show #${id}`)).toContain("Credit limit    ₩50,000,000");
  });
});
