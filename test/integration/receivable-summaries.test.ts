/**
 * The receivable summaries (receivable_due_totals, customer_receivables; kept by triggers) on both
 * databases, after every kind of write to invoices and customers: order entry from chat, invoices
 * written directly, receipts (named invoice, oldest first), write-offs, undo of both, a customer's
 * currency, credit limit and archiving, a merge and its undo, imports of invoices and payments, bulk
 * updates and deletes, and a deleted customer. After each step:
 *  - both tables equal a from-scratch computation (the *_computed() functions of the migration);
 *  - the overdue digest equals the digest computed the way it was before the summaries (every open
 *    invoice scanned; kept below as the reference) on several days and list lengths.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import { createInvoice, recordPayment } from "../../src/data/order-writer.js";
import { importFile } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";
import { referenceOverdue } from "../support/receivable-reference.js";
import type { CalendarDate } from "../../src/core/dates.js";
import { undoToken } from "../support/reply-undo.js";

const DAYS: CalendarDate[] = ["2026-11-23", "2026-08-15", "2026-12-31", "2027-06-01"];
const LIST_LENGTHS = [1, 3, 10];

describe.each(testTargets)("receivable summaries on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  let neighbourId: number;
  const ids = { alpha: 0, beta: 0, gamma: 0, delta: 0, epsilon: 0 };
  let invoiceNumber = 0;
  const dir = mkdtempSync(join(tmpdir(), "rapport-receivables-"));
  const file = (text: string) => {
    const path = join(dir, `file-${++invoiceNumber}.csv`);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor("receivables", "you");
    tenantId = (await app.rapport.identify(admin)).tenant.id;
    neighbourId = (await app.rapport.identify(app.actor("receivables-neighbour", "you"))).tenant.id;
    const db = app.database.prisma;
    const customer = async (tenant: number, name: string, data: { currency?: string; creditLimit?: bigint; externalId?: string } = {}) =>
      (await db.customer.create({ data: { tenantId: tenant, name, status: "active", ...data } })).id;
    ids.alpha = await customer(tenantId, "Alpha Trading", { creditLimit: 3_000_000n, externalId: "A1" });
    ids.beta = await customer(tenantId, "Beta Handel", { currency: "EUR", creditLimit: 500_000n });
    ids.gamma = await customer(tenantId, "Gamma Sangsa", { currency: "KRW" });
    ids.delta = await customer(tenantId, "Alpha Trading Duplicate", { creditLimit: 100n });
    ids.epsilon = await customer(tenantId, "Epsilon Gone", { creditLimit: 1n });
    const stranger = await customer(neighbourId, "Neighbour Corp", { creditLimit: 1n });
    await createInvoice(db, neighbourId, { number: "N-1", customerId: stranger, issuedOn: "2026-06-01", dueOn: "2026-07-01", amount: 9_999_999 });
  }, 60_000);
  afterAll(async () => app?.drop());

  const run = async (line: string, on?: CalendarDate): Promise<Reply> => {
    if (on) app.clock.now = new Date(`${on}T10:00:00Z`);
    try {
      const reply = await app.rapport.runText({ actor: admin, text: line });
      expect(reply.isError, `${line}: ${JSON.stringify(reply.blocks)}`).toBeFalsy();
      return reply;
    } finally {
      app.clock.now = FIXED_NOW;
    }
  };
  const invoice = (customerId: number, dueOn: CalendarDate, amount: number, paid = 0) =>
    createInvoice(app.database.prisma, tenantId, { number: `R-${++invoiceNumber}`, customerId, issuedOn: "2026-01-01", dueOn, amount, paid });

  /** Both tables equal their from-scratch computation, and the digest equals the reference everywhere. */
  async function expectExact() {
    const prisma = app.database.prisma;
    const keys = async (sql: string) => (await prisma.$queryRawUnsafe<{ key: string }[]>(sql)).map((row) => row.key);
    const dueTotals = (table: string, where: string) =>
      keys(`SELECT concat_ws('|', tenant_id, due_on, currency, open_amount, invoices) AS key FROM ${table} ${where} ORDER BY 1`);
    const expectedDue = await dueTotals("receivable_due_totals_computed()", "");
    expect(expectedDue.length).toBeGreaterThan(0);
    expect(await dueTotals("receivable_due_totals", "WHERE invoices <> 0")).toEqual(expectedDue);
    expect(await keys(`SELECT tenant_id::text AS key FROM receivable_due_totals WHERE invoices = 0 AND open_amount <> 0`)).toEqual([]);
    const customers = (table: string) =>
      keys(`SELECT concat_ws('|', customer_id, tenant_id, open_invoices, open_balance, unpaid_amount, oldest_unpaid_due_on, over_limit_by) AS key FROM ${table} ORDER BY 1`);
    expect(await customers("customer_receivables")).toEqual(await customers("customer_receivables_computed()"));
    for (const today of DAYS) {
      for (const items of LIST_LENGTHS) {
        const limits = { owners: 5, itemsPerOwner: 5, items };
        const digest = await createDigestQueries(prisma, tenantId).overdue({ today, limits });
        expect(digest, `${today}, ${items} listed`).toEqual(await referenceOverdue(prisma, tenantId, today, items));
      }
    }
  }

  let receiptToken = "";
  let writeOffToken = "";
  let mergeToken = "";

  test("order entry from chat and invoices written directly", async () => {
    const order = /SO-\d+/.exec((await run(`order new #${ids.alpha} WID-100 100 100`, "2026-07-20")).title)![0];
    await run(`ship ${order}`, "2026-07-30");
    await run(`invoice ${order} due=2026-09-01`, "2026-08-02");
    await invoice(ids.alpha, "2026-10-20", 2_000_000);
    await invoice(ids.alpha, "2027-01-10", 800_000); // not due on most of the days checked
    await invoice(ids.beta, "2026-11-23", 300_000);
    await invoice(ids.beta, "2026-05-01", 400_000, 100_000);
    await invoice(ids.gamma, "2026-10-20", 2_000_000); // ties with Alpha's invoice of the same day
    await invoice(ids.gamma, "2026-03-01", 700_000, 700_000); // paid at creation
    await invoice(ids.delta, "2026-09-30", 50_000);
    await invoice(ids.epsilon, "2026-06-30", 10_000);
    await expectExact();
    // The comparisons cover every part of the digest: several currencies, debtors, limit breaches.
    const digest = await createDigestQueries(app.database.prisma, tenantId).overdue({ today: "2026-11-23", limits: { owners: 5, itemsPerOwner: 5, items: 3 } });
    expect(digest.byCurrency?.map((row) => row.currency)).toEqual(["EUR", "KRW", "USD"]);
    expect([digest.customerCount, digest.debtors.length, digest.overLimitCount]).toEqual([5, 3, 4]);
  }, 120_000);

  test("receipts on a named invoice and oldest first, a partial write-off", async () => {
    const named = await app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, customerId: ids.alpha, dueOn: new Date("2026-10-20") } });
    await run(`pay ${named.number} 5000 method=bank`);
    receiptToken = undoToken(await run(`pay #${ids.alpha} 12000`));
    const beta = await app.database.prisma.invoice.findFirstOrThrow({ where: { tenantId, customerId: ids.beta, dueOn: new Date("2026-05-01") } });
    writeOffToken = undoToken(await run(`writeoff ${beta.number} 1000 reason=Damaged goods`));
    await recordPayment(app.database.prisma, tenantId, { customerId: ids.gamma, amount: 500_000, receivedOn: "2026-11-20", method: "bank" });
    await expectExact();
  }, 120_000);

  test("undo of the receipt and of the write-off", async () => {
    expect((await app.rapport.undo({ actor: admin, token: receiptToken })).isError).toBeFalsy();
    expect((await app.rapport.undo({ actor: admin, token: writeOffToken })).isError).toBeFalsy();
    await expectExact();
  }, 120_000);

  test("a customer's currency, credit limit and archiving", async () => {
    const db = app.database.prisma;
    await db.customer.update({ where: { id: ids.beta }, data: { currency: "CNY" } });
    await db.customer.update({ where: { id: ids.gamma }, data: { currency: null, creditLimit: 10n } });
    await db.customer.update({ where: { id: ids.alpha }, data: { creditLimit: 100n } });
    await expectExact();
    await db.customer.update({ where: { id: ids.alpha }, data: { archivedAt: new Date() } });
    await expectExact();
    await db.customer.update({ where: { id: ids.alpha }, data: { archivedAt: null, currency: "USD" } });
    await expectExact();
  }, 120_000);

  test("a merge moves the duplicate's invoices; its undo moves them back", async () => {
    mergeToken = undoToken(await run(`merge #${ids.delta} into #${ids.alpha}`));
    expect(await app.database.prisma.invoice.count({ where: { customerId: ids.delta } })).toBe(0);
    await expectExact();
    expect((await app.rapport.undo({ actor: admin, token: mergeToken })).isError).toBeFalsy();
    expect(await app.database.prisma.invoice.count({ where: { customerId: ids.delta } })).toBe(1);
    await expectExact();
  }, 120_000);

  test("imports of invoices (new and changed) and of payments", async () => {
    const sink = createImportSink(app.database);
    const imported = await importFile({
      sink, tenantId, kind: "invoices",
      path: file("number,customer,issued_on,due_on,amount\nIMP-1,A1,2026-06-01,2026-07-01,1500\nIMP-2,A1,2026-11-01,2026-12-01,250\nIMP-3,A1,2026-02-01,2026-03-01,99\n"),
      options: {},
    });
    expect(imported).toMatchObject({ inserted: 3, invalid: 0 });
    await expectExact();
    const changed = await importFile({ sink, tenantId, kind: "invoices", path: file("number,customer,issued_on,due_on,amount,paid\nIMP-1,A1,2026-06-01,2026-08-01,1500,200\nIMP-3,A1,2026-02-01,2026-03-01,99,99\n"), options: {} });
    expect(changed.invalid).toBe(0);
    expect(await importFile({ sink, tenantId, kind: "payments", path: file("customer,amount,date,reference\nA1,300,2026-11-20,wire 9\n"), options: {} })).toMatchObject({ inserted: 1 });
    await expectExact();
  }, 120_000);

  test("bulk updates and deletes of invoices, and a deleted customer with open invoices", async () => {
    const db = app.database.prisma;
    await db.$executeRawUnsafe(`UPDATE invoices SET due_on = due_on - 40 WHERE tenant_id = $1 AND customer_id = $2`, tenantId, ids.alpha);
    await db.$executeRawUnsafe(`UPDATE invoices SET status = 'void' WHERE tenant_id = $1 AND customer_id = $2 AND due_on > '2026-10-01'`, tenantId, ids.beta);
    await db.$executeRawUnsafe(`UPDATE invoices SET number = number || '-x' WHERE tenant_id = $1`, tenantId);
    await expectExact();
    await db.$executeRawUnsafe(`DELETE FROM invoices WHERE tenant_id = $1 AND customer_id = $2 AND paid > 0`, tenantId, ids.gamma);
    await db.customer.delete({ where: { id: ids.epsilon } });
    await expectExact();
  }, 120_000);
});

/**
 * Concurrent writers on PostgreSQL: several connections write invoices of the same customers at once,
 * the way the ledger does (a receipt applied oldest first, one UPDATE per invoice; a receipt or a
 * write-off on a named invoice; new invoices; a void), each in its own transaction. Afterwards both
 * summaries must equal their from-scratch computation, and no writer may have been chosen as a
 * deadlock victim: without the summaries these transactions only ever wait for each other.
 */
describe("receivable summaries under concurrent writers on postgres", () => {
  const WORKERS = 6;
  const TRANSACTIONS = 25;
  const DUE_DATES = ["2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"];
  let app: TestApp;
  let pool: pg.Pool;
  let tenantId: number;
  const customers: number[] = [];

  beforeAll(async () => {
    const postgres = testTargets.find((target) => target.name === "postgres")!;
    let url = "";
    app = await createTestApp({ name: "postgres", create: async () => {
      const made = await postgres.create();
      url = (made.target as { url: string }).url;
      return made;
    } });
    pool = new pg.Pool({ connectionString: url, max: WORKERS + 2 });
    tenantId = (await app.rapport.identify(app.actor("receivables-concurrent", "you"))).tenant.id;
    for (const [name, currency, creditLimit] of [["Shared Buyer", null, 2_000_000n], ["Second Buyer", "EUR", 100n]] as const) {
      customers.push((await app.database.prisma.customer.create({ data: { tenantId, name, status: "active", currency, creditLimit } })).id);
    }
    let number = 0;
    for (const customerId of customers) {
      for (const dueOn of DUE_DATES) {
        await createInvoice(app.database.prisma, tenantId, { number: `C-${++number}`, customerId, issuedOn: "2026-08-01", dueOn: dueOn as CalendarDate, amount: 500_000 });
      }
    }
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await app?.drop();
  });

  /** A deterministic stream of choices per worker, so a failure can be replayed. */
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  type Client = pg.PoolClient;
  const openInvoices = async (client: Client, customerId: number) =>
    (await client.query<{ id: number; open: string }>(
      `SELECT id, (amount - paid - written_off)::text AS open FROM invoices WHERE tenant_id = $1 AND customer_id = $2 AND status = 'open' AND amount > paid + written_off ORDER BY due_on, id`,
      [tenantId, customerId],
    )).rows;
  const settle = (client: Client, id: number, column: "paid" | "written_off", amount: number) =>
    client.query(
      `UPDATE invoices SET ${column} = ${column} + $2, status = CASE WHEN amount <= paid + written_off + $2 THEN 'paid' ELSE status END WHERE id = $1 AND status = 'open' AND amount - paid - written_off >= $2`,
      [id, amount],
    );

  /** One transaction of one kind; what it writes depends on what it reads, like the ledger's commands. */
  async function write(client: Client, next: () => number, worker: number, step: number): Promise<void> {
    const customerId = customers[Math.floor(next() * customers.length)]!;
    const kind = Math.floor(next() * 5);
    if (kind === 0) {
      // Receipt applied to the oldest open invoices first, one UPDATE each.
      let left = 50_000 + Math.floor(next() * 400_000);
      for (const invoice of await openInvoices(client, customerId)) {
        if (left <= 0) break;
        const applied = Math.min(left, Number(invoice.open));
        await settle(client, invoice.id, "paid", applied);
        left -= applied;
      }
    } else if (kind === 1 || kind === 2) {
      // Receipt or write-off on a named invoice (the newest open one: the other end of the order).
      const invoice = (await openInvoices(client, customerId)).at(-1);
      if (invoice) await settle(client, invoice.id, kind === 1 ? "paid" : "written_off", Math.min(Number(invoice.open), 10_000 + Math.floor(next() * 90_000)));
    } else if (kind === 3) {
      const dueOn = DUE_DATES[Math.floor(next() * DUE_DATES.length)]!;
      await client.query(
        `INSERT INTO invoices (tenant_id, number, customer_id, issued_on, due_on, amount) VALUES ($1, $2, $3, '2026-08-01', $4, $5)`,
        [tenantId, `W${worker}-${step}`, customerId, dueOn, 100_000 + Math.floor(next() * 900_000)],
      );
    } else {
      const invoice = (await openInvoices(client, customerId))[Math.floor(next() * 3)];
      if (invoice) await client.query(`UPDATE invoices SET status = 'void' WHERE id = $1 AND status = 'open'`, [invoice.id]);
    }
  }

  /** Waits until `pending` has settled or the backend `pid` is blocked on a lock (read from pg_stat_activity, not from a timer). */
  async function settledOrBlocked(pending: Promise<unknown>, pid: number): Promise<void> {
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    while (!settled) {
      const { rows } = await pool.query<{ waiting: boolean }>(`SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (rows[0]?.waiting) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  test("a receipt applied oldest first while another writes off the newest invoice: neither is a deadlock victim", async () => {
    const [customerId] = customers;
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query("BEGIN");
      await second.query("BEGIN");
      const open = await openInvoices(first, customerId!);
      expect(open.length).toBeGreaterThanOrEqual(2);
      const [oldest, newest] = [open[0]!, open.at(-1)!];
      await settle(first, oldest.id, "paid", 1_000);
      const secondPid = (await second.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const writeOff = settle(second, newest.id, "written_off", 1_000).then(() => second.query("COMMIT"));
      // The write-off holds the newest invoice (and, when summed per statement, waits for the customer).
      await settledOrBlocked(writeOff, secondPid);
      const receipt = settle(first, newest.id, "paid", 1_000).then(() => first.query("COMMIT"));
      const outcomes = await Promise.allSettled([receipt, writeOff]);
      const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [(outcome.reason as { code?: string }).code] : []));
      for (const client of [first, second]) await client.query("ROLLBACK").catch(() => undefined);
      expect(failures).toEqual([]);
    } finally {
      first.release();
      second.release();
    }
  }, 60_000);

  test("six connections writing the same customers' invoices: summaries exact, no deadlock", async () => {
    const deadlocks: string[] = [];
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        const next = random(worker + 1);
        const client = await pool.connect();
        try {
          for (let step = 0; step < TRANSACTIONS; step++) {
            await client.query("BEGIN");
            try {
              await write(client, next, worker, step);
              await client.query("COMMIT");
            } catch (error) {
              await client.query("ROLLBACK");
              if ((error as { code?: string }).code !== "40P01") throw error;
              deadlocks.push(`worker ${worker}, transaction ${step}`);
            }
          }
        } finally {
          client.release();
        }
      }),
    );
    const keys = async (sql: string) => (await pool.query<{ key: string }>(sql)).rows.map((row) => row.key);
    const dueTotals = (table: string, where: string) =>
      keys(`SELECT concat_ws('|', tenant_id, due_on, currency, open_amount, invoices) AS key FROM ${table} ${where} ORDER BY 1`);
    const customerRows = (table: string) =>
      keys(`SELECT concat_ws('|', customer_id, tenant_id, open_invoices, open_balance, unpaid_amount, oldest_unpaid_due_on, over_limit_by) AS key FROM ${table} ORDER BY 1`);
    expect(await dueTotals("receivable_due_totals", "WHERE invoices <> 0")).toEqual(await dueTotals("receivable_due_totals_computed()", ""));
    expect(await customerRows("customer_receivables")).toEqual(await customerRows("customer_receivables_computed()"));
    expect(deadlocks).toEqual([]);
  }, 180_000);
});
