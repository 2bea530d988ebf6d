/**
 * The tasks section of the Store. Every write ends by recomputing the customer's
 * `next_follow_up` (the earliest open task's due date) in the same transaction, so readers of that
 * column (the card, churn risk, exports) never see a date no open task has.
 */
import { NotFound } from "../core/errors.js";
import type { Task, TaskQueries, TaskRow } from "../core/task-store.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, toDbDate } from "./mappers.js";

type TaskRecord = {
  id: number;
  customerId: number;
  assigneeId: number | null;
  createdById: number | null;
  dueOn: Date;
  text: string;
  interactionId: number | null;
  doneAt: Date | null;
  doneById: number | null;
};

function toTask(row: TaskRecord): Task {
  return {
    id: row.id,
    customerId: row.customerId,
    assigneeId: row.assigneeId,
    createdById: row.createdById,
    dueOn: fromDbDate(row.dueOn),
    text: row.text,
    interactionId: row.interactionId,
    doneAt: row.doneAt,
    doneById: row.doneById,
  };
}

/** Recomputes the customer's next follow-up from its open tasks (null when none is open). */
export async function syncNextFollowUp(db: DbClient, tenantId: number, customerId: number): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE customers SET next_follow_up = (
       SELECT MIN(t.due_on) FROM tasks t WHERE t.tenant_id = $1 AND t.customer_id = $2 AND t.done_at IS NULL
     ) WHERE tenant_id = $1 AND id = $2`,
    tenantId,
    customerId,
  );
}

/**
 * For writers that set `customers.next_follow_up` directly (imports, the customer patch): a date
 * with no open task becomes a plain follow-up task for the customer's owner, then the column is
 * recomputed from the open tasks. `customerId` limits it to one customer; without it, the tenant.
 * Parameters: $1 tenant id, $2 customer id (or null for every customer of the tenant).
 */
export const RECONCILE_FOLLOW_UPS_SQL = [
  `INSERT INTO tasks (tenant_id, customer_id, assignee_id, due_on, text, created_at, updated_at)
   SELECT c.tenant_id, c.id, c.owner_id, c.next_follow_up, '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM customers c
   WHERE c.tenant_id = $1 AND ($2::int IS NULL OR c.id = $2::int) AND c.next_follow_up IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.customer_id = c.id AND t.done_at IS NULL AND t.due_on = c.next_follow_up)`,
  `UPDATE customers c SET next_follow_up = open.due
   FROM (SELECT c2.id, (SELECT MIN(t.due_on) FROM tasks t WHERE t.customer_id = c2.id AND t.done_at IS NULL) AS due
         FROM customers c2 WHERE c2.tenant_id = $1 AND ($2::int IS NULL OR c2.id = $2::int)) open
   WHERE c.id = open.id AND c.next_follow_up IS DISTINCT FROM open.due`,
] as const;

/** A customer's new owner takes over the open tasks its previous owner had on it (`assign`). */
export async function moveOwnersTasks(db: DbClient, tenantId: number, customerId: number, fromId: number | null, toId: number | null): Promise<void> {
  if (fromId === null || toId === null || fromId === toId) return;
  await db.task.updateMany({ where: { tenantId, customerId, assigneeId: fromId, doneAt: null }, data: { assigneeId: toId } });
}

export async function reconcileFollowUps(db: DbClient, tenantId: number, customerId: number | null): Promise<void> {
  for (const sql of RECONCILE_FOLLOW_UPS_SQL) await db.$executeRawUnsafe(sql, tenantId, customerId);
}

export function createTaskQueries(db: DbClient, tenantId: number): TaskQueries {
  const require = async (id: number): Promise<Task> => {
    const row = await db.task.findFirst({ where: { id, tenantId } });
    if (!row) throw new NotFound(`No task #${id} in this workspace.`);
    return toTask(row);
  };

  async function withNames(rows: (TaskRecord & { customer: { name: string; ownerId: number | null } })[]): Promise<TaskRow[]> {
    const ids = [...new Set(rows.map((row) => row.assigneeId).filter((id): id is number => id !== null))];
    const members = ids.length ? await db.member.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, displayName: true } }) : [];
    const names = new Map(members.map((member) => [member.id, member.displayName]));
    return rows.map((row) => ({
      ...toTask(row),
      customerName: row.customer.name,
      customerOwnerId: row.customer.ownerId,
      assigneeName: row.assigneeId === null ? null : (names.get(row.assigneeId) ?? null),
    }));
  }

  // Archived customers are hidden everywhere; their tasks with them.
  const visibleCustomer = { archivedAt: null } as const;

  return {
    async get(id) {
      const row = await db.task.findFirst({ where: { id, tenantId } });
      return row ? toTask(row) : null;
    },

    async listOpen({ from, to, assigneeId, limit, offset }) {
      const where = {
        tenantId,
        doneAt: null,
        dueOn: { lte: toDbDate(to), ...(from ? { gte: toDbDate(from) } : {}) },
        customer: visibleCustomer,
        ...(assigneeId !== undefined ? { assigneeId } : {}),
      };
      const [rows, total] = await Promise.all([
        db.task.findMany({
          where,
          include: { customer: { select: { name: true, ownerId: true } } },
          orderBy: [{ dueOn: "asc" }, { customer: { name: "asc" } }, { id: "asc" }],
          take: limit,
          skip: offset,
        }),
        db.task.count({ where }),
      ]);
      return { items: await withNames(rows), total };
    },

    async openFor(customerId, limit) {
      const rows = await db.task.findMany({
        where: { tenantId, customerId, doneAt: null },
        include: { customer: { select: { name: true, ownerId: true } } },
        orderBy: [{ dueOn: "asc" }, { id: "asc" }],
        take: limit,
      });
      return withNames(rows);
    },

    async create(input) {
      const customer = await db.customer.findFirst({ where: { id: input.customerId, tenantId }, select: { id: true } });
      if (!customer) throw new NotFound(`No customer #${input.customerId} in this workspace.`);
      const row = await db.task.create({
        data: {
          tenantId,
          customerId: input.customerId,
          assigneeId: input.assigneeId,
          createdById: input.createdById,
          dueOn: toDbDate(input.dueOn),
          text: input.text,
          interactionId: input.interactionId ?? null,
        },
      });
      await syncNextFollowUp(db, tenantId, input.customerId);
      return toTask(row);
    },

    async setDone(id, done) {
      const before = await require(id);
      await db.task.updateMany({ where: { id, tenantId }, data: { doneAt: done?.at ?? null, doneById: done?.byId ?? null } });
      await syncNextFollowUp(db, tenantId, before.customerId);
      return { before, after: await require(id) };
    },

    async reschedule(id, dueOn) {
      const before = await require(id);
      await db.task.updateMany({ where: { id, tenantId }, data: { dueOn: toDbDate(dueOn) } });
      await syncNextFollowUp(db, tenantId, before.customerId);
      return { before, after: await require(id) };
    },

    async remove(id) {
      const task = await require(id);
      await db.task.deleteMany({ where: { id, tenantId } });
      await syncNextFollowUp(db, tenantId, task.customerId);
    },

    async createdByInteraction(interactionId) {
      const row = await db.task.findFirst({ where: { tenantId, interactionId } });
      return row ? toTask(row) : null;
    },

    async remindersOn(memberId) {
      const row = await db.member.findFirst({ where: { id: memberId, tenantId }, select: { reminders: true } });
      if (!row) throw new NotFound(`No member #${memberId} in this workspace.`);
      return row.reminders;
    },

    async setReminders(memberId, on) {
      const row = await db.member.findFirst({ where: { id: memberId, tenantId }, select: { reminders: true } });
      if (!row) throw new NotFound(`No member #${memberId} in this workspace.`);
      const before = row.reminders;
      await db.member.updateMany({ where: { id: memberId, tenantId }, data: { reminders: on } });
      return { before, after: on };
    },
  };
}
