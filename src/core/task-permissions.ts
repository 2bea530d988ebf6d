/**
 * Who may do what with tasks. Anyone may give themselves a task on any customer (a to-do of one's
 * own changes nobody else's work); giving one to someone else is a manager's call. A task is
 * finished or moved by its assignee, the customer's owner, or a manager or admin.
 */
import type { Customer, Member } from "./domain.js";
import { PermissionDenied } from "./errors.js";
import { hasRole } from "./permissions.js";
import type { Task } from "./task-store.js";
import type { Translate } from "./i18n/translator.js";

export function assertCanAssignTask(actor: Member, assignee: Member, t: Translate): void {
  if (assignee.id === actor.id || hasRole(actor, "manager")) return;
  throw new PermissionDenied(t("task.assignOthers"));
}

export function canChangeTask(actor: Member, task: Task, customer: Pick<Customer, "ownerId">): boolean {
  if (hasRole(actor, "manager")) return true;
  if (task.assigneeId === actor.id || customer.ownerId === actor.id) return true;
  // Nobody's task on nobody's customer (a follow-up carried over from an unowned customer).
  return task.assigneeId === null && customer.ownerId === null;
}

export function assertCanChangeTask(actor: Member, task: Task, customer: Pick<Customer, "ownerId">, assigneeName: string, t: Translate): void {
  if (!canChangeTask(actor, task, customer)) throw new PermissionDenied(t("task.notYours", { id: task.id, assignee: assigneeName }));
}
