/** Order lookups, always within one tenant. */
import type { Order } from "../core/domain.js";
import type { Store } from "../core/store.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, money, optionalMoney } from "./mappers.js";
import { visibleCustomers } from "./customer-scope.js";

const orderInclude = {
  lines: true,
  shipments: true,
  customer: { select: { name: true } },
} as const;

type OrderRow = NonNullable<Awaited<ReturnType<DbClient["order"]["findFirst"]>>> & {
  lines: { sku: string; description: string | null; quantity: number; unitPrice: bigint; unitCost: bigint | null }[];
  shipments: { shippedOn: Date | null; warehouse: string | null; carrier: string | null; tracking: string | null; status: string }[];
  customer: { name: string };
};

async function invoiceTotals(db: DbClient, tenantId: number, orderIds: number[]) {
  const sums = await db.invoice.groupBy({
    by: ["orderId"],
    where: { tenantId, orderId: { in: orderIds }, status: { not: "void" } },
    _sum: { amount: true, paid: true, writtenOff: true },
  });
  return new Map(sums.map((sum) => [sum.orderId, { invoiced: money(sum._sum.amount), paid: money(sum._sum.paid), writtenOff: money(sum._sum.writtenOff) }]));
}

function toOrder(row: OrderRow, totals: { invoiced: number; paid: number; writtenOff: number } | undefined): Order {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customerId,
    customerName: row.customer.name,
    status: row.status,
    orderedOn: fromDbDate(row.orderedOn),
    total: money(row.total),
    totalCost: optionalMoney(row.totalCost),
    lines: row.lines.map((line) => ({
      sku: line.sku,
      description: line.description,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      unitCost: optionalMoney(line.unitCost),
    })),
    shipments: row.shipments.map((shipment) => ({ ...shipment, shippedOn: fromDbDate(shipment.shippedOn) })),
    invoiced: totals?.invoiced ?? 0,
    paid: totals?.paid ?? 0,
    writtenOff: totals?.writtenOff ?? 0,
  };
}

export function createOrderQueries(db: DbClient, tenantId: number): Store["orders"] {
  return {
    async getByNumber(number) {
      const row = (await db.order.findFirst({
        where: { tenantId, number: { equals: number.trim(), mode: "insensitive" } },
        include: orderInclude,
      })) as OrderRow | null;
      if (!row) return null;
      return toOrder(row, (await invoiceTotals(db, tenantId, [row.id])).get(row.id));
    },
    async listForCustomer(customerId, { limit, offset }) {
      const where = { tenantId, customerId };
      const [rows, total] = await Promise.all([
        db.order.findMany({ where, include: orderInclude, orderBy: [{ orderedOn: "desc" }, { id: "desc" }], take: limit, skip: offset }),
        db.order.count({ where }),
      ]);
      const totals = await invoiceTotals(db, tenantId, rows.map((row) => row.id));
      return { total, items: (rows as OrderRow[]).map((row) => toOrder(row, totals.get(row.id))) };
    },
    async pick(query, limit, scope = {}) {
      const visible = visibleCustomers(scope);
      const rows = await db.order.findMany({
        where: { tenantId, number: { startsWith: query.trim(), mode: "insensitive" }, ...visible },
        select: { number: true, status: true, customer: { select: { name: true } } },
        orderBy: { orderedOn: "desc" },
        take: limit,
      });
      return rows.map((row) => ({ number: row.number, status: row.status, customerName: row.customer.name }));
    },
  };
}
