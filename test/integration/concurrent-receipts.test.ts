/**
 * Receipts and write-offs for one customer entered at the same moment from several connections
 * (two finance assistants, one form sent from two devices), on PostgreSQL. PGlite runs one
 * connection, so its writers are serialised and cannot race.
 *
 * The race is made certain with a barrier, not with timing: a separate connection holds the
 * customer's invoices locked while the writers start, and is released only once every writer is
 * blocked on a lock (pg_stat_activity), that is after each has read whatever it reads unlocked.
 * Afterwards:
 *  - no invoice has paid + written_off above its amount, and each invoice's paid and written_off
 *    equal the allocations and write-offs recorded against it;
 *  - what the receipts applied equals what they received minus what stayed unapplied (the `pay`
 *    command leaves nothing unapplied: it refuses more than is open);
 *  - the receivable summaries equal their from-scratch computation, and the overdue digest equals
 *    the invoice-scan reference.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { referenceOverdue } from "../support/receivable-reference.js";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import type { CalendarDate } from "../../src/core/dates.js";
import { createDigestQueries } from "../../src/data/digest-queries.js";
import { createInvoice, recordPayment } from "../../src/data/order-writer.js";
import { importFile } from "../../src/import/import-file.js";
import { createImportSink } from "../../src/data/import-sink.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { undoToken } from "../support/reply-undo.js";

describe("concurrent receipts and write-offs on postgres", () => {
  let app: TestApp;
  let pool: pg.Pool;
  let admin: Actor;
  let tenantId: number;
  let invoiceNumber = 0;

  beforeAll(async () => {
    const postgres = testTargets.find((target) => target.name === "postgres")!;
    let url = "";
    app = await createTestApp({
      name: "postgres",
      create: async () => {
        const made = await postgres.create();
        url = (made.target as { url: string }).url;
        return made;
      },
    });
    pool = new pg.Pool({ connectionString: url, max: 3 });
    admin = app.actor("concurrent-receipts", "you");
    tenantId = (await app.rapport.identify(admin)).tenant.id;
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    await app?.drop();
  });

  /** A customer with invoices of 1,000.00 each; ids rise while the due dates do not, so due order and lock order differ. */
  async function customerWith(name: string, dueDates: CalendarDate[]): Promise<{ id: number; invoices: { id: number; number: string }[] }> {
    const id = (await app.database.prisma.customer.create({ data: { tenantId, name, status: "active" } })).id;
    const invoices = [];
    for (const dueOn of dueDates) {
      const number = `CR-${++invoiceNumber}`;
      invoices.push({ id: await createInvoice(app.database.prisma, tenantId, { number, customerId: id, issuedOn: "2026-06-01", dueOn, amount: 100_000 }), number });
    }
    return { id, invoices };
  }

  const run = (line: string): Promise<Reply> => app.rapport.runText({ actor: admin, text: line });
  const failures = (replies: Reply[]) => replies.filter((reply) => reply.isError).map((reply) => `${reply.code}: ${reply.title}`);

  /** Resolves once every writer of `pending` has either finished or is waiting for a lock (pg_stat_activity of the test database). */
  async function blockedOnLocks(pending: Promise<unknown>[]): Promise<void> {
    let settled = 0;
    for (const promise of pending) void promise.finally(() => settled++).catch(() => undefined);
    for (;;) {
      const { rows } = await pool.query<{ waiting: number }>(
        `SELECT COUNT(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (rows[0]!.waiting + settled >= pending.length) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Holds the invoices locked, starts the writers one after the other (each queued on a lock before
   * the next starts, so the order they get the rows in is fixed), then lets them all go.
   */
  async function behindBarrier<T>(invoiceIds: number[], writers: (() => Promise<T>)[]): Promise<T[]> {
    const holder = await pool.connect();
    const started: Promise<T>[] = [];
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT id FROM invoices WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE`, [invoiceIds]);
      for (const writer of writers) {
        started.push(writer());
        await blockedOnLocks(started);
      }
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    return Promise.all(started);
  }

  async function expectLedgerConsistent(customerIds: number[]): Promise<void> {
    const prisma = app.database.prisma;
    const over = await prisma.$queryRawUnsafe<{ number: string }[]>(
      `SELECT number FROM invoices WHERE customer_id = ANY($1::int[]) AND (paid + written_off > amount OR paid < 0 OR written_off < 0)`,
      customerIds,
    );
    expect(over, "invoices settled beyond their amount").toEqual([]);
    const mismatched = await prisma.$queryRawUnsafe<{ number: string }[]>(
      `SELECT i.number FROM invoices i
       WHERE i.customer_id = ANY($1::int[])
         AND (i.paid <> COALESCE((SELECT SUM(a.amount) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = i.id AND p.undone_at IS NULL), 0)
           OR i.written_off <> COALESCE((SELECT SUM(w.amount) FROM write_offs w WHERE w.invoice_id = i.id AND w.undone_at IS NULL), 0))`,
      customerIds,
    );
    expect(mismatched, "invoices whose figures differ from their allocations and write-offs").toEqual([]);
    const overApplied = await prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT p.id FROM payments p WHERE p.customer_id = ANY($1::int[]) AND p.undone_at IS NULL
         AND p.amount < COALESCE((SELECT SUM(a.amount) FROM payment_allocations a WHERE a.payment_id = p.id), 0)`,
      customerIds,
    );
    expect(overApplied, "receipts applied beyond what they received").toEqual([]);

    const keys = async (sql: string) => (await prisma.$queryRawUnsafe<{ key: string }[]>(sql)).map((row) => row.key);
    const dueTotals = (table: string, where: string) =>
      keys(`SELECT concat_ws('|', tenant_id, due_on, currency, open_amount, invoices) AS key FROM ${table} ${where} ORDER BY 1`);
    expect(await dueTotals("receivable_due_totals", "WHERE invoices <> 0")).toEqual(await dueTotals("receivable_due_totals_computed()", ""));
    const customers = (table: string) =>
      keys(`SELECT concat_ws('|', customer_id, tenant_id, open_invoices, open_balance, unpaid_amount, oldest_unpaid_due_on, over_limit_by) AS key FROM ${table} ORDER BY 1`);
    expect(await customers("customer_receivables")).toEqual(await customers("customer_receivables_computed()"));
    for (const today of ["2026-11-23", "2027-03-01"] as CalendarDate[]) {
      const limits = { owners: 5, itemsPerOwner: 5, items: 10 };
      expect(await createDigestQueries(prisma, tenantId).overdue({ today, limits })).toEqual(await referenceOverdue(prisma, tenantId, today, 10));
    }
  }

  /** Received, applied and unapplied over the customer's live receipts. */
  async function receiptTotals(customerId: number) {
    const [row] = await app.database.prisma.$queryRawUnsafe<{ received: bigint; applied: bigint; paid: bigint }[]>(
      `SELECT (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE customer_id = $1 AND undone_at IS NULL) AS received,
              (SELECT COALESCE(SUM(a.amount), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id WHERE p.customer_id = $1 AND p.undone_at IS NULL) AS applied,
              (SELECT COALESCE(SUM(paid), 0) FROM invoices WHERE customer_id = $1) AS paid`,
      customerId,
    );
    return { received: Number(row!.received), applied: Number(row!.applied), paid: Number(row!.paid) };
  }

  test("three receipts for one customer at the same moment: each applies to what the others left, none is refused", async () => {
    const customer = await customerWith("Simultaneous Buyer", ["2026-10-01", "2026-08-01", "2026-09-01", "2026-07-01"]);
    // 700 + 1,300 + 2,000 settle the four invoices of 1,000 exactly, crossing invoice boundaries.
    const replies = await behindBarrier(
      customer.invoices.map((invoice) => invoice.id),
      ["700", "1300", "2000"].map((amount) => () => run(`pay #${customer.id} ${amount} method=bank`)),
    );
    expect(failures(replies)).toEqual([]);
    const invoices = await app.database.prisma.invoice.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    expect(invoices.map((invoice) => [invoice.paid, invoice.status])).toEqual(invoices.map(() => [100_000n, "paid"]));
    expect(await receiptTotals(customer.id)).toEqual({ received: 400_000, applied: 400_000, paid: 400_000 });
    await expectLedgerConsistent([customer.id]);
  }, 120_000);

  test("receipts applied oldest first while write-offs settle the newest invoices: all recorded, nothing over-applied", async () => {
    const customer = await customerWith("Receipts And Write-offs", ["2026-12-01", "2026-07-01", "2026-11-01", "2026-08-01"]);
    const [newest, , secondNewest] = customer.invoices;
    const replies = await behindBarrier(
      customer.invoices.map((invoice) => invoice.id),
      [
        () => run(`pay #${customer.id} 1000`),
        () => run(`writeoff ${newest!.number} 400 reason=Damaged in transit`),
        () => run(`pay #${customer.id} 1000`),
        () => run(`writeoff ${secondNewest!.number} reason=Customer in liquidation`),
      ],
    );
    expect(failures(replies)).toEqual([]);
    const invoices = await app.database.prisma.invoice.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    expect(invoices.map((invoice) => [invoice.paid, invoice.writtenOff, invoice.status])).toEqual([
      [0n, 40_000n, "open"],
      [100_000n, 0n, "paid"],
      [0n, 100_000n, "written-off"],
      [100_000n, 0n, "paid"],
    ]);
    expect(await receiptTotals(customer.id)).toEqual({ received: 200_000, applied: 200_000, paid: 200_000 });
    await expectLedgerConsistent([customer.id]);
  }, 120_000);

  test("an undo restoring two invoices while a receipt locks them in id order: neither is a deadlock victim", async () => {
    // Y is due first but has the higher id. A receipt that fills Y and part of X lists Y first;
    // once an earlier receipt on Y is undone, both are open again.
    const customer = await customerWith("Undo Meets Receipt", ["2026-10-01", "2026-08-01"]);
    const [x, y] = customer.invoices;
    const earlier = undoToken(await run(`pay ${y!.number} 400`));
    const spanning = undoToken(await run(`pay #${customer.id} 1000`));
    expect((await app.rapport.undo({ actor: admin, token: earlier })).isError).toBeFalsy();
    // The receipt queues on X first; the undo then starts. Restored in allocation order (Y, then
    // X), the undo would hold Y and wait for X while the receipt holds X and waits for Y.
    const replies = await behindBarrier(
      [x!.id],
      [() => run(`pay #${customer.id} 100`), () => app.rapport.undo({ actor: admin, token: spanning })],
    );
    expect(failures(replies)).toEqual([]);
    expect(await receiptTotals(customer.id)).toEqual({ received: 10_000, applied: 10_000, paid: 10_000 });
    await expectLedgerConsistent([customer.id]);
  }, 120_000);

  test("payments written by recordPayment in concurrent transactions: none overpays an invoice, the rest stays unapplied", async () => {
    const customer = await customerWith("Imported Payer", ["2026-09-01", "2026-07-01", "2026-08-01"]);
    const pay = () =>
      app.database.prisma.$transaction((tx) => recordPayment(tx, tenantId, { customerId: customer.id, amount: 100_000, receivedOn: "2026-11-20", method: "bank" }));
    await behindBarrier(customer.invoices.map((invoice) => invoice.id), [pay, pay, pay, pay]);
    const invoices = await app.database.prisma.invoice.findMany({ where: { customerId: customer.id } });
    expect(invoices.map((invoice) => [invoice.paid, invoice.status])).toEqual(invoices.map(() => [100_000n, "paid"]));
    // Four payments of 1,000 against 3,000 open: 1,000 stays unapplied.
    const totals = await receiptTotals(customer.id);
    expect(totals).toEqual({ received: 400_000, applied: 300_000, paid: 300_000 });
    await expectLedgerConsistent([customer.id]);
  }, 120_000);
  test("a payments import beside a receipt typed in chat: the import waits for the receipt's invoices, then applies to what is left", async () => {
    const customer = await customerWith("Imported Payer", ["2026-07-01", "2026-08-01", "2026-09-01"]);
    const path = join(mkdtempSync(join(tmpdir(), "rapport-receipts-")), "payments.csv");
    writeFileSync(path, `customer,amount,date,reference\n#${customer.id},1500,2026-11-01,wire 1\n`);
    // The receipt takes its locks first; the import then reads the same open invoices.
    const [receipt, imported] = await behindBarrier<unknown>(customer.invoices.map((invoice) => invoice.id), [
      () => run(`pay #${customer.id} 1500`),
      () => importFile({ sink: createImportSink(app.database), tenantId, kind: "payments", path }),
    ]);
    expect(failures([receipt as Reply])).toEqual([]);
    expect(imported, JSON.stringify((imported as { issues: unknown }).issues)).toMatchObject({ inserted: 1, committed: true });
    const invoices = await app.database.prisma.invoice.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    expect(invoices.map((invoice) => [invoice.paid, invoice.status])).toEqual(invoices.map(() => [100_000n, "paid"]));
    expect(await receiptTotals(customer.id)).toEqual({ received: 300_000, applied: 300_000, paid: 300_000 });
    await expectLedgerConsistent([customer.id]);
  }, 120_000);
});
