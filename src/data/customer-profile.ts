/** The complete customer file shown by `show` and on cards: contacts, history, orders, money. */
import type { CalendarDate } from "../core/dates.js";
import type { CustomerProfile } from "../core/domain.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, money, toCustomer, toInteraction } from "./mappers.js";
import { createReceivableQueries } from "./receivable-queries.js";
import { isChurnRisk } from "./purchase-stats.js";

const OPEN_ORDER_STATUSES = ["draft", "confirmed", "shipped", "delivered", "invoiced"];

export async function loadCustomerProfile(
  db: DbClient,
  tenantId: number,
  customerId: number,
  today: CalendarDate,
): Promise<CustomerProfile | null> {
  const row = await db.customer.findFirst({
    where: { id: customerId, tenantId },
    include: { contacts: { where: { removedAt: null }, orderBy: [{ isPrimary: "desc" }, { name: "asc" }] } },
  });
  if (!row) return null;
  const customer = toCustomer(row);
  const [owner, interactions, openOrders, costed, ageing] = await Promise.all([
    row.ownerId ? db.member.findFirst({ where: { id: row.ownerId, tenantId } }) : null,
    db.interaction.findMany({
      where: { tenantId, customerId, undone: false },
      orderBy: { occurredAt: "desc" },
      take: 5,
    }),
    db.order.findMany({
      where: { tenantId, customerId, status: { in: OPEN_ORDER_STATUSES } },
      orderBy: { orderedOn: "desc" },
      take: 10,
      select: { number: true, status: true, orderedOn: true, total: true },
    }),
    // Gross margin only over orders whose cost is known.
    db.order.aggregate({
      where: { tenantId, customerId, totalCost: { not: null }, status: { not: "cancelled" } },
      _sum: { total: true, totalCost: true },
    }),
    createReceivableQueries(db, tenantId).ageing({ today, customerId, limit: 1 }),
  ]);
  const loggers = await db.member.findMany({
    where: { tenantId, id: { in: [...new Set(interactions.map((item) => item.loggedById))] } },
    select: { id: true, displayName: true },
  });
  const loggerNames = new Map(loggers.map((logger) => [logger.id, logger.displayName]));
  const balanceRow = ageing.rows[0];
  return {
    customer,
    ownerName: owner?.displayName ?? null,
    contacts: row.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      title: contact.title,
      phone: contact.phone,
      email: contact.email,
      isPrimary: contact.isPrimary,
      wechat: contact.wechat,
      kakao: contact.kakao,
      line: contact.line,
    })),
    recentInteractions: interactions.map((item) => toInteraction({ ...item, loggedByName: loggerNames.get(item.loggedById) })),
    openOrders: openOrders.map((order) => ({
      number: order.number,
      status: order.status,
      orderedOn: fromDbDate(order.orderedOn),
      total: money(order.total),
    })),
    receivables: {
      balance: balanceRow?.balance ?? 0,
      overdue: ageing.total,
      buckets: ageing.totals,
    },
    grossMargin:
      costed._sum.total !== null && costed._sum.totalCost !== null
        ? money(costed._sum.total) - money(costed._sum.totalCost)
        : null,
    churnRisk: isChurnRisk(customer, today),
    mergedIntoName: row.mergedIntoId ? ((await db.customer.findFirst({ where: { id: row.mergedIntoId, tenantId }, select: { name: true } }))?.name ?? null) : null,
  };
}
