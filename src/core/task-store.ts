/**
 * Tasks: many open to-dos per customer, each with a due date and an assignee. The Store section
 * below keeps `customers.next_follow_up` equal to the earliest open task's due date in every write,
 * so the card, churn risk and the digest indexes read one column as before.
 */
import type { CalendarDate } from "./dates.js";

export type Task = {
  id: number;
  customerId: number;
  assigneeId: number | null;
  createdById: number | null;
  dueOn: CalendarDate;
  /** Empty for a plain follow-up (dates carried over from the single follow-up field): shown as "Follow up". */
  text: string;
  /** The contact log whose `next` created it (undoing the log removes it). */
  interactionId: number | null;
  doneAt: Date | null;
  doneById: number | null;
};

/** An open task as lists show it. */
export type TaskRow = Task & { customerName: string; customerOwnerId: number | null; assigneeName: string | null };

export type TaskWindow = { from?: CalendarDate; to: CalendarDate };

export type TaskQueries = {
  get(id: number): Promise<Task | null>;
  /** Open tasks due in the window, earliest first; `assigneeId` null: every member's. */
  listOpen(options: TaskWindow & { assigneeId?: number; limit: number; offset: number }): Promise<{ items: TaskRow[]; total: number }>;
  /** A customer's open tasks, earliest first. */
  openFor(customerId: number, limit: number): Promise<TaskRow[]>;
  create(input: { customerId: number; assigneeId: number | null; createdById: number; dueOn: CalendarDate; text: string; interactionId?: number | null }): Promise<Task>;
  /** Marks done (or reopens with `done: null`). */
  setDone(id: number, done: { at: Date; byId: number } | null): Promise<{ before: Task; after: Task }>;
  reschedule(id: number, dueOn: CalendarDate): Promise<{ before: Task; after: Task }>;
  remove(id: number): Promise<void>;
  /** The open task a contact log created, if any. */
  createdByInteraction(interactionId: number): Promise<Task | null>;
  /** Whether the member gets the morning reminder (`settings reminders on|off`). */
  remindersOn(memberId: number): Promise<boolean>;
  setReminders(memberId: number, on: boolean): Promise<{ before: boolean; after: boolean }>;
};
