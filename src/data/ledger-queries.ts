/**
 * Receipts and write-offs against invoices, always within one tenant. Every change of an invoice's
 * paid or written_off is one conditional UPDATE that also sets its status, so a receipt and a
 * write-off arriving together cannot take an invoice below zero.
 *
 * Lock order: invoice rows in id order while the transaction runs (a receipt applied oldest first
 * locks the customer's open invoices up front, an undo restores its invoices in id order, a receipt
 * or write-off on a named invoice takes one row), customers only at commit, in id order
 * (receivables_flush, migration 20261128050000). So two writers of one customer's invoices wait for
 * each other but never each hold what the other waits for.
 */
import type { CalendarDate } from "../core/dates.js";
import { openAmount, type Allocation, type LedgerInvoice, type LedgerQueries } from "../core/ledger.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, money, toDbDate } from "./mappers.js";
import { visibleCustomers } from "./customer-scope.js";

type InvoiceRow = {
  id: number;
  number: string;
  customerId: number;
  issuedOn: Date;
  dueOn: Date;
  amount: bigint;
  paid: bigint;
  writtenOff: bigint;
  status: string;
};

function toLedgerInvoice(row: InvoiceRow): LedgerInvoice {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    issuedOn: fromDbDate(row.issuedOn),
    dueOn: fromDbDate(row.dueOn),
    amount: money(row.amount),
    paid: money(row.paid),
    writtenOff: money(row.writtenOff),
    status: row.status,
  };
}

/** The status an invoice's figures give; a voided invoice stays void. */
const STATUS_SQL = `CASE WHEN status = 'void' THEN 'void'
  WHEN paid >= amount THEN 'paid'
  WHEN paid + written_off >= amount THEN 'written-off'
  ELSE 'open' END`;

/** Allocations in the lock order (invoice id), whatever order they settle the invoices in. */
function inIdOrder<T extends { invoiceId: number }>(allocations: readonly T[]): T[] {
  return [...allocations].sort((a, b) => a.invoiceId - b.invoiceId);
}

/**
 * The customer's open invoices with something left to collect, oldest due first, locked until the
 * transaction ends. Without the lock, two receipts entered at once read the same open invoice and
 * both allocate to it: the second's conditional UPDATE finds it settled and the receipt is refused
 * although other invoices were open (an unconditional one would overpay it). Locked, the second
 * waits and reads what the first committed. In id order, the order every ledger writer uses;
 * FOR NO KEY UPDATE is the lock the UPDATE of paid takes anyway, so it is never upgraded.
 */
export async function lockOpenInvoices(db: DbClient, tenantId: number, customerId: number): Promise<LedgerInvoice[]> {
  const rows = await db.$queryRawUnsafe<InvoiceRow[]>(
    `SELECT id, number, customer_id AS "customerId", issued_on AS "issuedOn", due_on AS "dueOn", amount, paid,
            written_off AS "writtenOff", status
     FROM invoices WHERE tenant_id = $1 AND customer_id = $2 AND status = 'open'
     ORDER BY id FOR NO KEY UPDATE`,
    tenantId,
    customerId,
  );
  return rows
    .map(toLedgerInvoice)
    .filter((invoice) => invoice.amount > invoice.paid + invoice.writtenOff)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id));
}

export function createLedgerQueries(db: DbClient, tenantId: number): LedgerQueries {
  const invoicesById = async (ids: number[]) =>
    (await db.invoice.findMany({ where: { tenantId, id: { in: ids } }, orderBy: [{ dueOn: "asc" }, { id: "asc" }] })).map(toLedgerInvoice);

  /** Adds `delta` (may be negative) to paid or written_off, and sets the status; false when it would overpay. */
  const shift = async (invoiceId: number, column: "paid" | "written_off", delta: number): Promise<boolean> => {
    const changed = await db.$executeRawUnsafe(
      `UPDATE invoices SET ${column} = ${column} + $3::bigint WHERE id = $1 AND tenant_id = $2
         AND ${column} + $3::bigint >= 0
         AND ($3::bigint <= 0 OR (status = 'open' AND amount - paid - written_off >= $3::bigint))`,
      invoiceId,
      tenantId,
      String(delta),
    );
    if (changed !== 1) return false;
    await db.$executeRawUnsafe(`UPDATE invoices SET status = ${STATUS_SQL} WHERE id = $1 AND tenant_id = $2`, invoiceId, tenantId);
    return true;
  };

  return {
    async invoiceByNumber(number) {
      const row = await db.invoice.findFirst({ where: { tenantId, number: { equals: number.trim(), mode: "insensitive" } } });
      return row ? toLedgerInvoice(row) : null;
    },

    async pickInvoices(prefix, limit, scope = {}) {
      const rows = await db.invoice.findMany({
        where: { tenantId, number: { contains: prefix.trim(), mode: "insensitive" }, ...visibleCustomers(scope) },
        orderBy: { issuedOn: "desc" },
        take: limit,
        select: { number: true },
      });
      return rows.map((row) => row.number);
    },

    async openInvoices(customerId) {
      return lockOpenInvoices(db, tenantId, customerId);
    },

    async recordReceipt(input) {
      const payment = await db.payment.create({
        data: {
          tenantId,
          customerId: input.customerId,
          amount: BigInt(input.amount),
          receivedOn: toDbDate(input.receivedOn),
          method: input.method,
          reference: input.reference,
          recordedById: input.recordedById,
        },
      });
      // Oldest-first allocations are on invoices openInvoices locked; a named invoice is one row:
      // no lock is taken out of id order here, so the allocations keep the order they settle in.
      for (const allocation of input.allocations) {
        if (!(await shift(allocation.invoiceId, "paid", allocation.amount))) return null;
        await db.paymentAllocation.create({ data: { paymentId: payment.id, invoiceId: allocation.invoiceId, amount: BigInt(allocation.amount) } });
      }
      return { paymentId: payment.id, invoices: await invoicesById(input.allocations.map((allocation) => allocation.invoiceId)) };
    },

    async undoReceipt(paymentId, now) {
      const payment = await db.payment.findFirst({
        where: { id: paymentId, tenantId, undoneAt: null },
        include: { allocations: { include: { invoice: { select: { number: true } } }, orderBy: { id: "asc" } } },
      });
      if (!payment) return null;
      const allocations: Allocation[] = payment.allocations.map((allocation) => ({
        invoiceId: allocation.invoiceId,
        number: allocation.invoice.number,
        amount: money(allocation.amount),
      }));
      for (const allocation of inIdOrder(allocations)) await shift(allocation.invoiceId, "paid", -allocation.amount);
      await db.paymentAllocation.deleteMany({ where: { paymentId } });
      await db.payment.update({ where: { id: paymentId }, data: { undoneAt: now } });
      return { customerId: payment.customerId, amount: money(payment.amount), receivedOn: fromDbDate(payment.receivedOn), allocations };
    },

    async recordWriteOff(input) {
      if (!(await shift(input.invoiceId, "written_off", input.amount))) return null;
      const row = await db.writeOff.create({
        data: {
          tenantId,
          invoiceId: input.invoiceId,
          customerId: input.customerId,
          amount: BigInt(input.amount),
          reason: input.reason,
          recordedById: input.recordedById,
          recordedAt: input.at,
        },
      });
      const [invoice] = await invoicesById([input.invoiceId]);
      return { writeOffId: row.id, invoice: invoice! };
    },

    async undoWriteOff(writeOffId, now) {
      const row = await db.writeOff.findFirst({ where: { id: writeOffId, tenantId, undoneAt: null }, include: { invoice: { select: { number: true } } } });
      if (!row) return null;
      await shift(row.invoiceId, "written_off", -money(row.amount));
      await db.writeOff.update({ where: { id: writeOffId }, data: { undoneAt: now } });
      return { customerId: row.customerId, invoiceNumber: row.invoice.number, amount: money(row.amount) };
    },

    async overdueInvoices(customerId, today: CalendarDate) {
      const rows = await db.invoice.findMany({
        where: { tenantId, customerId, status: "open", dueOn: { lte: toDbDate(today) } },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      });
      return rows.map(toLedgerInvoice).filter((invoice) => invoice.amount > invoice.paid + invoice.writtenOff);
    },

    async openInvoicesMatching({ fragment, limit }) {
      const text = fragment.trim();
      const contains = { contains: text, mode: "insensitive" as const };
      // `status = 'open'` is kept in step with the figures (STATUS_SQL), so it means something is left to collect;
      // the (tenant_id, status, due_on) index serves the order and the limit.
      const rows = await db.invoice.findMany({
        where: { tenantId, status: "open", ...(text ? { OR: [{ number: contains }, { customer: { name: contains } }] } : {}) },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
        take: limit,
        select: { number: true, dueOn: true, amount: true, paid: true, writtenOff: true, customer: { select: { name: true, currency: true } } },
      });
      return rows.map((row) => ({
        number: row.number,
        customerName: row.customer.name,
        currency: row.customer.currency,
        open: openAmount({ amount: money(row.amount), paid: money(row.paid), writtenOff: money(row.writtenOff) }),
        dueOn: fromDbDate(row.dueOn),
      }));
    },
  };
}
