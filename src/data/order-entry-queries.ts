/**
 * Order entry storage (see core/order-entry.ts): numbering through `number_sequences`, orders,
 * shipments with their lines, invoices, and the credit exposure a new order is checked against.
 * Every write keeps the customer's purchase statistics current in the same transaction.
 */
import type { OrderEntryQueries, OrderState } from "../core/order-entry.js";
import { orderStatusOf, unshipped } from "../core/order-entry.js";
import type { DbClient } from "./client-types.js";
import { money, toDbDate } from "./mappers.js";
import { recomputePurchaseStats } from "./order-writer.js";

const SEQUENCES = {
  order: { table: "orders", prefix: "SO-", first: 1001 },
  invoice: { table: "invoices", prefix: "INV-", first: 1001 },
} as const;

const DERIVED_STATUSES = new Set(["draft", "confirmed", "shipped", "invoiced"]);

export function createOrderEntryQueries(db: DbClient, tenantId: number): OrderEntryQueries {
  async function stateWhere(where: { id: number } | { number: string }): Promise<OrderState | null> {
    const row = await db.order.findFirst({
      where: { tenantId, ...("id" in where ? { id: where.id } : { number: { equals: where.number.trim(), mode: "insensitive" } }) },
      include: { lines: { orderBy: { id: "asc" } }, shipments: { include: { lines: true } } },
    });
    if (!row) return null;
    const invoices = await db.invoice.aggregate({ where: { tenantId, orderId: row.id, status: { not: "void" } }, _sum: { amount: true }, _count: true });
    // Shipped quantities per SKU are spread over the order's lines of that SKU in line order.
    const shipped = new Map<string, number>();
    for (const shipment of row.shipments) {
      for (const line of shipment.lines) shipped.set(line.sku.toUpperCase(), (shipped.get(line.sku.toUpperCase()) ?? 0) + line.quantity);
    }
    const lines = row.lines.map((line) => {
      const key = line.sku.toUpperCase();
      const available = shipped.get(key) ?? 0;
      const taken = Math.min(available, line.quantity);
      shipped.set(key, available - taken);
      return { sku: line.sku, description: line.description, quantity: line.quantity, unitPrice: money(line.unitPrice), shipped: taken };
    });
    // An order imported with a shipment but without shipment lines counts as shipped in full.
    const legacyShipped = row.shipments.some((shipment) => shipment.lines.length === 0 && shipment.status !== "pending" && shipment.status !== "returned");
    return {
      id: row.id,
      number: row.number,
      customerId: row.customerId,
      status: row.status,
      total: money(row.total),
      invoiced: money(invoices._sum.amount),
      channelRef: row.channelRef,
      cancelled: row.status === "cancelled",
      shipmentCount: row.shipments.length,
      invoiceCount: invoices._count,
      lines: legacyShipped ? lines.map((line) => ({ ...line, shipped: line.quantity })) : lines,
    };
  }

  /** Re-derives an open order's status after a shipment or invoice changed. */
  async function restatus(orderId: number): Promise<boolean> {
    const state = await stateWhere({ id: orderId });
    if (!state || state.cancelled) return false;
    const allShipped = unshipped(state.lines).size === 0;
    // Delivered and closed come from elsewhere (imports, receipts) and are not undone by order entry.
    if (!DERIVED_STATUSES.has(state.status)) return allShipped;
    await db.order.update({ where: { id: orderId }, data: { status: orderStatusOf({ total: state.total, invoiced: state.invoiced, allShipped }) } });
    return allShipped;
  }

  return {
    async nextNumber(kind) {
      const { table, prefix, first } = SEQUENCES[kind];
      // The highest number already used (imports, demo data) so the sequence never collides with one.
      const [highest] = await db.$queryRawUnsafe<{ max: bigint | number | null }[]>(
        `SELECT MAX(CAST(SUBSTRING(number FROM $2) AS BIGINT)) AS max FROM ${table} WHERE tenant_id = $1 AND number ~ $3`,
        tenantId,
        `^${prefix}(\\d{1,9})$`,
        `^${prefix}\\d{1,9}$`,
      );
      const floor = Math.max(first, Number(highest?.max ?? 0) + 1);
      // One statement, safe with two processes: the row lock makes the second wait for the first's commit.
      const [row] = await db.$queryRawUnsafe<{ issued: number }[]>(
        `INSERT INTO number_sequences (tenant_id, kind, next_value) VALUES ($1, $2, $3 + 1)
         ON CONFLICT (tenant_id, kind) DO UPDATE SET next_value = GREATEST(number_sequences.next_value, $3) + 1
         RETURNING next_value - 1 AS issued`,
        tenantId,
        kind,
        floor,
      );
      return `${prefix}${row!.issued}`;
    },

    async exposure(customerId) {
      const [row] = await db.$queryRawUnsafe<{ receivables: bigint | null; orders: bigint | null }[]>(
        `SELECT
           (SELECT COALESCE(SUM(GREATEST(i.amount - i.paid - i.written_off, 0)), 0) FROM invoices i
             WHERE i.tenant_id = $1 AND i.customer_id = $2 AND i.status NOT IN ('void', 'paid')) AS receivables,
           (SELECT COALESCE(SUM(GREATEST(o.total - COALESCE(inv.amount, 0), 0)), 0) FROM orders o
             LEFT JOIN (SELECT order_id, SUM(amount) AS amount FROM invoices WHERE tenant_id = $1 AND status <> 'void' GROUP BY order_id) inv ON inv.order_id = o.id
             WHERE o.tenant_id = $1 AND o.customer_id = $2 AND o.status NOT IN ('cancelled', 'closed')) AS orders`,
        tenantId,
        customerId,
      );
      return { openReceivables: money(row?.receivables), openOrders: money(row?.orders) };
    },

    async paymentTermsDays(customerId) {
      const row = await db.customer.findFirst({ where: { tenantId, id: customerId }, select: { paymentTermsDays: true } });
      return row?.paymentTermsDays ?? null;
    },

    async create(order) {
      const total = order.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
      const row = await db.order.create({
        data: {
          tenantId,
          number: order.number,
          customerId: order.customerId,
          orderedOn: toDbDate(order.orderedOn),
          status: "confirmed",
          total: BigInt(total),
          createdById: order.createdById,
          channelRef: order.channelRef,
          creditOverrideById: order.creditOverrideById,
          lines: {
            create: order.lines.map((line) => ({ sku: line.sku, description: line.description ?? null, quantity: line.quantity, unitPrice: BigInt(line.unitPrice) })),
          },
        },
      });
      await recomputePurchaseStats(db, tenantId, order.customerId);
      return { id: row.id, total };
    },

    state: (number) => stateWhere({ number }),
    stateById: (id) => stateWhere({ id }),

    async cancel(orderId, reason, at) {
      const row = await db.order.update({ where: { id: orderId }, data: { status: "cancelled", cancelledAt: at, cancelReason: reason } });
      await recomputePurchaseStats(db, tenantId, row.customerId);
    },

    async ship(shipment) {
      const row = await db.shipment.create({
        data: {
          orderId: shipment.orderId,
          shippedOn: toDbDate(shipment.shippedOn),
          carrier: shipment.carrier,
          tracking: shipment.tracking,
          warehouse: shipment.warehouse,
          status: "shipped",
          createdById: shipment.createdById,
          lines: { create: shipment.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })) },
        },
      });
      return { shipmentId: row.id, allShipped: await restatus(shipment.orderId) };
    },

    async invoice(invoice) {
      const row = await db.invoice.create({
        data: {
          tenantId,
          number: invoice.number,
          customerId: invoice.customerId,
          orderId: invoice.orderId,
          issuedOn: toDbDate(invoice.issuedOn),
          dueOn: toDbDate(invoice.dueOn),
          amount: BigInt(invoice.amount),
          createdById: invoice.createdById,
          status: "open",
        },
      });
      await restatus(invoice.orderId);
      return { invoiceId: row.id };
    },

    async removeOrder(orderId) {
      const state = await stateWhere({ id: orderId });
      if (!state || state.shipmentCount > 0 || state.invoiceCount > 0) return false;
      await db.order.delete({ where: { id: orderId } });
      await recomputePurchaseStats(db, tenantId, state.customerId);
      return true;
    },

    async removeShipment(shipmentId) {
      const shipment = await db.shipment.findFirst({ where: { id: shipmentId, order: { tenantId } } });
      if (!shipment) return false;
      await db.shipment.delete({ where: { id: shipmentId } });
      await restatus(shipment.orderId);
      return true;
    },

    async removeInvoice(invoiceId) {
      const invoice = await db.invoice.findFirst({ where: { id: invoiceId, tenantId }, include: { allocations: true, writeOffs: true } });
      if (!invoice || money(invoice.paid) > 0 || money(invoice.writtenOff) > 0 || invoice.allocations.length || invoice.writeOffs.length) return false;
      await db.invoice.delete({ where: { id: invoiceId } });
      if (invoice.orderId !== null) await restatus(invoice.orderId);
      return true;
    },
  };
}
