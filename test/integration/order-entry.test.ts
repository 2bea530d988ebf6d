/**
 * Order entry from chat on both databases: `order new` with lines and numbering, the credit
 * limit check and its override, partial shipments, invoices with payment terms, cancel rules,
 * undo, who may do what, and orders belonging to their customer's owner (export, handover).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";

/** The order number a successful `order new` reply names. */
function numberIn(reply: Reply): string {
  const match = /SO-\d+/.exec(reply.title);
  if (!match) throw new Error(`no order number in ${reply.title}: ${JSON.stringify(reply.blocks)}`);
  return match[0];
}

function undoTokenOf(reply: Reply): string {
  for (const block of reply.blocks) {
    if (block.type !== "card") continue;
    for (const button of block.buttons ?? []) if (button.action.kind === "undo") return button.action.token;
  }
  throw new Error("no undo button");
}

describe.each(testTargets)("order entry on $name", (target) => {
  let app: TestApp;
  let admin: Actor; // platform admin
  let alice: Actor; // manager
  let bob: Actor; // rep: owns Müller and Globex
  let chen: Actor; // rep: owns Hongda
  let sam: Actor; // sales assistant
  let fay: Actor; // finance
  let tenantId: number;
  let adminId: number;
  let htc: string; // 台灣宏達電子: chen's customer, no credit limit

  const db = () => app.database.prisma;
  const run = (actor: Actor, text: string) => app.rapport.runText({ actor, text });
  const customer = (name: string) => db().customer.findFirstOrThrow({ where: { tenantId, name } });
  /** The number after the highest `<prefix>n` already in the workspace (demo data, imports). */
  const nextAfter = async (prefix: "SO-" | "INV-") => {
    const numbers = prefix === "SO-" ? await db().order.findMany({ where: { tenantId }, select: { number: true } }) : await db().invoice.findMany({ where: { tenantId }, select: { number: true } });
    const values = numbers.map((row) => new RegExp(`^${prefix}(\\d+)$`).exec(row.number)).filter((match) => match !== null).map((match) => Number(match![1]));
    return `${prefix}${Math.max(...values) + 1}`;
  };
  const order = (number: string) => db().order.findFirstOrThrow({ where: { tenantId, number }, include: { lines: { orderBy: { id: "asc" } }, shipments: { include: { lines: true } } } });

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("orders-team", "you");
    const identity = await app.rapport.identify(admin);
    tenantId = identity.tenant.id;
    adminId = identity.member.id;
    await loadDemoData(db(), tenantId, "2026-11-23");
    alice = app.actor("orders-team", "alice");
    bob = app.actor("orders-team", "bob");
    chen = app.actor("orders-team", "chen");
    sam = app.actor("orders-team", "sam", { displayName: "Sam Lee", timeZone: "UTC" });
    fay = app.actor("orders-team", "fay", { displayName: "Fay Wong", timeZone: "UTC" });
    for (const [actor, role] of [[sam, "assistant"], [fay, "finance"]] as const) {
      const { member } = await app.rapport.identify(actor);
      await db().member.update({ where: { id: member.id }, data: { role } });
    }
    htc = `#${(await customer("台灣宏達電子股份有限公司")).id}`;
  });
  afterAll(async () => app?.drop());

  test("order new reads lines in the customer's currency, numbers after the highest SO-n and updates purchase figures", async () => {
    const before = await customer("Café Lumière SARL");
    const expected = await nextAfter("SO-");
    const reply = await run(admin, "order new lumiere WID-100 10 12.50; WID-200 2 1,200.50 heavy duty");
    expect(reply.isError, JSON.stringify(reply.blocks)).toBeFalsy();
    expect(numberIn(reply)).toBe(expected);
    const row = await order(expected);
    expect(row).toMatchObject({ status: "confirmed", total: 12_500n + 240_100n, createdById: adminId, creditOverrideById: null });
    expect(row.orderedOn.toISOString().slice(0, 10)).toBe("2026-11-23");
    expect(row.lines.map((line) => [line.sku, line.quantity, line.unitPrice, line.description])).toEqual([
      ["WID-100", 10, 1250n, null],
      ["WID-200", 2, 120_050n, "heavy duty"],
    ]);
    const after = await customer("Café Lumière SARL");
    expect(after.orderCount).toBe(before.orderCount + 1);
    expect(after.lifetimeSales).toBe(before.lifetimeSales + 252_600n);
    expect(after.lastOrderAt?.toISOString().slice(0, 10)).toBe("2026-11-23");
    expect(await db().auditEvent.count({ where: { tenantId, action: "order.create", entityId: String(row.id) } })).toBe(1);
    // The status view is the same command.
    expect(await app.text(admin, `order ${expected}`)).toContain("WID-200");
  });

  test("numbering continues after a number imported above the sequence", async () => {
    const lumiere = await customer("Café Lumière SARL");
    await db().order.create({ data: { tenantId, number: "SO-9200", customerId: lumiere.id, orderedOn: new Date("2026-11-01T00:00:00Z"), total: 0n } });
    expect(numberIn(await run(admin, "order new lumiere A-1 1 5"))).toBe("SO-9201");
    expect(numberIn(await run(admin, "order new lumiere A-1 1 5"))).toBe("SO-9202");
    expect(await db().numberSequence.findUniqueOrThrow({ where: { tenantId_kind: { tenantId, kind: "order" } } })).toMatchObject({ nextValue: 9203 });
  });

  test("two orders entered at the same moment get different numbers", async () => {
    const replies = await Promise.all([run(admin, "order new lumiere C-1 1 1"), run(alice, "order new lumiere C-2 1 1"), run(sam, "order new lumiere C-3 1 1")]);
    for (const reply of replies) expect(reply.isError, JSON.stringify(reply.blocks)).toBeFalsy();
    expect(new Set(replies.map(numberIn)).size).toBe(3);
  });

  test("bad lines are refused with the line named and nothing written", async () => {
    const count = await db().order.count({ where: { tenantId } });
    for (const [line, expected] of [
      ["order new lumiere WID-100 10", "Add at least one line"],
      ["order new lumiere WID-100 10 abc", "The price “abc” of WID-100 is not an amount in USD"],
      ["order new lumiere WID-100 10 ₩5000", "is in KRW"],
      ["order new lumiere WID-100 1 5; X", "“X” is not a complete line"],
    ] as const) {
      const reply = await run(admin, line);
      expect(reply.isError, line).toBe(true);
      expect(JSON.stringify(reply), line).toContain(expected);
    }
    expect(await db().order.count({ where: { tenantId } })).toBe(count);
  });

  test("an order over the credit limit is refused with limit, exposure and excess; a manager can allow it", async () => {
    // Müller: limit $10,000.00, $5,200.00 open receivables, nothing ordered uninvoiced.
    const lines = "WID-100 10 100; WID-300 50 100";
    const refused = await run(bob, `order new müller ${lines}`);
    expect(refused).toMatchObject({ isError: true, code: "credit_limit" });
    const text = JSON.stringify(refused);
    expect(text).toContain("limit $10,000.00");
    expect(text).toContain("exposure with this order $11,200.00");
    expect(text).toContain("$1,200.00 over");
    expect(text).toContain("A manager or an admin can allow it");
    expect(text).not.toContain("Allow over limit");
    expect((await run(bob, `order new müller ${lines} override`)).code).toBe("permission_denied");

    const asked = await run(alice, `order new müller ${lines}`);
    expect(asked.code).toBe("credit_limit");
    const allow = asked.blocks.flatMap((block) => (block.type === "buttons" ? block.buttons : [])).find((button) => button.label === "Allow over limit");
    expect(allow?.action).toMatchObject({ kind: "run", command: expect.stringMatching(/^order new #\d+ WID-100 10 100; WID-300 50 100 override$/) });
    const allowed = await run(alice, allow!.action.kind === "run" ? allow!.action.command : "");
    expect(allowed.isError, JSON.stringify(allowed.blocks)).toBeFalsy();
    const { member } = await app.rapport.identify(alice);
    expect(await order(numberIn(allowed))).toMatchObject({ creditOverrideById: member.id, total: 600_000n });
    expect(await db().auditEvent.findFirst({ where: { tenantId, action: "order.creditOverride" } })).toMatchObject({ actorId: member.id, after: { excess: 120_000 } });
    // The open order now counts: even a small order is over the limit.
    expect((await run(bob, "order new müller WID-100 1 1")).code).toBe("credit_limit");
  });

  test("partial shipments: more than ordered is refused, status moves to shipped when everything has shipped", async () => {
    const number = numberIn(await run(sam, `order new ${htc} WID-100 10 50; WID-200 3 70`));
    const first = await run(sam, `ship ${number} WID-100 4 carrier=SF tracking=SF123 warehouse=上海仓`);
    expect(first.isError, JSON.stringify(first.blocks)).toBeFalsy();
    expect(first.visibility).toBe("ephemeral");
    expect(JSON.stringify(first)).toContain(`Delivery notice: order ${number} for 台灣宏達電子股份有限公司`);
    expect(JSON.stringify(first)).toContain("Still to ship: WID-100 × 6, WID-200 × 3.");
    expect((await order(number)).status).toBe("confirmed");

    const tooMany = await run(sam, `ship ${number} wid-100 7`);
    expect(tooMany.isError).toBe(true);
    expect(JSON.stringify(tooMany)).toContain("Only 6 of WID-100 are left to ship");
    expect(JSON.stringify(await run(sam, `ship ${number} WID-999 1`))).toContain("has no line WID-999");

    const rest = await run(sam, `ship ${number}`);
    expect(JSON.stringify(rest)).toContain("Everything on the order has shipped.");
    const shipped = await order(number);
    expect(shipped.status).toBe("shipped");
    expect(shipped.shipments.map((shipment) => shipment.lines.map((line) => [line.sku, line.quantity]))).toEqual([[["WID-100", 4]], [["WID-100", 6], ["WID-200", 3]]]);
    expect(shipped.shipments[0]).toMatchObject({ carrier: "SF", tracking: "SF123", warehouse: "上海仓", status: "shipped" });
    expect(JSON.stringify(await run(sam, `ship ${number}`))).toContain("has already shipped");
  });

  test("invoice: terms from the customer or 30 days, due= overrides, remainder and status follow", async () => {
    // Acme's demo payment terms are 45 days.
    expect(await app.text(admin, "show acme")).toMatch(/Payment terms\s+45 days/);
    const acmeOrder = numberIn(await run(admin, "order new acme WID-100 10 100"));
    const firstNumber = await nextAfter("INV-");
    const invoiced = await run(admin, `invoice ${acmeOrder} 400`);
    expect(invoiced.isError, JSON.stringify(invoiced.blocks)).toBeFalsy();
    expect(invoiced.title).toBe(`Invoice ${firstNumber} for order ${acmeOrder}`);
    const first = await db().invoice.findFirstOrThrow({ where: { tenantId, number: firstNumber } });
    expect(first).toMatchObject({ amount: 40_000n, status: "open" });
    expect(first.dueOn.toISOString().slice(0, 10)).toBe("2027-01-07");
    expect(JSON.stringify(await run(admin, `invoice ${acmeOrder} 700`))).toContain("more than what is not invoiced yet");
    const secondNumber = await nextAfter("INV-");
    const rest = await run(admin, `invoice ${acmeOrder} due=2027-02-01`);
    const second = await db().invoice.findFirstOrThrow({ where: { tenantId, number: secondNumber } });
    expect(rest.isError).toBeFalsy();
    expect(second).toMatchObject({ amount: 60_000n });
    expect(second.dueOn.toISOString().slice(0, 10)).toBe("2027-02-01");
    expect(JSON.stringify(await run(admin, `invoice ${acmeOrder}`))).toContain("fully invoiced");
    expect((await order(acmeOrder)).status).toBe("confirmed");
    await run(admin, `ship ${acmeOrder}`);
    expect((await order(acmeOrder)).status).toBe("invoiced");

    // Without terms: 30 days; terms= on edit changes it.
    const lumiereOrder = numberIn(await run(admin, "order new lumiere A-1 2 10"));
    await run(admin, `invoice ${lumiereOrder} 5`);
    const thirty = await db().invoice.findFirstOrThrow({ where: { tenantId, orderId: (await order(lumiereOrder)).id } });
    expect(thirty.dueOn.toISOString().slice(0, 10)).toBe("2026-12-23");
    expect((await run(admin, "edit lumiere terms=15")).isError).toBeFalsy();
    expect((await customer("Café Lumière SARL")).paymentTermsDays).toBe(15);
    expect(JSON.stringify(await run(admin, "edit lumiere terms=soon"))).toContain("payment terms in days");
    await run(admin, `invoice ${lumiereOrder}`);
    const fifteen = await db().invoice.findFirstOrThrow({ where: { tenantId, orderId: (await order(lumiereOrder)).id, amount: 1_500n } });
    expect(fifteen.dueOn.toISOString().slice(0, 10)).toBe("2026-12-08");
  });

  test("the invoice shows at once in the customer's balance and overdue figures", async () => {
    const number = numberIn(await run(admin, "order new initech X-1 1 300"));
    await run(admin, `invoice ${number} due=2026-11-23`);
    const ageing = await app.rapport.identify(admin).then(({ store }) => store.receivables.ageing({ today: "2026-11-23", limit: 50 }));
    const initech = ageing.rows.find((row) => row.customerName === "Initech LLC");
    expect(initech?.buckets["0-30"]).toBeGreaterThanOrEqual(30_000);
  });

  test("cancel: only when nothing was shipped or invoiced; purchase figures drop back", async () => {
    const before = await customer("Globex Corporation");
    const number = numberIn(await run(bob, "order new globex G-1 1 10"));
    expect((await customer("Globex Corporation")).orderCount).toBe(before.orderCount + 1);
    const cancelled = await run(bob, `order cancel ${number} customer withdrew`);
    expect(cancelled.isError, JSON.stringify(cancelled.blocks)).toBeFalsy();
    expect(await order(number)).toMatchObject({ status: "cancelled", cancelReason: "customer withdrew" });
    expect((await customer("Globex Corporation")).orderCount).toBe(before.orderCount);
    expect((await customer("Globex Corporation")).lifetimeSales).toBe(before.lifetimeSales);
    expect(JSON.stringify(await run(bob, `order cancel ${number}`))).toContain("already cancelled");
    expect(JSON.stringify(await run(sam, `ship ${number}`))).toContain("is cancelled");

    const shippedOne = numberIn(await run(sam, "order new globex G-1 2 10"));
    await run(sam, `ship ${shippedOne} G-1 1`);
    expect(JSON.stringify(await run(sam, `order cancel ${shippedOne}`))).toContain("has shipments and cannot be cancelled");
    const invoicedOne = numberIn(await run(sam, "order new globex G-1 2 10"));
    await run(sam, `invoice ${invoicedOne}`);
    expect(JSON.stringify(await run(sam, `order cancel ${invoicedOne}`))).toContain("has invoices and cannot be cancelled");
  });

  test("undo removes an order, a shipment or an invoice while nothing depends on it", async () => {
    const lumiere = await customer("Café Lumière SARL");
    const created = await run(admin, "order new lumiere U-1 1 10");
    const number = numberIn(created);
    expect((await app.rapport.undo({ actor: bob, token: undoTokenOf(created) })).isError).toBe(true);
    const undone = await app.rapport.undo({ actor: admin, token: undoTokenOf(created) });
    expect(undone.isError, JSON.stringify(undone.blocks)).toBeFalsy();
    expect(await db().order.count({ where: { tenantId, number } })).toBe(0);
    expect((await customer("Café Lumière SARL")).orderCount).toBe(lumiere.orderCount);

    const kept = await run(admin, "order new lumiere U-2 2 10");
    const keptNumber = numberIn(kept);
    const shipment = await run(admin, `ship ${keptNumber} U-2 1`);
    // The order has a shipment now: its own undo is refused, the shipment's works.
    expect(JSON.stringify(await app.rapport.undo({ actor: admin, token: undoTokenOf(kept) }))).toContain("cancel it with order cancel");
    expect((await app.rapport.undo({ actor: admin, token: undoTokenOf(shipment) })).isError).toBeFalsy();
    expect((await order(keptNumber)).shipments).toHaveLength(0);

    const invoice = await run(admin, `invoice ${keptNumber}`);
    expect((await app.rapport.undo({ actor: admin, token: undoTokenOf(invoice) })).isError).toBeFalsy();
    expect(await db().invoice.count({ where: { tenantId, orderId: (await order(keptNumber)).id } })).toBe(0);

    const paidInvoice = await run(admin, `invoice ${keptNumber}`);
    await db().invoice.updateMany({ where: { tenantId, orderId: (await order(keptNumber)).id }, data: { paid: 100n } });
    expect(JSON.stringify(await app.rapport.undo({ actor: admin, token: undoTokenOf(paidInvoice) }))).toContain("has payments or write-offs");
    expect(await db().auditEvent.count({ where: { tenantId, action: { in: ["order.undo", "shipment.undo", "invoice.undo"] } } })).toBe(3);
  });

  describe("who may do what", () => {
    const cases: [string, () => Actor, () => string, boolean][] = [
      ["admin enters an order for any customer", () => admin, () => `order new ${htc} P-1 1 1`, true],
      ["a manager enters an order for any customer", () => alice, () => `order new ${htc} P-1 1 1`, true],
      ["an assistant enters an order for any customer", () => sam, () => `order new ${htc} P-1 1 1`, true],
      ["a rep enters an order for their own customer", () => chen, () => `order new ${htc} P-1 1 1`, true],
      ["a rep may not enter an order for another rep's customer", () => bob, () => `order new ${htc} P-1 1 1`, false],
      ["finance does not enter orders", () => fay, () => `order new ${htc} P-1 1 1`, false],
    ];
    test.each(cases)("%s", async (_name, actor, line, allowed) => {
      const reply = await run(actor(), line());
      if (allowed) expect(reply.isError, JSON.stringify(reply.blocks)).toBeFalsy();
      else expect(reply.code).toBe("permission_denied");
    });

    test.each([
      ["admin", () => admin, true],
      ["manager", () => alice, true],
      ["assistant", () => sam, true],
      ["rep", () => chen, false],
      ["finance", () => fay, false],
    ] as const)("ship and invoice: %s", async (_role, actor, allowed) => {
      const number = numberIn(await run(admin, `order new ${htc} P-2 2 1`));
      for (const line of [`ship ${number}`, `invoice ${number}`]) {
        const reply = await run(actor(), line);
        if (allowed) expect(reply.isError, `${line}: ${JSON.stringify(reply.blocks)}`).toBeFalsy();
        else expect(reply.code, line).toBe("permission_denied");
      }
    });

    test.each([
      ["admin", () => admin, true],
      ["manager", () => alice, true],
      ["assistant", () => sam, true],
      ["rep who owns the customer", () => chen, true],
      ["another rep", () => bob, false],
      ["finance", () => fay, false],
    ] as const)("order cancel: %s", async (_role, actor, allowed) => {
      const number = numberIn(await run(admin, `order new ${htc} P-3 1 1`));
      const reply = await run(actor(), `order cancel ${number}`);
      if (allowed) expect(reply.isError, JSON.stringify(reply.blocks)).toBeFalsy();
      else expect(reply.code).toBe("permission_denied");
    });

    test("everyone may look at an order", async () => {
      for (const actor of [admin, alice, sam, bob, fay]) expect((await run(actor, "order SO-1031")).isError).toBeFalsy();
    });
  });

  test("orders belong to their customer's owner: export and handover count them", async () => {
    const rows = (reply: Reply) => parse(Buffer.from(reply.attachments![0]!.data).toString("utf8"), { bom: true, columns: true }) as Record<string, string>[];
    const mine = rows(await run(bob, "export orders mine"));
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((row) => row.customer))).toEqual(new Set(["Müller GmbH", "Globex Corporation"]));
    expect(new Set(mine.map((row) => row.owner))).toEqual(new Set(["Bob Jones"]));
    expect(rows(await run(admin, "export orders @bob")).length).toBe(mine.length);
    const plan = await app.text(admin, "handover bob alice --dry-run");
    const open = await db().order.count({ where: { tenantId, customer: { ownerId: (await app.rapport.identify(bob)).member.id }, status: { in: ["draft", "confirmed", "shipped", "delivered", "invoiced"] } } });
    expect(open).toBeGreaterThan(0);
    expect(plan).toMatch(new RegExp(`Open orders\\s+${open}\\b`));
  });
});
