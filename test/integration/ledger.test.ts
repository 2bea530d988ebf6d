/**
 * The receivable ledger end to end on both databases: a customer with mixed orders, a partial
 * shipment and four invoices (entered with `order new`, `ship` and `invoice` on the days they
 * happened), a receipt on a named invoice, a receipt applied oldest first across two invoices, a
 * partial write-off, an undo of a receipt and an undo of a write-off. After every step, `show`'s
 * balance and overdue, `overdue`'s ageing row, the store's receivable ageing and the next overdue
 * digest equal the ledger computed by hand below (in yuan; the customer's currency is CNY).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { createReceivableQueries } from "../../src/data/receivable-queries.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import { formatMoney } from "../../src/core/money/index.js";
import { undoToken } from "../support/reply-undo.js";

/** Open amounts per invoice (yuan) and the buckets they fall in on 2026-11-23 (the test clock). */
type Ledger = { L1: number; L2: number; L3: number; L4: number };
const BUCKET_OF = { L1: "61-90", L2: "31-60", L3: "0-30", L4: null } as const; // due 09-01, 10-20, 11-10, 12-20

function expected(ledger: Ledger) {
  const buckets = { "0-30": 0, "31-60": 0, "61-90": 0, "91-180": 0, ">180": 0 };
  for (const key of ["L1", "L2", "L3", "L4"] as const) {
    const bucket = BUCKET_OF[key];
    if (bucket) buckets[bucket] += ledger[key];
  }
  const balance = ledger.L1 + ledger.L2 + ledger.L3 + ledger.L4;
  const overdue = Object.values(buckets).reduce((sum, value) => sum + value, 0);
  return { balance, overdue, buckets };
}

const yuan = (amount: number) => formatMoney(amount * 100, "CNY", "en");

describe.each(testTargets)("ledger on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  let customerId: number;
  const numbers = { L1: "", L2: "", L3: "", L4: "" };

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("ledger", "you");
    const { tenant } = await app.rapport.identify(admin);
    tenantId = tenant.id;
    const db = app.database.prisma;
    const customer = await db.customer.create({ data: { tenantId, name: "Ledger Test Co", currency: "CNY", status: "active" } });
    customerId = customer.id;
    // Mixed orders entered, shipped and invoiced from chat on the days they happened: two shipped and
    // invoiced in full, one shipped in part and invoiced per shipment, one not shipped yet.
    const on = async (date: string, line: string): Promise<Reply> => {
      app.clock.now = new Date(`${date}T10:00:00Z`);
      try {
        const reply = await app.rapport.runText({ actor: admin, text: line });
        expect(reply.isError, `${line}: ${JSON.stringify(reply.blocks)}`).toBeFalsy();
        return reply;
      } finally {
        app.clock.now = FIXED_NOW;
      }
    };
    const orderNumber = (reply: Reply) => /SO-\d+/.exec(reply.title)![0];
    const o1 = orderNumber(await on("2026-07-20", `order new #${customerId} WID-100 100 100`));
    await on("2026-07-30", `ship ${o1}`);
    await on("2026-08-02", `invoice ${o1} due=2026-09-01`);
    const o2 = orderNumber(await on("2026-09-10", `order new #${customerId} WID-200 40 500`));
    await on("2026-09-18", `ship ${o2}`);
    await on("2026-09-20", `invoice ${o2} due=2026-10-20`);
    const o3 = orderNumber(await on("2026-10-05", `order new #${customerId} WID-100 50 100; WID-300 10 800`));
    await on("2026-10-10", `ship ${o3} WID-100 50`);
    await on("2026-10-11", `invoice ${o3} 5000 due=2026-11-10`);
    await on("2026-11-18", `ship ${o3} WID-300 10`);
    await on("2026-11-20", `invoice ${o3} due=2026-12-20`);
    await on("2026-11-20", `order new #${customerId} WID-100 30 100`);
    // The invoices by due date are L1..L4 of the hand-computed ledger.
    const invoices = await db.invoice.findMany({ where: { tenantId, customerId }, orderBy: { dueOn: "asc" } });
    expect(invoices.map((row) => [row.dueOn.toISOString().slice(0, 10), Number(row.amount) / 100])).toEqual([
      ["2026-09-01", 10_000],
      ["2026-10-20", 20_000],
      ["2026-11-10", 5_000],
      ["2026-12-20", 8_000],
    ]);
    for (const [index, key] of (["L1", "L2", "L3", "L4"] as const).entries()) numbers[key] = invoices[index]!.number;
  });
  afterAll(async () => app?.drop());

  async function expectFigures(ledger: Ledger) {
    const want = expected(ledger);
    // show: the card's balance and overdue fields.
    const show = await app.rapport.runText({ actor: admin, text: `show #${customerId}` });
    const card = show.blocks.find((block) => block.type === "card");
    const fields = card?.type === "card" ? Object.fromEntries(card.fields.map((field) => [field.label, field.value])) : {};
    expect(fields["Balance"], "show balance").toBe(yuan(want.balance));
    expect(fields["Overdue"], "show overdue").toBe(yuan(want.overdue));
    // overdue: the ageing row of this customer.
    const overdue = await app.rapport.runText({ actor: admin, text: `overdue #${customerId}` });
    const table = overdue.blocks.find((block) => block.type === "table");
    if (want.overdue === 0) {
      expect(table).toBeUndefined();
    } else {
      expect(table?.type === "table" && table.rows[0]).toEqual([
        "Amount",
        ...(["0-30", "31-60", "61-90", "91-180", ">180"] as const).map((bucket) => yuan(want.buckets[bucket])),
        yuan(want.overdue),
      ]);
    }
    // The store's ageing (also behind digests and credit checks).
    const ageing = await createReceivableQueries(app.database.prisma, tenantId).ageing({ today: "2026-11-23", customerId, limit: 5 });
    expect(ageing.rows[0]?.balance ?? 0).toBe(want.balance * 100);
    expect(ageing.total).toBe(want.overdue * 100);
    expect(ageing.totals).toEqual(Object.fromEntries(Object.entries(want.buckets).map(([bucket, value]) => [bucket, value * 100])));
    // The next overdue digest (this customer is the workspace's only one).
    const digest = await createDigestQueries(app.database.prisma, tenantId).overdue({ today: "2026-11-23", limits: { owners: 5, itemsPerOwner: 5, items: 5 } });
    expect(digest.total).toBe(want.overdue * 100);
    const debtor = digest.debtors.find((row) => row.customerId === customerId);
    expect(debtor ? [debtor.overdue, debtor.balance] : [0, 0]).toEqual(want.overdue ? [want.overdue * 100, want.balance * 100] : [0, 0]);
  }

  const invoice = (number: string) => app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, number } });

  let receiptToken = "";
  let writeOffToken = "";

  test("before any receipt: four open invoices", async () => {
    await expectFigures({ L1: 10_000, L2: 20_000, L3: 5_000, L4: 8_000 });
  });

  test("a receipt on a named invoice settles only that invoice", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `pay ${numbers.L2} 5000 method=bank ref=TT-1` });
    expect(reply.isError, reply.title).toBeFalsy();
    expect(reply.title).toBe(`Receipt of ${yuan(5_000)} from Ledger Test Co recorded`);
    expect((await invoice(numbers.L2)).paid).toBe(500_000n);
    await expectFigures({ L1: 10_000, L2: 15_000, L3: 5_000, L4: 8_000 });
  });

  test("a receipt on the customer goes to the oldest open invoices first, across two invoices", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `pay #${customerId} 1.2万 2026-11-22` });
    expect(reply.isError, reply.title).toBeFalsy();
    const table = reply.blocks.find((block) => block.type === "table");
    expect(table?.type === "table" && table.rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      [numbers.L1, yuan(10_000), yuan(0)],
      [numbers.L2, yuan(2_000), yuan(13_000)],
    ]);
    expect((await invoice(numbers.L1)).status).toBe("paid");
    receiptToken = undoToken(reply);
    const payment = await app.database.prisma.payment.findFirstOrThrow({ where: { tenantId, amount: 1_200_000n } });
    expect(payment.receivedOn.toISOString().slice(0, 10)).toBe("2026-11-22");
    await expectFigures({ L1: 0, L2: 13_000, L3: 5_000, L4: 8_000 });
  });

  test("a receipt above the open balance is refused and nothing changes", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `pay #${customerId} 100万` });
    expect(reply.isError).toBe(true);
    expect(reply.blocks.map((block) => (block.type === "text" ? block.text : "")).join(" ")).toContain(`open balance of ${yuan(26_000)}`);
    await expectFigures({ L1: 0, L2: 13_000, L3: 5_000, L4: 8_000 });
  });

  test("a partial write-off lowers the open amount; the invoice stays open", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `writeoff ${numbers.L3} 2000 reason=Damaged goods, credit agreed` });
    expect(reply.isError, reply.title).toBeFalsy();
    writeOffToken = undoToken(reply);
    const row = await invoice(numbers.L3);
    expect([row.writtenOff, row.status]).toEqual([200_000n, "open"]);
    const writeOff = await app.database.prisma.writeOff.findFirstOrThrow({ where: { tenantId, invoiceId: row.id } });
    expect(writeOff.reason).toBe("Damaged goods, credit agreed");
    await expectFigures({ L1: 0, L2: 13_000, L3: 3_000, L4: 8_000 });
  });

  test("undo of the receipt restores both invoices it was applied to", async () => {
    const reply = await app.rapport.undo({ actor: admin, token: receiptToken });
    expect(reply.isError, reply.title).toBeFalsy();
    expect((await invoice(numbers.L1)).status).toBe("open");
    const payment = await app.database.prisma.payment.findFirstOrThrow({ where: { tenantId, amount: 1_200_000n }, include: { allocations: true } });
    expect(payment.undoneAt).not.toBeNull();
    expect(payment.allocations).toEqual([]);
    await expectFigures({ L1: 10_000, L2: 15_000, L3: 3_000, L4: 8_000 });
  });

  test("undo of the write-off restores the invoice's open amount; the row stays for the audit trail", async () => {
    const reply = await app.rapport.undo({ actor: admin, token: writeOffToken });
    expect(reply.isError, reply.title).toBeFalsy();
    const writeOff = await app.database.prisma.writeOff.findFirstOrThrow({ where: { tenantId } });
    expect(writeOff.undoneAt).not.toBeNull();
    await expectFigures({ L1: 10_000, L2: 15_000, L3: 5_000, L4: 8_000 });
  });

  test("writing off everything open settles the invoice as written-off", async () => {
    const reply = await app.rapport.runText({ actor: admin, text: `writeoff ${numbers.L3} reason=Customer disputes delivery` });
    expect(reply.isError, reply.title).toBeFalsy();
    expect((await invoice(numbers.L3)).status).toBe("written-off");
    await expectFigures({ L1: 10_000, L2: 15_000, L3: 0, L4: 8_000 });
    const again = await app.rapport.runText({ actor: admin, text: `pay ${numbers.L3} 1` });
    expect(again.isError).toBe(true);
  });

  test("receipts and write-offs are audited", async () => {
    const actions = await app.database.prisma.auditEvent.findMany({ where: { tenantId, action: { in: ["payment.create", "payment.undo", "writeoff.create", "writeoff.undo"] } }, select: { action: true } });
    expect(actions.map((row) => row.action).sort()).toEqual(["payment.create", "payment.create", "payment.undo", "writeoff.create", "writeoff.create", "writeoff.undo"]);
  });
});
