/** The morning reminder's queries (the ReminderStore port, src/core/reminders.ts). Not tenant-bound: the scheduler serves every workspace. */
import type { ReminderStore } from "../core/reminders.js";
import type { DbClient } from "./client-types.js";
import { fromDbDate, toDbDate } from "./mappers.js";

export function createReminderStore(db: DbClient): ReminderStore {
  return {
    async recipients(notRemindedSince) {
      const rows = await db.member.findMany({
        where: { active: true, reminders: true, OR: [{ remindedOn: null }, { remindedOn: { lt: toDbDate(notRemindedSince) } }] },
        include: { tenant: { select: { externalId: true, platform: true, defaultLocale: true } } },
        orderBy: { id: "asc" },
      });
      return rows.map((row) => ({
        memberId: row.id,
        tenantId: row.tenantId,
        tenantExternalId: row.tenant.externalId,
        platform: row.tenant.platform,
        externalId: row.externalId,
        displayName: row.displayName,
        timeZone: row.timeZone,
        locale: row.locale,
        workspaceLocale: row.tenant.defaultLocale,
        remindedOn: fromDbDate(row.remindedOn),
      }));
    },

    async claim(memberId, localDate) {
      const day = toDbDate(localDate);
      // One conditional UPDATE: of two processes ticking together, exactly one sees a row change.
      const { count } = await db.member.updateMany({
        where: { id: memberId, reminders: true, OR: [{ remindedOn: null }, { remindedOn: { lt: day } }] },
        data: { remindedOn: day },
      });
      return count === 1;
    },

    async release(memberId, localDate, previous) {
      await db.member.updateMany({ where: { id: memberId, remindedOn: toDbDate(localDate) }, data: { remindedOn: previous ? toDbDate(previous) : null } });
    },

    async dueTasks(tenantId, memberId, today, limit) {
      const where = { tenantId, assigneeId: memberId, doneAt: null, dueOn: { lte: toDbDate(today) }, customer: { archivedAt: null } };
      const [rows, total] = await Promise.all([
        db.task.findMany({ where, include: { customer: { select: { name: true } } }, orderBy: [{ dueOn: "asc" }, { id: "asc" }], take: limit }),
        db.task.count({ where }),
      ]);
      return {
        total,
        items: rows.map((row) => ({ id: row.id, customerId: row.customerId, customerName: row.customer.name, text: row.text, dueOn: fromDbDate(row.dueOn) })),
      };
    },
  };
}
