/**
 * Payment reminders and the ledger commands in the reader's language, on both databases: the
 * reminder lists the overdue invoices (numbers, due dates, days overdue, open amounts, total) in
 * each of the four languages, "Mark as sent" records a contact, and pay / writeoff / dunning
 * typed in Chinese and Korean do the same as in English.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { createInvoice } from "../../src/data/order-writer.js";

const textOf = (reply: Reply) =>
  [reply.title, ...reply.blocks.map((block) => (block.type === "text" ? block.text : block.type === "card" ? [block.title, block.text ?? ""].join("\n") : ""))].join("\n");

describe.each(testTargets)("dunning and localized ledger commands on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  let customerId: number;
  let quietId: number;
  const reader = (locale: string) => app.actor("dun", `reader-${locale}`, { displayName: `Reader ${locale}`, timeZone: "UTC" });

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("dun", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    const db = app.database.prisma;
    customerId = (await db.customer.create({ data: { tenantId, name: "Dunning Test Co", status: "active" } })).id;
    quietId = (await db.customer.create({ data: { tenantId, name: "Prompt Payer Ltd", status: "active" } })).id;
    await db.contact.create({ data: { tenantId, customerId, name: "Wang Lei", isPrimary: true } });
    await createInvoice(db, tenantId, { number: "INV-D1", customerId, issuedOn: "2026-09-01", dueOn: "2026-10-01", amount: 300_000 });
    await createInvoice(db, tenantId, { number: "INV-D2", customerId, issuedOn: "2026-10-15", dueOn: "2026-11-13", amount: 120_050, paid: 20_000 });
    await createInvoice(db, tenantId, { number: "INV-D3", customerId, issuedOn: "2026-11-20", dueOn: "2026-12-20", amount: 999_900 });
    await createInvoice(db, tenantId, { number: "INV-Q1", customerId: quietId, issuedOn: "2026-11-20", dueOn: "2026-12-20", amount: 50_000 });
    for (const locale of ["zh-CN", "zh-TW", "ko"]) {
      const { member } = await app.rapport.identify(reader(locale));
      await app.rapport.runText({ actor: admin, text: `role #${member.id} finance` });
      await app.rapport.runText({ actor: reader(locale), text: `settings language ${locale}` });
    }
  });
  afterAll(async () => app?.drop());

  test("nothing overdue: says so and drafts nothing", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `dunning #${quietId}` });
    expect(reply.isError).toBeFalsy();
    expect(reply.title).toBe("Nothing overdue for Prompt Payer Ltd");
  });

  test("English: a polite reminder listing each overdue invoice and the total, not the one not yet due", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `dunning #${customerId}` });
    expect(reply.title).toBe("Payment reminder for Dunning Test Co: $4,000.50 overdue");
    const text = textOf(reply);
    expect(text).toContain("Subject: Payment reminder, INV-D1, INV-D2");
    expect(text).toContain("Dear Wang Lei,");
    expect(text).toContain("• Invoice INV-D1, due October 1, 2026, 53 days overdue: $3,000.00");
    expect(text).toContain("• Invoice INV-D2, due November 13, 2026, 10 days overdue: $1,000.50");
    expect(text).toContain("Total overdue: $4,000.50");
    expect(text).not.toContain("INV-D3");
    const buttons = reply.blocks.flatMap((block) => (block.type === "buttons" ? block.buttons : []));
    expect(buttons.map((button) => button.action)).toContainEqual({ kind: "run", command: expect.stringMatching(new RegExp(`^dunning "?#${customerId}"? sent$`)) });
  });

  test.each([
    ["zh-CN", ["尊敬的Wang Lei：", "• 账单 INV-D1：到期日 2026年10月1日，已逾期 53 天，未付金额 US$3,000.00", "逾期应付合计：US$4,000.50", "顺祝商祺！"]],
    ["zh-TW", ["Wang Lei 您好：", "• 帳單 INV-D2：到期日 2026年11月13日，已逾期 10 天，未付金額 US$1,000.50", "逾期應付合計：US$4,000.50", "敬祝 商祺"]],
    ["ko", ["Wang Lei 귀하", "• 청구서 INV-D1: 만기일 2026년 10월 1일, 53일 연체, 미결제 금액 US$3,000.00", "연체 금액 합계: US$4,000.50", "감사합니다."]],
  ] as const)("%s: the reminder is written natively in the reader's language", async (locale, expected) => {
    const reply = await app.rapport.runText({ actor: reader(locale), text: `dunning #${customerId}` });
    expect(reply.isError, reply.title).toBeFalsy();
    const text = textOf(reply);
    for (const part of expected) expect(text).toContain(part);
  });

  test("Mark as sent records an email contact naming the invoices; undo takes it back", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `dunning #${customerId} sent` });
    expect(reply.title).toBe("Reminder to Dunning Test Co recorded");
    const logged = await app.database.prisma.interaction.findFirstOrThrow({ where: { tenantId, customerId, undone: false }, orderBy: { id: "desc" } });
    expect(logged).toMatchObject({ channel: "email", summary: "Payment reminder sent for INV-D1, INV-D2 ($4,000.50 overdue)." });
    const show = await app.text(admin, `show #${customerId}`);
    expect(show).toContain("Payment reminder sent for INV-D1, INV-D2");
    const card = reply.blocks.find((block) => block.type === "card");
    const undo = card?.type === "card" ? card.buttons?.find((button) => button.action.kind === "undo") : undefined;
    expect((await app.rapport.undo({ actor: admin, token: undo!.action.kind === "undo" ? undo!.action.token : "" })).isError).toBeFalsy();
    expect((await app.database.prisma.interaction.findUniqueOrThrow({ where: { id: logged.id } })).undone).toBe(true);
  });

  test("the reminder typed in Korean with the sent word records the contact in Korean", async () => {
    const reply = await app.rapport.runText({ actor: reader("ko"), text: `수금독촉 #${customerId} 발송완료` });
    expect(reply.isError, reply.title).toBeFalsy();
    const logged = await app.database.prisma.interaction.findFirstOrThrow({ where: { tenantId, customerId, undone: false }, orderBy: { id: "desc" } });
    expect(logged.summary).toBe("독촉장 발송: INV-D1, INV-D2(연체 US$4,000.50).");
  });

  test.each([
    ["zh-CN", "回款 INV-D3 1,000 方式=现金 参考号=XJ-1", "已登记Dunning Test Co回款 US$1,000.00", 100_000n],
    ["zh-TW", "收款 INV-D3 2,000 收款方式=支票", "已登記Dunning Test Co收款 US$2,000.00", 300_000n],
    ["ko", "수금 INV-D3 500 입금방법=계좌이체", "Dunning Test Co 수금 등록: US$500.00", 350_000n],
  ] as const)("%s: pay typed in the reader's words", async (locale, line, title, paid) => {
    const reply = await app.rapport.runText({ actor: reader(locale), text: line });
    expect(reply.isError, textOf(reply)).toBeFalsy();
    expect(reply.title).toBe(title);
    expect((await app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, number: "INV-D3" } })).paid).toBe(paid);
  });

  test.each([
    ["zh-CN", "核销 INV-D3 10 原因=银行手续费", "已核销账单 INV-D3（Dunning Test Co）US$10.00"],
    ["zh-TW", "沖銷 INV-D3 10 原因=匯費", "已沖銷帳單 INV-D3（Dunning Test Co）US$10.00"],
    ["ko", "대손처리 INV-D3 10 사유=송금 수수료", "청구서 INV-D3(Dunning Test Co) 대손 처리: US$10.00"],
  ] as const)("%s: writeoff typed in the reader's words keeps the reason as written", async (locale, line, title) => {
    const reply = await app.rapport.runText({ actor: reader(locale), text: line });
    expect(reply.isError, textOf(reply)).toBeFalsy();
    expect(reply.title).toBe(title);
    const latest = await app.database.prisma.writeOff.findFirstOrThrow({ where: { tenantId }, orderBy: { id: "desc" } });
    expect(latest.reason).toBe(line.slice(line.indexOf("=") + 1));
  });

  test("an amount in another currency is refused with the customer's currency named", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "pay INV-D3 ₩5,000" });
    expect(reply.isError).toBe(true);
    expect(textOf(reply)).toContain("is in KRW, but Dunning Test Co's invoices are in USD");
  });

  test("a receipt dated in the future is refused", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "pay INV-D3 5 2026-12-01" });
    expect(reply.isError).toBe(true);
    expect(textOf(reply)).toContain("2026-12-01 is in the future");
  });
});
