/**
 * Ledger demo data: a freight recharge invoiced to Initech, part paid by check (a receipt
 * recorded by a manager) and the rest written off as goodwill, so `order`, `show`, the audit
 * trail and exports show a receipt and a write-off. The invoice ends settled (status
 * "written-off"), so the demo's balances and overdue figures stay as they were.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { addDaysTo, type CalendarDate } from "../../core/dates.js";
import { createLedgerQueries } from "../ledger-queries.js";
import { createInvoice } from "../order-writer.js";

export async function loadDemoLedger(
  tx: Prisma.TransactionClient,
  tenantId: number,
  customers: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, number>,
  today: CalendarDate,
): Promise<void> {
  const customerId = customers.get("initech")!;
  const recordedById = members.get("alice")!;
  const invoiceId = await createInvoice(tx, tenantId, {
    number: "INV-5900",
    customerId,
    issuedOn: addDaysTo(today, -60),
    dueOn: addDaysTo(today, -30),
    amount: 25_000,
  });
  const ledger = createLedgerQueries(tx, tenantId);
  await ledger.recordReceipt({
    customerId,
    amount: 15_000,
    receivedOn: addDaysTo(today, -12),
    method: "check",
    reference: "CHK 004417",
    recordedById,
    allocations: [{ invoiceId, number: "INV-5900", amount: 15_000 }],
  });
  await ledger.recordWriteOff({
    invoiceId,
    customerId,
    amount: 10_000,
    reason: "Freight recharge disputed; rest waived as goodwill",
    recordedById,
    at: new Date(`${addDaysTo(today, -10)}T09:00:00Z`),
  });
}
