/**
 * Task demo data: every demo follow-up date becomes a plain follow-up task (as the migration did
 * for existing workspaces), plus a few tasks with text for several members (overdue, due today,
 * one given by a manager to a rep, one done) so `tasks`, `followups`, the digest and the morning
 * reminder have something to show. None is due before its customer's follow-up date, so the
 * customers' next follow-up dates stay those of the demo customers.
 */
import type { Prisma } from "../../generated/prisma/client.js";
import { addDaysTo, type CalendarDate } from "../../core/dates.js";
import { toDbDate } from "../mappers.js";
import { RECONCILE_FOLLOW_UPS_SQL } from "../task-queries.js";

type DemoTask = { customer: string; assignee: string; by: string; dueIn: number; text: string; doneDaysAgo?: number };

const TASKS: DemoTask[] = [
  { customer: "acme", assignee: "alice", by: "alice", dueIn: 0, text: "Send the revised quote for WID-200" },
  { customer: "muller", assignee: "bob", by: "bob", dueIn: -1, text: "Call Jürgen about the delayed shipment" },
  { customer: "hongda", assignee: "chen", by: "chen", dueIn: 3, text: "确认下季度采购计划" },
  { customer: "htc", assignee: "chen", by: "alice", dueIn: 5, text: "準備報價單並寄給林經理" },
  { customer: "samsung", assignee: "minji", by: "minji", dueIn: 1, text: "견적서 재발송" },
  { customer: "hyundai", assignee: "minji", by: "minji", dueIn: -2, text: "휴면 거래처 재접촉" },
  { customer: "globex", assignee: "alice", by: "alice", dueIn: 4, text: "Review the contract draft with Bob" },
  { customer: "initech", assignee: "alice", by: "alice", dueIn: -5, text: "Ask about the budget freeze", doneDaysAgo: 2 },
];

export async function loadDemoTasks(
  tx: Prisma.TransactionClient,
  tenantId: number,
  customers: ReadonlyMap<string, number>,
  members: ReadonlyMap<string, number>,
  today: CalendarDate,
): Promise<void> {
  // The customers' follow-up dates first: each becomes an open task for its owner.
  for (const sql of RECONCILE_FOLLOW_UPS_SQL) await tx.$executeRawUnsafe(sql, tenantId, null);
  for (const task of TASKS) {
    const customerId = customers.get(task.customer)!;
    await tx.task.create({
      data: {
        tenantId,
        customerId,
        assigneeId: members.get(task.assignee)!,
        createdById: members.get(task.by)!,
        dueOn: toDbDate(addDaysTo(today, task.dueIn)),
        text: task.text,
        ...(task.doneDaysAgo === undefined ? {} : { doneAt: new Date(`${addDaysTo(today, -task.doneDaysAgo)}T15:00:00Z`), doneById: members.get(task.assignee)! }),
      },
    });
  }
  for (const sql of RECONCILE_FOLLOW_UPS_SQL) await tx.$executeRawUnsafe(sql, tenantId, null);
}
