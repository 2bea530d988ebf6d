/**
 * Hand-over of a leaving member's book: every customer they own (with its follow-up date, which
 * lives on the customer) and every open order they own move to another member. Runs inside the
 * command's transaction; one audit event per customer moved, one for the orders.
 */
import type { TeamQueries } from "../core/reports.js";
import type { DbClient } from "./client-types.js";

const OPEN_ORDER_STATUSES = ["draft", "confirmed", "shipped", "delivered", "invoiced"];

export function createTeamQueries(db: DbClient, tenantId: number, clock: () => Date): TeamQueries {
  async function plan(fromId: number) {
    const [customers, followUps, openOrders] = await Promise.all([
      db.customer.findMany({ where: { tenantId, ownerId: fromId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      db.customer.count({ where: { tenantId, ownerId: fromId, nextFollowUp: { not: null }, status: { not: "lost" } } }),
      db.order.count({ where: { tenantId, ownerId: fromId, status: { in: OPEN_ORDER_STATUSES } } }),
    ]);
    return { customers, followUps, openOrders };
  }
  return {
    handoverPlan: (fromId) => plan(fromId),
    async handover({ fromId, toId, actorId }) {
      const summary = await plan(fromId);
      const at = clock();
      const ids = summary.customers.map((customer) => customer.id);
      await db.customer.updateMany({ where: { tenantId, id: { in: ids }, ownerId: fromId }, data: { ownerId: toId } });
      const orders = await db.order.findMany({ where: { tenantId, ownerId: fromId, status: { in: OPEN_ORDER_STATUSES } }, select: { id: true, number: true } });
      await db.order.updateMany({ where: { tenantId, id: { in: orders.map((order) => order.id) } }, data: { ownerId: toId } });
      await db.auditEvent.createMany({
        data: [
          ...summary.customers.map((customer) => ({
            tenantId,
            actorId,
            action: "customer.handover",
            entity: "customer",
            entityId: String(customer.id),
            before: { ownerId: fromId },
            after: { ownerId: toId },
            at,
          })),
          ...(orders.length
            ? [{ tenantId, actorId, action: "order.handover", entity: "member", entityId: String(fromId), before: { ownerId: fromId, orders: orders.map((order) => order.number) }, after: { ownerId: toId }, at }]
            : []),
        ],
      });
      return summary;
    },
  };
}
