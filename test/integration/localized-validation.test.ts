/**
 * Argument validation messages in the reader's language (zh-CN, zh-TW, ko): an option's own message
 * (a missing customer), the page number's messages and a missing choice (role). PGlite only.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Locale } from "../../src/core/i18n/index.js";
import { buildHomeView } from "../../src/adapters/slack/render/home.js";
import { reply } from "../../src/core/reply.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;

type Expectations = { missingCustomer: string; badPage: string; wholePage: string; missingRole: string; home: string[] };

const EXPECTED: Record<Exclude<Locale, "en">, Expectations> = {
  "zh-CN": {
    missingCustomer: "缺少客户。",
    badPage: "页码必须是数字，例如 page=2",
    wholePage: "页码必须是整数，例如 page=2",
    missingRole: "角色必须是以下之一：管理员、销售经理、财务、销售助理、销售。",
    home: ["我的 Rapport 工作台", "新建客户", "今天到期的跟进", "逾期应收账款"],
  },
  "zh-TW": {
    missingCustomer: "缺少客戶。",
    badPage: "頁碼必須是數字，例如 page=2",
    wholePage: "頁碼必須是整數，例如 page=2",
    missingRole: "角色必須是下列其中之一：管理員、業務主管、財務、業務助理、業務。",
    home: ["我的 Rapport 工作台", "新增客戶", "今天到期的跟進", "逾期應收帳款"],
  },
  ko: {
    missingCustomer: "거래처: 입력해 주십시오.",
    badPage: "페이지: 숫자로 입력해 주십시오. 예: page=2",
    wholePage: "페이지: 정수로 입력해 주십시오. 예: page=2",
    missingRole: "역할: 관리자, 영업관리자, 재무, 영업지원, 영업담당자 중 하나를 입력해 주십시오.",
    home: ["내 Rapport 작업 공간", "거래처 등록", "오늘 할 후속 연락", "연체 미수금"],
  },
};

describe("argument validation in the reader's language (pglite)", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(pglite);
  });
  afterAll(async () => app?.drop());

  // "you" is the console's admin, so `role` reaches its argument check.
  const admin = (locale: Locale): Actor => app.actor(`team-validation-${locale}`, "you", { timeZone: "UTC", locale });

  describe.each(Object.entries(EXPECTED) as [Exclude<Locale, "en">, Expectations][])("%s", (locale, expected) => {
    test("a missing customer, a bad page number and a missing argument are explained in the reader's language", async () => {
      const missing = await app.rapport.runText({ actor: admin(locale), text: "show" });
      expect(missing.isError).toBe(true);
      expect(await app.text(admin(locale), "show")).toContain(expected.missingCustomer);
      expect(await app.text(admin(locale), "orders acme page=x")).toContain(expected.badPage);
      expect(await app.text(admin(locale), "orders acme page=1.5")).toContain(expected.wholePage);
      const role = await app.text(admin(locale), "role me");
      expect(role).toContain(expected.missingRole);
      expect(role).not.toMatch(/is missing|must be one of/);
    });

    test("the Slack Home tab's headings and buttons follow the locale its sections were written in", () => {
      const view = JSON.stringify(buildHomeView([
        { heading: "home.followupsToday", reply: { ...reply.text("x", "y"), locale } },
        { heading: "home.overduePayments", reply: reply.text("x", "y") },
      ]));
      for (const phrase of expected.home) expect(view).toContain(phrase);
      expect(view).not.toMatch(/Your Rapport workbench|New customer|Overdue payments/);
    });
  });

  test("English stays as written", async () => {
    const actor = app.actor("team-validation-en", "you", { timeZone: "UTC" });
    expect(await app.text(actor, "show")).toContain("The customer is missing.");
    expect(await app.text(actor, "orders acme page=x")).toContain("page must be a number, e.g. page=2");
    expect(await app.text(actor, "role me")).toContain("The role must be one of admin, manager, finance, assistant, rep.");
  });
});
