/**
 * Duplicates on both databases: `new` warns before creating, `merge` moves every row and undoes
 * exactly those moves, `archive` hides a customer everywhere but its #id; plus the fixes
 * (spaced phones, local numbers, log's pick buttons, stats by city and type).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { createInvoice, createOrder, recordPayment } from "../../src/data/order-writer.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";

const KEPT = "北京远航物流有限公司";
const DUPLICATE = "远航物流";

function buttonsOf(reply: Reply) {
  return reply.blocks.flatMap((block) =>
    block.type === "buttons" ? block.buttons : block.type === "card" ? (block.buttons ?? []) : block.type === "list" ? block.items.flatMap((item) => item.buttons ?? []) : [],
  );
}
const runCommands = (reply: Reply) => buttonsOf(reply).flatMap((button) => (button.action.kind === "run" ? [button.action.command] : []));
const undoToken = (reply: Reply) => buttonsOf(reply).flatMap((button) => (button.action.kind === "undo" ? [button.action.token] : []))[0] ?? "";

describe.each(testTargets)("duplicates on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let alice: Actor; // manager
  let bob: Actor; // rep: Müller, Globex
  let minji: Actor; // rep: 远航物流 (the duplicate), 삼성전자
  let finance: Actor;
  let assistant: Actor;
  let tenantId: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("team-d", "you");
    alice = app.actor("team-d", "alice");
    bob = app.actor("team-d", "bob");
    minji = app.actor("team-d", "minji");
    finance = app.actor("team-d", "fiona");
    assistant = app.actor("team-d", "sam");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    await loadDemoData(app.database.prisma, tenant.id, "2026-11-23");
    await app.rapport.identify(finance);
    await app.rapport.identify(assistant);
    expect((await app.rapport.runText({ actor: admin, text: "role fiona finance" })).isError).toBeFalsy();
    expect((await app.rapport.runText({ actor: admin, text: "role sam assistant" })).isError).toBeFalsy();
  });
  afterAll(async () => app?.drop());

  const customer = (name: string) => app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } });
  const count = () => app.database.prisma.customer.count({ where: { tenantId } });

  describe("new searches first", () => {
    test.each([
      ["the same name without its legal form", "new 北京远航物流", KEPT],
      ["the other Chinese script", "new 遠航物流", DUPLICATE],
      ["an alias", "new Hongda Trading", "上海宏达贸易有限公司"],
      ["a phone in its local form", "new Totally Different phone=021-5555-0300", "上海宏达贸易有限公司"],
      ["a contact's email", "new Someone Else email=mj.kim@samsung.example", "삼성전자"],
    ])("GIVEN %s THEN nothing is created and the match is shown with Open and Create anyway", async (_case, line, expected) => {
      const before = await count();
      const reply = await app.rapport.runText({ actor: bob, text: line });
      expect(reply.isError).toBeFalsy();
      expect(await count()).toBe(before);
      const list = reply.blocks.find((block) => block.type === "list");
      expect(list?.type === "list" && list.items.map((item) => item.title).join("\n")).toContain(expected);
      const commands = runCommands(reply);
      expect(commands).toContain(`show #${(await customer(expected)).id}`);
      expect(commands.at(-1)).toMatch(/ anyway$/);
    });

    test("Create anyway re-runs the same line with anyway and creates it, spaced phone included", async () => {
      const warned = await app.rapport.runText({ actor: bob, text: "new 北京远航物流 phone=+86 138 0013 8000 city=北京" });
      const again = runCommands(warned).at(-1)!;
      expect(again).toBe('new 北京远航物流 phone="+86 138 0013 8000" city=北京 anyway');
      const created = await app.rapport.runText({ actor: bob, text: again });
      expect(created.isError, JSON.stringify(created)).toBeFalsy();
      expect(await customer("北京远航物流")).toMatchObject({ phone: "+86 138 0013 8000", city: "北京" });
    });

    test("the issue's line keeps the spaced phone out of the name; local TW and KR numbers are accepted", async () => {
      expect((await app.rapport.runText({ actor: bob, text: "new 广州南方化工 phone=+86 138 0013 8001" })).isError).toBeFalsy();
      expect(await customer("广州南方化工")).toMatchObject({ phone: "+86 138 0013 8001" });
      expect((await app.rapport.runText({ actor: bob, text: "new 新竹精密 phone=(03)5555-1234" })).isError).toBeFalsy();
      expect((await app.rapport.runText({ actor: bob, text: "edit 新竹精密 phone=031-200-1114" })).isError).toBeFalsy();
      expect((await customer("新竹精密")).phone).toBe("031-200-1114");
      const bad = await app.rapport.runText({ actor: bob, text: "edit 新竹精密 phone=12" });
      expect(bad.isError).toBe(true);
    });
  });

  describe("merge", () => {
    test.each([
      ["rep", () => minji],
      ["finance", () => finance],
      ["assistant", () => assistant],
    ])("%s may not merge", async (_role, actor) => {
      const reply = await app.rapport.runText({ actor: actor(), text: `merge ${DUPLICATE} into ${KEPT}` });
      expect(reply.isError).toBe(true);
      expect(reply.code).toBe("permission_denied");
    });

    test("moves every row, adds the name as alias, re-derives figures and search, archives the duplicate; undo moves exactly those rows back", async () => {
      const kept = await customer(KEPT);
      const duplicate = await customer(DUPLICATE);
      const db = app.database.prisma;
      // Give the duplicate one row of every kind.
      expect((await app.rapport.runText({ actor: minji, text: `log #${duplicate.id} call 确认报价` })).isError).toBeFalsy();
      const orderId = await createOrder(db, tenantId, { number: "SO-9001", customerId: duplicate.id, orderedOn: "2026-11-01", lines: [{ sku: "BOX-1", quantity: 10, unitPrice: 50_000 }] });
      const invoiceId = await createInvoice(db, tenantId, { number: "INV-9001", customerId: duplicate.id, orderId, issuedOn: "2026-11-02", dueOn: "2026-12-02", amount: 500_000 });
      await recordPayment(db, tenantId, { customerId: duplicate.id, amount: 100_000, receivedOn: "2026-11-10", method: "bank" });
      const quote = await db.quote.create({ data: { tenantId, number: "QT-9001", customerId: duplicate.id, issuedOn: new Date("2026-10-20"), total: 500_000n } });
      const task = await db.task.create({ data: { tenantId, customerId: duplicate.id, dueOn: new Date("2026-11-30"), text: "回访" } });
      const writeOff = await db.writeOff.create({ data: { tenantId, invoiceId, customerId: duplicate.id, amount: 1n, reason: "rounding" } });
      // A row the kept customer gets after the merge must stay there on undo.
      const keptContactsBefore = await db.contact.count({ where: { tenantId, customerId: kept.id } });

      const reply = await app.rapport.runText({ actor: alice, text: `merge ${DUPLICATE} into #${kept.id}` });
      expect(reply.isError, JSON.stringify(reply)).toBeFalsy();
      const after = await customer(KEPT);
      expect(after.aliases).toContain(DUPLICATE);
      expect(after.orderCount).toBe(1);
      expect(Number(after.lifetimeSales)).toBe(500_000);
      const gone = await customer(DUPLICATE);
      expect(gone.mergedIntoId).toBe(kept.id);
      expect(gone.archivedAt).not.toBeNull();
      expect(gone.orderCount).toBe(0);
      for (const [table, id] of [["order", orderId], ["invoice", invoiceId], ["quote", quote.id], ["task", task.id], ["writeOff", writeOff.id]] as const) {
        const row = await (db[table] as unknown as { findFirstOrThrow(args: object): Promise<{ customerId: number }> }).findFirstOrThrow({ where: { id: id } });
        expect(row.customerId, table).toBe(kept.id);
      }
      expect(await db.payment.count({ where: { tenantId, customerId: duplicate.id } })).toBe(0);
      expect(await db.interaction.count({ where: { tenantId, customerId: duplicate.id } })).toBe(0);
      expect(await db.contact.count({ where: { tenantId, customerId: kept.id } })).toBe(keptContactsBefore + 1);
      // One primary contact per customer after the move.
      expect(await db.contact.count({ where: { tenantId, customerId: kept.id, isPrimary: true } })).toBe(1);
      const audit = await db.auditEvent.findFirst({ where: { tenantId, action: "customer.merge" }, orderBy: { id: "desc" } });
      expect(audit?.after).toMatchObject({ mergedIntoId: kept.id });

      // The duplicate's name now finds the kept customer; the duplicate itself only by #id.
      const found = await app.text(admin, `find ${DUPLICATE}`);
      expect(found).toContain(`#${kept.id}`);
      expect(found).not.toContain(`#${duplicate.id}`);
      const byId = await app.text(admin, `show #${duplicate.id}`);
      expect(byId).toContain("is archived");
      expect(byId).toContain(`Merged into ${KEPT} (#${kept.id})`);
      expect(await app.text(admin, `find #${duplicate.id}`)).toContain("is archived");

      const later = await db.contact.create({ data: { tenantId, customerId: kept.id, name: "后来的联系人" } });
      expect((await app.rapport.undo({ actor: admin, token: undoToken(reply) })).isError).toBe(true);
      expect((await app.rapport.undo({ actor: alice, token: undoToken(reply) })).isError).toBeFalsy();
      const restored = await customer(DUPLICATE);
      expect(restored).toMatchObject({ mergedIntoId: null, archivedAt: null, orderCount: 1 });
      expect((await customer(KEPT)).aliases).not.toContain(DUPLICATE);
      expect((await customer(KEPT)).orderCount).toBe(0);
      expect((await db.order.findFirstOrThrow({ where: { id: orderId } })).customerId).toBe(duplicate.id);
      expect((await db.contact.findFirstOrThrow({ where: { id: later.id } })).customerId).toBe(kept.id);
      expect(await db.contact.count({ where: { tenantId, customerId: duplicate.id, isPrimary: true } })).toBe(1);
    });

    test("refuses itself and different currencies", async () => {
      const kept = (await customer(KEPT)).id;
      const duplicate = (await customer(DUPLICATE)).id;
      expect((await app.rapport.runText({ actor: admin, text: `merge #${kept} into #${kept}` })).code).toBe("same_customer");
      expect((await app.rapport.runText({ actor: admin, text: `edit #${duplicate} currency=KRW` })).isError).toBeFalsy();
      expect((await app.rapport.runText({ actor: admin, text: `merge #${duplicate} into #${kept}` })).code).toBe("currency_mismatch");
      expect((await app.rapport.runText({ actor: admin, text: `edit #${duplicate} currency=` })).isError).toBeFalsy();
    });
  });

  describe("archive", () => {
    test.each([
      ["admin", true, () => admin],
      ["manager", true, () => alice],
      ["owner rep", true, () => bob],
      ["other rep", false, () => minji],
      ["finance", false, () => finance],
      ["assistant", false, () => assistant],
    ])("archive Globex (Bob's) by %s: allowed %s", async (_who, allowed, actor) => {
      const globex = await customer("Globex Corporation");
      const reply = await app.rapport.runText({ actor: actor(), text: `archive #${globex.id}` });
      expect(reply.isError ?? false, JSON.stringify(reply.blocks)).toBe(!allowed);
      if (allowed) expect((await app.rapport.runText({ actor: actor(), text: `archive #${globex.id} undo` })).isError).toBeFalsy();
    });

    test("an archived customer leaves find, follow-ups, exports and stats, is not lost, and comes back", async () => {
      const globex = await customer("Globex Corporation");
      const reply = await app.rapport.runText({ actor: bob, text: "archive globex" });
      expect(reply.isError).toBeFalsy();
      expect((await customer("Globex Corporation")).status).toBe("prospect");
      expect(await app.text(admin, "find globex")).not.toContain("Globex Corporation");
      expect(await app.text(admin, "followups week all")).not.toContain("Globex");
      expect(await app.text(admin, "stats customers by grade")).not.toMatch(/Globex/);
      const exported = await app.rapport.runText({ actor: admin, text: "export customers" });
      expect(JSON.stringify(exported)).not.toContain("Globex Corporation");
      expect(await app.text(admin, `show #${globex.id}`)).toContain("is archived");
      // Undo from the reply, then again with `archive ... undo`.
      expect((await app.rapport.undo({ actor: bob, token: undoToken(reply) })).isError).toBeFalsy();
      expect(await app.text(admin, "find globex")).toContain("Globex Corporation");
      expect((await app.rapport.runText({ actor: bob, text: "archive globex" })).isError).toBeFalsy();
      // Search skips archived customers, but `archive <name> undo` looks among them.
      expect((await app.rapport.runText({ actor: bob, text: "archive globex undo" })).isError).toBeFalsy();
      expect((await customer("Globex Corporation")).archivedAt).toBeNull();
      expect((await app.rapport.runText({ actor: bob, text: "archive globex" })).isError).toBeFalsy();
      expect((await app.rapport.runText({ actor: bob, text: `archive #${globex.id} undo` })).isError).toBeFalsy();
      expect((await customer("Globex Corporation")).archivedAt).toBeNull();
    });
  });

  test("the pick buttons of an ambiguous log keep its next date and outcome", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: "log 宏 call 报价 next 2026-12-01 outcome effective" });
    expect(reply.code).toBe("ambiguous");
    const commands = runCommands(reply);
    expect(commands.length).toBeGreaterThan(1);
    for (const command of commands) expect(command).toMatch(/^log #\d+ call 报价 next 2026-12-01 outcome effective$/);
  });

  test.each(["city", "type", "province", "region", "industry", "grade", "source"])("stats customers by %s is a chart", async (by) => {
    const reply = await app.rapport.runText({ actor: admin, text: `stats customers by ${by}` });
    expect(reply.isError, JSON.stringify(reply.blocks).slice(0, 300)).toBeFalsy();
    expect(reply.blocks[0]?.type).toBe("table");
  });
});
