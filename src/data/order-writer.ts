/**
 * Writing orders and invoices keeps the customer's derived purchase statistics current in the
 * same transaction (see purchase-stats.ts), so reads and digests never aggregate on the fly.
 */
import type { CalendarDate } from "../core/dates.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, money, toDbDate } from "./mappers.js";
import { computePurchaseStats } from "./purchase-stats.js";
import { invoiceStatus, openAmount } from "../core/ledger.js";
import { lockOpenInvoices } from "./ledger-queries.js";

export type NewOrder = {
  number: string;
  customerId: number;
  orderedOn: CalendarDate;
  status?: string;
  ownerId?: number | null;
  lines: { sku: string; description?: string; quantity: number; unitPrice: number; unitCost?: number | null }[];
  shipments?: { shippedOn?: CalendarDate; warehouse?: string; carrier?: string; tracking?: string; status: string }[];
};

export async function recomputePurchaseStats(db: DbClient, tenantId: number, customerId: number): Promise<void> {
  const orders = await db.order.findMany({
    where: { tenantId, customerId, status: { not: "cancelled" } },
    select: { orderedOn: true, total: true },
  });
  const stats = computePurchaseStats(orders.map((order) => ({ orderedOn: fromDbDate(order.orderedOn), total: money(order.total) })));
  await db.customer.updateMany({
    where: { id: customerId, tenantId },
    data: {
      firstOrderAt: stats.firstOrderAt ? toDbDate(stats.firstOrderAt) : null,
      lastOrderAt: stats.lastOrderAt ? toDbDate(stats.lastOrderAt) : null,
      orderCount: stats.orderCount,
      lifetimeSales: BigInt(stats.lifetimeSales),
      avgCycleDays: stats.avgCycleDays,
      predictedNextAt: stats.predictedNextAt ? toDbDate(stats.predictedNextAt) : null,
    },
  });
}

export async function createOrder(db: DbClient, tenantId: number, order: NewOrder): Promise<number> {
  const total = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const costKnown = order.lines.every((line) => line.unitCost !== undefined && line.unitCost !== null);
  const totalCost = costKnown ? order.lines.reduce((sum, line) => sum + line.quantity * (line.unitCost ?? 0), 0) : null;
  const row = await db.order.create({
    data: {
      tenantId,
      number: order.number,
      customerId: order.customerId,
      orderedOn: toDbDate(order.orderedOn),
      status: order.status ?? "confirmed",
      ownerId: order.ownerId ?? null,
      total: BigInt(total),
      totalCost: totalCost === null ? null : BigInt(totalCost),
      lines: {
        create: order.lines.map((line) => ({
          sku: line.sku,
          description: line.description ?? null,
          quantity: line.quantity,
          unitPrice: BigInt(line.unitPrice),
          unitCost: line.unitCost === undefined || line.unitCost === null ? null : BigInt(line.unitCost),
        })),
      },
      shipments: {
        create: (order.shipments ?? []).map((shipment) => ({
          shippedOn: shipment.shippedOn ? toDbDate(shipment.shippedOn) : null,
          warehouse: shipment.warehouse ?? null,
          carrier: shipment.carrier ?? null,
          tracking: shipment.tracking ?? null,
          status: shipment.status,
        })),
      },
    },
  });
  await recomputePurchaseStats(db, tenantId, order.customerId);
  return row.id;
}

export async function createInvoice(
  db: DbClient,
  tenantId: number,
  invoice: { number: string; customerId: number; orderId?: number; issuedOn: CalendarDate; dueOn: CalendarDate; amount: number; paid?: number },
): Promise<number> {
  const paid = invoice.paid ?? 0;
  const row = await db.invoice.create({
    data: {
      tenantId,
      number: invoice.number,
      customerId: invoice.customerId,
      orderId: invoice.orderId ?? null,
      issuedOn: toDbDate(invoice.issuedOn),
      dueOn: toDbDate(invoice.dueOn),
      amount: BigInt(invoice.amount),
      paid: BigInt(paid),
      status: paid >= invoice.amount ? "paid" : "open",
    },
  });
  return row.id;
}

/**
 * Records a payment and applies it to the customer's oldest open invoices first; what no open
 * invoice can take stays unapplied on the payment. Within a transaction the open invoices are
 * locked first (lockOpenInvoices), so two payments at once apply one after the other instead of
 * both to the same invoice.
 */
export async function recordPayment(
  db: DbClient,
  tenantId: number,
  payment: { customerId: number; amount: number; receivedOn: CalendarDate; method: string; reference?: string },
): Promise<number> {
  const open = await lockOpenInvoices(db, tenantId, payment.customerId);
  const row = await db.payment.create({
    data: {
      tenantId,
      customerId: payment.customerId,
      amount: BigInt(payment.amount),
      receivedOn: toDbDate(payment.receivedOn),
      method: payment.method,
      reference: payment.reference ?? null,
    },
  });
  let remaining = payment.amount;
  for (const invoice of open) {
    if (remaining <= 0) break;
    const applied = Math.min(openAmount(invoice), remaining);
    remaining -= applied;
    await db.paymentAllocation.create({ data: { paymentId: row.id, invoiceId: invoice.id, amount: BigInt(applied) } });
    await db.invoice.update({
      where: { id: invoice.id },
      data: { paid: { increment: BigInt(applied) }, status: invoiceStatus({ amount: invoice.amount, paid: invoice.paid + applied, writtenOff: invoice.writtenOff }) },
    });
  }
  return row.id;
}
