/**
 * `settings workspace visibility own|all` on both databases: with "all" (the default) everyone
 * reads every customer; with "own" a rep reads their own and unowned customers only, by #id, by
 * name, in search and pick lists, through an order number and in the lists that take `all`, while
 * a manager still reads everything. Switching back to "all" opens it again.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import { createInvoice, createOrder } from "../../src/data/order-writer.js";

describe.each(testTargets)("customer visibility on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let manager: Actor;
  let rita: Actor;
  let oscar: Actor;
  let tenantId: number;
  const ids = { own: 0, colleague: 0, pool: 0 };

  async function run(actor: Actor, text: string) {
    return app.rapport.runText({ actor, text });
  }

  async function created(name: string): Promise<number> {
    const reply = await run(admin, `new "${name}" anyway`);
    expect(reply.isError ?? false, reply.title).toBe(false);
    return (await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name } })).id;
  }

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("vis", "you");
    manager = app.actor("vis", "mia", { displayName: "Mia", timeZone: "UTC" });
    rita = app.actor("vis", "rita", { displayName: "Rita", timeZone: "UTC" });
    oscar = app.actor("vis", "oscar", { displayName: "Oscar", timeZone: "UTC" });
    tenantId = (await app.rapport.identify(admin)).tenant.id;
    const mia = (await app.rapport.identify(manager)).member;
    expect((await run(admin, `role #${mia.id} manager`)).isError ?? false).toBe(false);
    const ritaId = (await app.rapport.identify(rita)).member.id;
    const oscarId = (await app.rapport.identify(oscar)).member.id;
    ids.own = await created("Rita Own Trading");
    ids.colleague = await created("Oscar Secret Industries");
    ids.pool = await created("Pool Shared Supply");
    await app.database.prisma.customer.update({ where: { id: ids.own }, data: { ownerId: ritaId } });
    await app.database.prisma.customer.update({ where: { id: ids.colleague }, data: { ownerId: oscarId } });
    await app.database.prisma.customer.update({ where: { id: ids.pool }, data: { ownerId: null } });
    // A deal and a quote on the colleague's customer, made by its owner while everyone reads everything.
    const deal = await run(oscar, `deal new #${ids.colleague} Harbor cranes amount=50000 stage=proposal close=2026-12-18`);
    expect(deal.isError ?? false, deal.title).toBe(false);
    const quote = await run(oscar, `quote new #${ids.colleague} WID-100 10 12.50`);
    expect(quote.isError ?? false, quote.title).toBe(false);
    const line = [{ sku: "W-1", quantity: 1, unitPrice: 10_000 }];
    await createOrder(app.database.prisma, tenantId, { number: "SO-9001", customerId: ids.colleague, orderedOn: "2026-11-02", lines: line });
    await createOrder(app.database.prisma, tenantId, { number: "SO-9002", customerId: ids.own, orderedOn: "2026-11-03", lines: line });
    await createInvoice(app.database.prisma, tenantId, { number: "INV-V1", customerId: ids.colleague, issuedOn: "2026-10-01", dueOn: "2026-10-31", amount: 70_000 });
    await createInvoice(app.database.prisma, tenantId, { number: "INV-V2", customerId: ids.own, issuedOn: "2026-10-01", dueOn: "2026-10-31", amount: 30_000 });
  });
  afterAll(async () => app?.drop());

  test("by default (all) a rep reads a colleague's customer, finds it and its order", async () => {
    expect((await run(rita, `show #${ids.colleague}`)).isError ?? false).toBe(false);
    expect(await app.text(rita, "find secret")).toContain("Oscar Secret Industries");
    expect((await run(rita, "order SO-9001")).isError ?? false).toBe(false);
    expect((await run(rita, "deals all")).isError ?? false).toBe(false);
    expect(await app.text(admin, "settings")).toContain("Everyone sees every customer");
  });

  test("only admins change the visibility", async () => {
    const refused = await run(rita, "settings workspace visibility own");
    expect(refused.code).toBe("permission_denied");
    const bad = await run(admin, "settings workspace visibility secret");
    expect(bad.code).toBe("bad_argument");
    expect(await app.text(admin, "settings workspace visibility secret")).toContain("settings workspace visibility own");
    const tenant = await app.database.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.customerVisibility).toBe("all");
  });

  describe("with own", () => {
    beforeAll(async () => {
      const text = await app.text(admin, "settings workspace visibility own");
      // The confirmation says what changed and how to undo it.
      expect(text).toContain("only their own customers");
      expect(text).toContain("settings workspace visibility all");
      const audit = await app.database.prisma.auditEvent.findFirstOrThrow({ where: { tenantId, action: "workspace.settings" }, orderBy: { id: "desc" } });
      expect(audit.before).toMatchObject({ customerVisibility: "all" });
      expect(audit.after).toMatchObject({ customerVisibility: "own" });
    });

    test("settings shows it", async () => {
      expect(await app.text(rita, "settings")).toContain("Reps see their own and unassigned customers");
    });

    test("a rep reads their own and unowned customers, by #id and by name", async () => {
      for (const text of [`show #${ids.own}`, `show #${ids.pool}`, "show Rita Own Trading", "show Pool Shared Supply", "order SO-9002", "orders Rita Own Trading"]) {
        const reply = await run(rita, text);
        expect(reply.isError ?? false, `${text}: ${reply.title}`).toBe(false);
      }
    });

    test("a rep is refused a colleague's customer by #id without learning its name", async () => {
      const reply = await run(rita, `show #${ids.colleague}`);
      expect(reply.code).toBe("permission_denied");
      const text = await app.text(rita, `show #${ids.colleague}`);
      expect(text).toContain(`#${ids.colleague}`);
      expect(text).not.toContain("Oscar Secret");
      expect(text).not.toContain("Oscar");
    });

    test("a rep is refused a colleague's customer by its exact name, and find does not list it", async () => {
      expect((await run(rita, "show Oscar Secret Industries")).code).toBe("permission_denied");
      expect((await run(rita, `log #${ids.colleague} call hello`)).code).toBe("permission_denied");
      expect(await app.text(rita, "find secret")).not.toContain("Oscar Secret");
      expect(await app.text(rita, `find #${ids.colleague}`)).not.toContain("Oscar Secret");
      expect(await app.text(rita, "find trading")).toContain("Rita Own Trading");
      expect(await app.text(rita, "find supply")).toContain("Pool Shared Supply");
    });

    test("pick lists leave a colleague's customers and orders out", async () => {
      const customers = await app.rapport.pick({ actor: rita, kind: "customer", query: "industries", limit: 10 });
      expect(customers).toEqual([]);
      const orders = await app.rapport.pick({ actor: rita, kind: "order", query: "SO-900", limit: 10 });
      expect(orders.map((option) => option.value)).toEqual(["SO-9002"]);
    });

    test("a rep is refused a colleague's order by number", async () => {
      const reply = await run(rita, "order SO-9001");
      expect(reply.code).toBe("permission_denied");
      expect(await app.text(rita, "order SO-9001")).not.toContain("Oscar Secret");
    });

    test("a rep is refused a colleague's deal and quote", async () => {
      const deal = await app.database.prisma.deal.findFirstOrThrow({ where: { tenantId, customerId: ids.colleague } });
      expect((await run(rita, `deal ${deal.id}`)).code).toBe("permission_denied");
      const quote = await app.database.prisma.quote.findFirstOrThrow({ where: { tenantId, customerId: ids.colleague } });
      const reply = await run(rita, `quote ${quote.number}`);
      expect(reply.code).toBe("permission_denied");
      expect(await app.text(rita, `quote ${quote.number}`)).not.toContain("Oscar Secret");
    });

    test("numbers offered after a miss, quote autocomplete and tasks by id leave a colleague's customer out", async () => {
      const quote = await app.database.prisma.quote.findFirstOrThrow({ where: { tenantId, customerId: ids.colleague } });
      // Another year, same serial: the miss offers numbers sharing the serial, but not the colleague's to a rep.
      const typed = quote.number.replace(/-(\d{4})-/, "-2019-");
      expect(await app.text(manager, `quote ${typed}`)).toContain(`Did you mean ${quote.number}`);
      expect(await app.text(rita, `quote ${typed}`)).not.toContain("Did you mean");
      const offered = await app.rapport.suggest!({ actor: rita, command: "quote", option: "number", query: "", limit: 25 });
      expect(offered.map((option) => option.value)).not.toContain(quote.number);
      expect((await app.rapport.suggest!({ actor: manager, command: "quote", option: "number", query: "", limit: 25 })).map((option) => option.value)).toContain(quote.number);
      const task = await run(oscar, `task add #${ids.colleague} 2026-12-01 Call the harbour master`);
      expect(task.isError ?? false, task.title).toBe(false);
      const id = (await app.database.prisma.task.findFirstOrThrow({ where: { tenantId, customerId: ids.colleague }, orderBy: { id: "desc" } })).id;
      const done = await run(rita, `task done ${id}`);
      expect(done.code).toBe("not_found");
      expect(await app.text(rita, `task done ${id}`)).not.toContain("Oscar");
    });

    test("the Find in CRM shortcut and the message's customer choices leave a colleague's customer out", async () => {
      const found = await app.rapport.lookupMessage!({ actor: rita, text: "Call Oscar Secret Industries about SO-9001", kind: "customers" });
      // The message's own words may be quoted back; the customer's record (its #id, its card) is not.
      expect(found.title).toBe("No customer found in this message");
      expect(JSON.stringify(found)).not.toContain(`#${ids.colleague}`);
      const choices = await app.rapport.customersInMessage!({ actor: rita, text: "Oscar Secret Industries and Rita Own Trading", limit: 5 });
      expect(choices.map((choice) => choice.label)).toEqual(["Rita Own Trading"]);
    });

    test("the Order status shortcut ends in the same refusal", async () => {
      const reply = await app.rapport.lookupMessage!({ actor: rita, text: "Any news on SO-9001?", kind: "orders" });
      expect(reply.code).toBe("permission_denied");
    });

    test.each(["deals all", "deals @Oscar", "tasks all", "followups week all", "forecast all", "activity @Oscar", "stats ar"])("a rep is refused %s", async (line) => {
      const reply = await run(rita, line);
      expect(reply.code, reply.title).toBe("permission_denied");
      expect(await app.text(rita, line)).toContain("their own customers");
    });

    test.each(["deals", "deals mine", "tasks", "followups", "forecast", "activity"])("a rep still runs %s (their own)", async (line) => {
      const reply = await run(rita, line);
      expect(reply.isError ?? false, `${line}: ${reply.title}`).toBe(false);
    });

    test("a rep's overdue covers their own and unowned customers only", async () => {
      const text = await app.text(rita, "overdue");
      expect(text).toContain("your customers and unassigned ones");
      expect(text).toContain("Rita Own Trading");
      expect(text).not.toContain("Oscar Secret");
      expect(text).toContain("300.00");
      expect(text).not.toContain("1,000.00");
      expect((await run(rita, "overdue Oscar Secret Industries")).code).toBe("permission_denied");
      const managers = await app.text(manager, "overdue");
      expect(managers).toContain("Oscar Secret Industries");
      expect(managers).toContain("1,000.00");
    });

    test("a manager reads every customer", async () => {
      expect((await run(manager, `show #${ids.colleague}`)).isError ?? false).toBe(false);
      expect(await app.text(manager, "find secret")).toContain("Oscar Secret Industries");
      expect((await run(manager, "order SO-9001")).isError ?? false).toBe(false);
      expect((await run(manager, "deals all")).isError ?? false).toBe(false);
    });

    test("the colleague reads their own customer", async () => {
      expect((await run(oscar, `show #${ids.colleague}`)).isError ?? false).toBe(false);
    });
  });

  test("switching back to all opens every customer again", async () => {
    const text = await app.text(admin, "settings workspace visibility all");
    expect(text).toContain("settings workspace visibility own");
    expect((await run(rita, `show #${ids.colleague}`)).isError ?? false).toBe(false);
    expect(await app.text(rita, "find secret")).toContain("Oscar Secret Industries");
  });

  test("a Chinese-speaking admin types it in Chinese and is told the undo line in Chinese", async () => {
    const zh = app.actor("vis", "you", { isPlatformAdmin: true, timeZone: "Asia/Shanghai", locale: "zh-CN" });
    const text = await app.text(zh, "设置 工作区 可见范围 仅本人");
    expect(text).toContain("销售（及访客）现在只能查看自己负责的客户");
    expect(text).toContain("设置 工作区 可见范围 全部");
    expect((await run(rita, `show #${ids.colleague}`)).code).toBe("permission_denied");
    expect(await app.text(zh, "设置 工作区 可见范围 全部")).toContain("所有成员现在都可查看全部客户");
    expect((await run(rita, `show #${ids.colleague}`)).isError ?? false).toBe(false);
  });
});
