/**
 * Order-entry demo data: payment terms on some customers, so `invoice` shows terms other than the
 * workspace default of 30 days (Acme 45, Hongda 60, Samsung 30 stated explicitly).
 */
import type { Prisma } from "../../generated/prisma/client.js";

const PAYMENT_TERMS: Record<string, number> = { acme: 45, hongda: 60, samsung: 30 };

export async function loadDemoOrderEntry(tx: Prisma.TransactionClient, tenantId: number, customerIds: ReadonlyMap<string, number>): Promise<void> {
  for (const [key, days] of Object.entries(PAYMENT_TERMS)) {
    const id = customerIds.get(key);
    if (id !== undefined) await tx.customer.updateMany({ where: { tenantId, id }, data: { paymentTermsDays: days } });
  }
}
