/**
 * The task workbench that `tasks`, `task list` and `followups` show (and the Slack Home tab through
 * them): open tasks in a window of the reader's calendar, grouped overdue / due today / coming up,
 * each with Done and Snooze buttons.
 */
import { z } from "zod";
import type { CommandContext } from "../core/context.js";
import { addDaysTo, endOfWeek, type CalendarDate } from "../core/dates.js";
import { reply, type Block, type ListItem, type Reply } from "../core/reply.js";
import { resolveMember } from "../core/resolve.js";
import { assertMayListOwner } from "../core/customer-visibility.js";
import type { TaskRow } from "../core/task-store.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { PAGE_SIZE } from "./shared/arguments.js";
import { dueLabel, paging } from "./shared/format.js";

export const TASK_WINDOWS = ["today", "tomorrow", "week", "overdue"] as const;
export type TaskWindowName = (typeof TASK_WINDOWS)[number];

export const windowOption = {
  kind: "choice",
  description: englishOf("option.when.description"),
  choices: TASK_WINDOWS,
  typed: "anywhere",
  schema: z.enum(TASK_WINDOWS, { error: englishOf("followups.opt.windowOneOf", { choices: TASK_WINDOWS.join(", ") }) }),
} as const;

export const whoOption = { kind: "member", scopes: ["mine", "all"], description: englishOf("option.who.description"), schema: z.string().trim().max(100) } as const;

export const ADD_EXAMPLE = "task add acme tomorrow Send the quote";

/** The text a task shows: its own, or "Follow up" for a plain follow-up date. */
export function taskText(ctx: Pick<CommandContext, "t">, task: { text: string }): string {
  return task.text || ctx.t("task.followUp");
}

/** The day a Snooze button moves a task to: the day after its due date, or tomorrow when overdue. */
export function snoozeTarget(today: CalendarDate, due: CalendarDate): CalendarDate {
  return addDaysTo(due > today ? due : today, 1);
}

function windowRange(when: TaskWindowName, today: CalendarDate): { from?: CalendarDate; to: CalendarDate } {
  switch (when) {
    case "today":
      return { to: today };
    case "tomorrow":
      return { from: addDaysTo(today, 1), to: addDaysTo(today, 1) };
    case "week":
      return { to: endOfWeek(today) };
    case "overdue":
      return { to: addDaysTo(today, -1) };
  }
}

export function taskItem(ctx: CommandContext, task: TaskRow, showAssignee: boolean): ListItem {
  const due = dueLabel(ctx, task.dueOn);
  return {
    title: `${taskText(ctx, task)} · ${task.customerName}`,
    detail: showAssignee ? ctx.t("tasks.detailAssignee", { id: task.id, due, assignee: task.assigneeName ?? ctx.t("task.unassigned") }) : ctx.t("tasks.detail", { id: task.id, due }),
    buttons: [
      { label: ctx.t("button.done"), style: "primary", action: { kind: "run", command: `task done ${task.id}` } },
      { label: ctx.t("button.snooze"), action: { kind: "run", command: `task snooze ${task.id} ${snoozeTarget(ctx.today, task.dueOn)}` } },
    ],
  };
}

/** How the list is headed: as tasks, or (the `followups` command) as follow-ups. */
const HEADINGS = {
  tasks: { title: "tasks.title", listTitle: "tasks.listTitle", nothingDue: "tasks.nothingDue" },
  followups: { title: "followups.title", listTitle: "followups.listTitle", nothingDue: "followups.nothingDue" },
} as const;

export async function taskWorkbench(
  ctx: CommandContext,
  input: { when: TaskWindowName; who: string; page: number; rerun: (page: number) => string; headings?: keyof typeof HEADINGS },
): Promise<Reply> {
  const headings = HEADINGS[input.headings ?? "tasks"];
  const { when, who, page } = input;
  const assignee = who === "all" ? null : await resolveMember(ctx, who);
  assertMayListOwner(ctx, assignee?.id ?? null, input.headings ?? "tasks");
  const { items, total } = await ctx.store.tasks.listOpen({
    ...windowRange(when, ctx.today),
    assigneeId: assignee?.id,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const title = ctx.t(headings.title, {
    whose: assignee ? (assignee.id === ctx.member.id ? "mine" : "member") : "team",
    owner: assignee?.displayName ?? "",
    window: ctx.t(`choice.${when}`),
    withOverdue: when === "today" || when === "week" ? "yes" : "no",
  });
  if (total === 0) return reply.text(title, ctx.t(headings.nothingDue, { example: localizeTypedLine(ADD_EXAMPLE, ctx.locale) }));
  const groups: { key: "tasks.group.overdue" | "tasks.group.today" | "tasks.group.later"; items: TaskRow[] }[] = [
    { key: "tasks.group.overdue", items: items.filter((task) => task.dueOn < ctx.today) },
    { key: "tasks.group.today", items: items.filter((task) => task.dueOn === ctx.today) },
    { key: "tasks.group.later", items: items.filter((task) => task.dueOn > ctx.today) },
  ];
  const blocks: Block[] = [{ type: "text", text: ctx.t(headings.listTitle, { title, total }), tone: "muted" }];
  for (const group of groups) {
    if (!group.items.length) continue;
    blocks.push({ type: "list", title: ctx.t(group.key), items: group.items.map((task) => taskItem(ctx, task, assignee === null)) });
  }
  // Page lines in the reader's words: shown as hints, and run back through the same vocabulary.
  return reply.of(title, blocks, { paging: paging((n) => localizeTypedLine(input.rerun(n), ctx.locale), page, total, PAGE_SIZE) });
}
