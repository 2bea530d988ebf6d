/**
 * Hand-over of a leaving member's book: every customer they own moves to another member, and with
 * it the customers' open orders, since an order belongs to its customer's owner, and the leaver's
 * open tasks (follow-ups included), on whichever customer, and the unsent alerts about the moved
 * customers. Runs inside the command's transaction; one audit event
 * per customer moved, one listing the open orders that moved with them.
 */
import type { TeamQueries } from "../core/reports.js";
import type { DbClient } from "./client-types.js";
import { handOverAlerts } from "./alert-store.js";

const OPEN_ORDER_STATUSES = ["draft", "confirmed", "shipped", "delivered", "invoiced"];

export function createTeamQueries(db: DbClient, tenantId: number, clock: () => Date): TeamQueries {
  async function plan(fromId: number) {
    const [customers, followUps, openOrders] = await Promise.all([
      db.customer.findMany({ where: { tenantId, ownerId: fromId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
      db.task.count({ where: { tenantId, assigneeId: fromId, doneAt: null } }),
      db.order.count({ where: { tenantId, customer: { ownerId: fromId }, status: { in: OPEN_ORDER_STATUSES } } }),
    ]);
    return { customers, followUps, openOrders };
  }
  return {
    handoverPlan: (fromId) => plan(fromId),
    async handover({ fromId, toId, actorId }) {
      const summary = await plan(fromId);
      const at = clock();
      const ids = summary.customers.map((customer) => customer.id);
      const orders = await db.order.findMany({ where: { tenantId, customerId: { in: ids }, status: { in: OPEN_ORDER_STATUSES } }, select: { id: true, number: true } });
      await db.customer.updateMany({ where: { tenantId, id: { in: ids }, ownerId: fromId }, data: { ownerId: toId } });
      const tasks = await db.task.findMany({ where: { tenantId, assigneeId: fromId, doneAt: null }, select: { id: true } });
      await db.task.updateMany({ where: { tenantId, id: { in: tasks.map((task) => task.id) } }, data: { assigneeId: toId } });
      await handOverAlerts(db, { tenantId, fromId, toId, customerIds: ids, now: at });
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
          ...(tasks.length
            ? [{ tenantId, actorId, action: "task.handover", entity: "member", entityId: String(fromId), before: { assigneeId: fromId, tasks: tasks.map((task) => task.id) }, after: { assigneeId: toId }, at }]
            : []),
        ],
      });
      return summary;
    },
  };
}
