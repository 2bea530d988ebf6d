/** Undo of task writes (the 10-minute tokens of `task add`, `task done`, `task snooze`). */
import type { Member } from "./domain.js";
import { UserError } from "./errors.js";
import { reply, type Reply } from "./reply.js";
import type { Store } from "./store.js";
import type { Translate } from "./i18n/translator.js";
import type { CalendarDate } from "./dates.js";

export const TASK_UNDO_KINDS = ["task.add", "task.done", "task.snooze"] as const;
export type TaskUndoKind = (typeof TASK_UNDO_KINDS)[number];

/** `previousDue`: the due date before a snooze. */
export type TaskUndo = { taskId: number; previousDue?: CalendarDate };

export function isTaskUndo(kind: string): kind is TaskUndoKind {
  return (TASK_UNDO_KINDS as readonly string[]).includes(kind);
}

export async function runTaskUndo(store: Store, member: Member, kind: TaskUndoKind, payload: unknown, t: Translate): Promise<Reply> {
  const { taskId, previousDue } = payload as TaskUndo;
  const task = await store.tasks.get(taskId);
  if (!task) throw new UserError("undo_unavailable", t("undo.entryGone"));
  const customer = await store.customers.get(task.customerId);
  const values = { id: task.id, text: task.text || t("task.followUp"), customer: customer?.name ?? `#${task.customerId}` };
  const audit = (action: string, before: unknown, after: unknown) => store.audit.record(member.id, { action, entity: "task", entityId: task.id, before, after });
  switch (kind) {
    case "task.add":
      await store.tasks.remove(task.id);
      await audit("task.remove", task, null);
      return reply.text(t("undo.title"), t("task.undo.removed", values));
    case "task.done": {
      const { before, after } = await store.tasks.setDone(task.id, null);
      await audit("task.reopen", { doneAt: before.doneAt }, { doneAt: after.doneAt });
      return reply.text(t("undo.title"), t("task.undo.reopened", values));
    }
    case "task.snooze": {
      if (!previousDue) throw new UserError("undo_unavailable", t("undo.entryGone"));
      const { before, after } = await store.tasks.reschedule(task.id, previousDue);
      await audit("task.snooze", { dueOn: before.dueOn }, { dueOn: after.dueOn });
      return reply.text(t("undo.title"), t("task.undo.rescheduled", { ...values, due: previousDue }));
    }
  }
}
