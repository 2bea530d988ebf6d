/**
 * find, show, order and orders answer in the reader's language (zh-CN, zh-TW, ko): labels, headings,
 * table columns, buttons, status words and relative days. PGlite only; commands.test.ts keeps English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Locale } from "../../src/core/i18n/index.js";

const pglite = testTargets.find((target) => target.name === "pglite")!;

type Expectations = {
  find: string[];
  findNothing: string[];
  show: string[];
  showOverdue: string[];
  order: string[];
  orderMissing: string[];
  orders: string[];
};

const EXPECTED: Record<Exclude<Locale, "en">, Expectations> = {
  "zh-CN": {
    find: ["与“acme”匹配的客户", "活跃 · Boston · 负责人 Alice Martin", "[查看: 查看 #1]", "[记录通话: 记录 #1 电话 …]"],
    findNothing: ["没有与“zzqx”匹配的客户", "可以试试客户名称的一部分、联系人、邮箱或电话号码。", "示例：查找 acme"],
    show: [
      "负责人      Alice Martin",
      "状态        活跃",
      "下次跟进    2026-11-23（今天）",
      "应收余额    US$12,500.00",
      "信用额度    US$50,000.00",
      "[设置跟进: 设跟进 #1 …]",
      "累计销售额    US$75,000.00",
      "采购周期      30 天",
      "预计下次采购  2026-12-21",
      "John Smith，Purchasing manager（主要联系人）",
      "最近跟进记录",
      "电话（高价值），记录人：Alice Martin",
      "订单号   日期        状态            金额",
      "备注：",
    ],
    showOverdue: ["2026-11-13（已逾期 10 天）"],
    order: ["== 订单 SO-1031 ==", "状态      已完成", "已回款    US$12,500.00", "[客户: 查看 #1]", "订单明细", "单价", "已送达（2026-07-29）", "发货仓：Main warehouse · DHL · 运单号 JD01461201"],
    orderMissing: ["此工作区中没有订单 SO-9999。"],
    orders: ["Acme Corp 的订单（6）", "订单号", "未收款", "已开票"],
  },
  "zh-TW": {
    find: ["符合「acme」的客戶", "往來中 · Boston · 負責業務 Alice Martin", "[查看: 查看 #1]", "[記錄通話: 記錄 #1 電話 …]"],
    findNothing: ["找不到符合「zzqx」的客戶", "範例：查詢 acme"],
    show: [
      "負責業務      Alice Martin",
      "下次跟進      2026-11-23（今天）",
      "應收帳款餘額  US$12,500.00",
      "信用額度      US$50,000.00",
      "累計銷售額    US$75,000.00",
      "採購週期      30 天",
      "預計下次採購  2026-12-21",
      "John Smith，Purchasing manager（主要聯絡人）",
      "最近跟進紀錄",
      "電話（高價值），記錄人：Alice Martin",
      "未結訂單",
      "已開立發票",
    ],
    showOverdue: ["2026-11-13（已逾期 10 天）"],
    order: ["== 訂單 SO-1031 ==", "狀態      已結案", "[客戶: 查看 #1]", "料號", "出貨紀錄", "已送達（2026-07-29）", "出貨倉：Main warehouse"],
    orderMissing: ["此工作區沒有訂單 SO-9999。"],
    orders: ["Acme Corp 的訂單（6）", "訂單編號", "未收款"],
  },
  ko: {
    find: ["“acme”에 해당하는 거래처", "거래 중 · Boston · 담당 Alice Martin", "[보기: 보기 #1]", "[통화 기록: 기록 #1 전화 …]"],
    findNothing: ["“zzqx”에 해당하는 거래처가 없습니다", "검색해 보십시오.", "예: 검색 acme"],
    show: [
      "담당자          Alice Martin",
      "다음 후속 연락  2026-11-23 (오늘)",
      "미수금 잔액     US$12,500.00",
      "여신 한도       US$50,000.00",
      "[후속 연락 설정: 후속연락설정 #1 …]",
      "누적 매출         US$75,000.00",
      "구매 주기         30일",
      "다음 구매 예상일  2026-12-21",
      "거래처 담당자",
      "John Smith, Purchasing manager (주 담당자)",
      "최근 활동 기록",
      "전화 (고가치) · 작성자 Alice Martin",
      "진행 중 주문",
      "메모: ",
    ],
    showOverdue: ["2026-11-13 (10일 지남)"],
    order: ["== 주문 SO-1031 ==", "상태       종결", "입금액     US$12,500.00", "[거래처: 보기 #1]", "주문 품목", "품목코드", "출고 내역", "납품 완료 (2026-07-29)", "송장번호 JD01461201"],
    orderMissing: ["이 워크스페이스에 SO-9999 주문이 없습니다."],
    orders: ["Acme Corp 주문 내역 (6건)", "주문번호", "미수금", "청구 완료"],
  },
};

describe("find, show, order and orders in the reader's language (pglite)", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(pglite);
    const admin = app.actor("team-i18n", "you");
    const { tenant } = await app.rapport.identify(admin);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  const reader = (locale: Locale): Actor => app.actor("team-i18n", `reader-${locale}`, { timeZone: "UTC", locale });

  describe.each(Object.entries(EXPECTED) as [Exclude<Locale, "en">, Expectations][])("%s", (locale, expected) => {
    const expectAll = (text: string, phrases: string[]) => {
      for (const phrase of phrases) expect(text).toContain(phrase);
    };

    test("find lists matches with translated status, owner and buttons; a miss says what to try", async () => {
      expectAll(await app.text(reader(locale), "find acme"), expected.find);
      const miss = await app.rapport.runText({ actor: reader(locale), text: "find zzqx" });
      expect(miss.title).toBe(expected.findNothing[0]);
      expectAll(await app.text(reader(locale), "find zzqx"), expected.findNothing);
    });

    test("show renders the customer file with translated labels, relative days and status words", async () => {
      const text = await app.text(reader(locale), "show acme");
      expectAll(text, expected.show);
      expect(text).not.toMatch(/Owner|Lifetime sales|Next follow-up|Credit limit|Recent contacts|\(primary\)|\btoday\b/);
      expectAll(await app.text(reader(locale), "show 현대"), expected.showOverdue);
    });

    test("order shows the card, lines and shipments translated; an unknown number is explained", async () => {
      const reply = await app.rapport.runText({ actor: reader(locale), text: "order so-1031" });
      expect(reply.title).toContain("SO-1031");
      const text = await app.text(reader(locale), "order so-1031");
      expectAll(text, expected.order);
      expect(text).not.toMatch(/Not shipped|Shipments|Unit price|Invoiced/);
      const missing = await app.rapport.runText({ actor: reader(locale), text: "order SO-9999" });
      expect(missing).toMatchObject({ isError: true, code: "not_found" });
      expectAll(await app.text(reader(locale), "order SO-9999"), expected.orderMissing);
    });

    test("orders lists a customer's orders with translated title and columns", async () => {
      const text = await app.text(reader(locale), "orders acme");
      expectAll(text, expected.orders);
      expect(text).not.toMatch(/Orders of|\bconfirmed\b|\binvoiced\b/);
    });
  });

  test("a member who chose Korean with settings language reads show in Korean, and English again after auto", async () => {
    const member = app.actor("team-i18n", "switcher", { timeZone: "UTC" });
    expect(await app.text(member, "show acme")).toContain("Owner           Alice Martin");
    await app.rapport.runText({ actor: member, text: "settings language ko" });
    expect(await app.text(member, "show acme")).toContain("담당자          Alice Martin");
    expect(await app.text(member, "orders acme")).toContain("Acme Corp 주문 내역 (6건)");
    await app.rapport.runText({ actor: member, text: "settings language auto" });
    expect(await app.text(member, "orders acme")).toContain("Orders of Acme Corp (6)");
  });

  test("a shipment-less order says so in the reader's language", async () => {
    const prisma = app.database.prisma;
    const order = await prisma.order.findFirstOrThrow({ where: { shipments: { none: {} } } });
    const expected: Record<Exclude<Locale, "en">, string> = { "zh-CN": "尚未发货。", "zh-TW": "尚未出貨。", ko: "아직 출고되지 않았습니다." };
    for (const [locale, phrase] of Object.entries(expected) as [Exclude<Locale, "en">, string][]) {
      expect(await app.text(reader(locale), `order ${order.number}`)).toContain(phrase);
    }
  });
});

describe("field=value problems of new and edit in the writer's language (pglite)", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(pglite);
    const admin = app.actor("team-i18n-fields", "you");
    const { tenant } = await app.rapport.identify(admin);
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
  });
  afterAll(async () => app?.drop());

  const problems = async (locale: Locale, line: string) => {
    const actor = app.actor("team-i18n-fields", "you", { timeZone: "UTC", locale, isPlatformAdmin: true });
    const reply = await app.rapport.runText({ actor, text: line });
    expect(reply.isError).toBe(true);
    return reply.title;
  };

  test("English keeps its wording", async () => {
    expect(await problems("en", "edit acme status=gone bogus=1 credit_limit=-5")).toContain(
      "status must be one of prospect, active, dormant, lost \"bogus\" is not a customer field (Fields: name, aliases,",
    );
    expect(await problems("en", "edit acme credit_limit=¥5万")).toContain(
      "credit_limit \"¥5万\" is in JPY, but this customer's amounts are in USD. Write it in USD (50000, $50,000.00 or 50k), or change the customer's currency in the same edit: currency=JPY credit_limit=¥5万.",
    );
  });

  test.each([
    ["zh-CN", ["状态须为以下之一：潜在客户、活跃、休眠、流失。", "“bogus”不是客户字段（可用字段：名称、别名、", "信用额度不能为负数。", "等级须为 A 到 E 的字母。"], "请用 USD 填写（50000、$50,000.00 或 50k）", "电话格式应类似 +86 21 5555 0101 或 021-5555-0101。"],
    ["zh-TW", ["狀態必須是下列之一：潛在客戶、活躍、休眠、流失。", "「bogus」不是客戶欄位（可用欄位：名稱、別名、", "信用額度不可為負數。", "等級必須是 A 到 E 的字母。"], "請以 USD 填寫（50000、$50,000.00 或 50k）", "電話格式應類似 +886 2 5555 0101 或 (02)5555-0101。"],
    ["ko", ["상태 값은 다음 중 하나여야 합니다: 잠재고객, 거래중, 휴면, 이탈.", "거래처 항목이 아닙니다: “bogus” (입력 가능한 항목: 이름, 별칭, 상태,", "여신 한도는 음수일 수 없습니다.", "등급은 A부터 E까지의 문자여야 합니다."], "USD로 입력하거나(50000, $50,000.00 또는 50k)", "전화번호는 +82 2 5555 0101 또는 02-5555-0101 형식으로 입력해 주십시오."],
  ] as const)("%s: each bad field is explained in the writer's language", async (locale, several, conflict, phone) => {
    const title = await problems(locale, "edit acme status=gone bogus=1 credit_limit=-5 grade=Z");
    for (const phrase of several) expect(title).toContain(phrase);
    expect(await problems(locale, "edit acme credit_limit=¥5万")).toContain(conflict);
    expect(await problems(locale, "edit acme phone=abc")).toContain(phone);
  });
});
