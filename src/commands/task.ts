import { z } from "zod";
import { randomUUID } from "node:crypto";
import { defineCommand, type OptionSpecs } from "../core/command.js";
import type { ValueSchemas } from "../core/command-options.js";
import type { CommandContext } from "../core/context.js";
import { readDateArgument, readsAsDate } from "../core/date-input.js";
import { NotFound, UserError } from "../core/errors.js";
import { reply, type Reply } from "../core/reply.js";
import { resolveCustomer, resolveMember } from "../core/resolve.js";
import type { Task } from "../core/task-store.js";
import { assertCanAssignTask, assertCanChangeTask } from "../core/task-permissions.js";
import { mayReadCustomer } from "../core/customer-visibility.js";
import type { TaskUndo, TaskUndoKind } from "../core/task-undo.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { customerReference, dateText, memberReference, pageOption, text } from "./shared/arguments.js";
import { dueLabel, quoted } from "./shared/format.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { ADD_EXAMPLE, TASK_WINDOWS, taskText, taskWorkbench, whoOption, windowOption } from "./task-workbench.js";

const ACTIONS = ["add", "done", "snooze", "list"] as const;
const DONE_EXAMPLE = "task done 12";
const SNOOZE_EXAMPLE = "task snooze 12 next friday";
const TASK_ID_HELP = englishOf("task.opt.id", { example: DONE_EXAMPLE });

const options = {
  action: { kind: "choice", description: "add, done, snooze, or list", choices: ACTIONS },
  customer: { kind: "customer", description: "Customer name fragment or #id (add)", schema: z.string({ error: englishOf("task.opt.customerMissing", { example: ADD_EXAMPLE }) }).pipe(customerReference) },
  date: { kind: "date", description: "Due date (add) or new date (snooze): tomorrow, next fri, 2026-12-01", schema: z.string({ error: englishOf("task.opt.dateMissing", { example: ADD_EXAMPLE }) }).pipe(dateText) },
  text: { kind: "text", description: "What to do (add)", schema: z.string({ error: englishOf("task.opt.textMissing", { example: ADD_EXAMPLE }) }).pipe(text("The task", 500)) },
  member: { kind: "member", description: "Who does it (add; default you)", schema: memberReference },
  id: { kind: "integer", description: "Task number (done, snooze)", schema: z.coerce.number({ error: TASK_ID_HELP }).int(TASK_ID_HELP).min(1, TASK_ID_HELP) },
  when: { ...windowOption, typedOnly: true },
  who: { ...whoOption, typedOnly: true },
  page: pageOption,
} as const satisfies OptionSpecs;

type Values = ValueSchemas<typeof options>;

const argsSchema = (o: Values) =>
  z.preprocess(
    // Without an action the command lists (`task` alone is the workbench).
    (value) => (value && typeof value === "object" && !(value as { action?: unknown }).action ? { ...value, action: "list" } : value),
    z.discriminatedUnion(
      "action",
      [
        z.object({ action: z.literal("add"), customer: o.customer, date: o.date, text: o.text, member: o.member.optional() }),
        z.object({ action: z.literal("done"), id: o.id }),
        z.object({ action: z.literal("snooze"), id: o.id, date: o.date }),
        z.object({ action: z.literal("list"), when: o.when.default("week"), who: o.who.default("mine"), page: o.page }),
      ],
      { error: englishOf("task.opt.actionOneOf", { actions: ACTIONS.join(", "), example: ADD_EXAMPLE }) },
    ),
  );

/** A member mention at the end of `task add`: `@alice`, or Slack's `<@U123|alice>`. */
function mentionOf(word: string | undefined): string | null {
  if (!word) return null;
  const slack = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(word);
  if (slack) return `@${slack[1]}`;
  return word.startsWith("@") && word.length > 1 ? word : null;
}

/** `<customer...> <date...> <text...> [@member]`: the date is the first phrase after the customer that reads as one, as long as possible. */
export function parseAdd(words: string[]): Record<string, unknown> {
  const rest = [...words];
  const member = mentionOf(rest[rest.length - 1]);
  if (member) rest.pop();
  for (let start = 1; start < rest.length - 1; start++) {
    for (let end = rest.length - 1; end > start; end--) {
      const phrase = rest.slice(start, end).join(" ");
      if (readsAsDate(phrase)) {
        return { action: "add", customer: rest.slice(0, start).join(" "), date: phrase, text: rest.slice(end).join(" "), ...(member ? { member } : {}) };
      }
    }
  }
  // No date found: the customer is the first word and the next the date, which the handler explains.
  return { action: "add", customer: rest[0], date: rest[1], text: rest.slice(2).join(" ") || undefined, ...(member ? { member } : {}) };
}

function parseTask(words: string[]): Record<string, unknown> {
  const first = words[0]?.toLowerCase();
  const action = (ACTIONS as readonly string[]).includes(first ?? "") ? first! : null;
  const rest = action ? words.slice(1) : words;
  switch (action) {
    case "add":
      return parseAdd(rest);
    case "done":
      return { action, id: rest[0]?.replace(/^#/, "") };
    case "snooze":
      return { action, id: rest[0]?.replace(/^#/, ""), date: rest.slice(1).join(" ") || undefined };
    default: {
      const args: Record<string, unknown> = { action: "list" };
      for (const word of rest) {
        const lower = word.toLowerCase();
        if ((TASK_WINDOWS as readonly string[]).includes(lower)) args.when = lower;
        else if (lower.startsWith("page=")) args.page = word.slice(5);
        else if (args.who === undefined) args.who = word;
        else throw new UserError("bad_argument", englishOf("input.notUnderstood", { word }), { example: "tasks week all" });
      }
      return args;
    }
  }
}

async function issueUndo(ctx: CommandContext, kind: TaskUndoKind, payload: TaskUndo): Promise<string> {
  const token = randomUUID();
  await ctx.store.undo.create({ token, memberId: ctx.member.id, kind, payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
  return token;
}

async function loadTask(ctx: CommandContext, id: number): Promise<{ task: Task; customerName: string; ownerId: number | null; assigneeName: string }> {
  const task = await ctx.store.tasks.get(id);
  if (!task) throw new NotFound(ctx.t("task.notFound", { id, command: localizeTypedLine("tasks week", ctx.locale) }), "tasks week");
  const customer = await ctx.store.customers.get(task.customerId);
  // A task on a customer the reader may not see is as good as missing, unless it was given to them.
  const hidden = customer && !mayReadCustomer(ctx, customer) && task.assigneeId !== ctx.member.id;
  if (!customer || hidden) throw new NotFound(ctx.t("task.notFound", { id, command: localizeTypedLine("tasks week", ctx.locale) }), "tasks week");
  const assignee = task.assigneeId === null ? null : await ctx.store.members.get(task.assigneeId);
  return { task, customerName: customer.name, ownerId: customer.ownerId, assigneeName: assignee?.displayName ?? ctx.t("task.unassigned") };
}

function taskCard(ctx: CommandContext, title: string, task: Task, customerName: string, assigneeName: string, token: string): Reply {
  return reply.of(title, [
    {
      type: "card",
      title,
      fields: [
        { label: ctx.t("task.field.task"), value: taskText(ctx, task) },
        { label: ctx.t("task.field.customer"), value: `${customerName}  #${task.customerId}`, inline: true },
        { label: ctx.t("task.field.due"), value: dueLabel(ctx, task.dueOn), inline: true },
        { label: ctx.t("task.field.assignee"), value: assigneeName, inline: true },
      ],
      buttons: [
        { label: ctx.t("button.undo"), style: "danger", action: { kind: "undo", token } },
        { label: ctx.t("log.showCustomer"), action: { kind: "run", command: `show #${task.customerId}` } },
      ],
    },
  ]);
}

export const taskCommand = defineCommand({
  name: "task",
  summary: "Add a task to a customer, mark it done or snooze it",
  usage: "task add <customer> <date> <what to do> [@member] | done <id> | snooze <id> <date>",
  formTitle: "Add task",
  examples: [ADD_EXAMPLE, "task add 上海宏达 下周五 寄样品 @chen", DONE_EXAMPLE, SNOOZE_EXAMPLE],
  options,
  schema: argsSchema,
  parseText: parseTask,
  writes: (args) => args.action !== "list",
  async handler(args, ctx) {
    switch (args.action) {
      case "list":
        return taskWorkbench(ctx, { when: args.when, who: args.who, page: args.page, rerun: (page) => `task list ${args.when} ${args.who} page=${page}` });
      case "add": {
        const tail = `${args.text}${args.member ? ` ${args.member}` : ""}`;
        const dueOn = readDateArgument(args.date, ctx, { field: "date", purpose: "follow-up", example: ADD_EXAMPLE, rerun: (date) => `task add ${quoted(args.customer)} ${date} ${tail}` });
        const customer = await resolveCustomer(ctx, args.customer, (ref) => `task add ${ref} ${dueOn} ${tail}`);
        const assignee = args.member ? await resolveMember(ctx, args.member) : ctx.member;
        assertCanAssignTask(ctx.member, assignee, ctx.t);
        const task = await ctx.store.tasks.create({ customerId: customer.id, assigneeId: assignee.id, createdById: ctx.member.id, dueOn, text: args.text });
        await ctx.store.audit.record(ctx.member.id, { action: "task.create", entity: "task", entityId: task.id, after: task });
        const token = await issueUndo(ctx, "task.add", { taskId: task.id });
        return taskCard(ctx, ctx.t("task.added.title", { id: task.id, customer: customer.name, text: taskText(ctx, task) }), task, customer.name, assignee.displayName, token);
      }
      case "done": {
        const { task, customerName, ownerId, assigneeName } = await loadTask(ctx, args.id);
        if (task.doneAt) throw new UserError("already_done", ctx.t("task.alreadyDone", { id: task.id }), { example: "tasks week" });
        assertCanChangeTask(ctx.member, task, { ownerId }, assigneeName, ctx.t);
        const { after } = await ctx.store.tasks.setDone(task.id, { at: ctx.now, byId: ctx.member.id });
        await ctx.store.audit.record(ctx.member.id, { action: "task.done", entity: "task", entityId: task.id, before: { doneAt: null }, after: { doneAt: after.doneAt } });
        const token = await issueUndo(ctx, "task.done", { taskId: task.id });
        return taskCard(ctx, ctx.t("task.done.title", { text: taskText(ctx, task), customer: customerName }), after, customerName, assigneeName, token);
      }
      case "snooze": {
        const { task, customerName, ownerId, assigneeName } = await loadTask(ctx, args.id);
        if (task.doneAt) throw new UserError("already_done", ctx.t("task.alreadyDone", { id: task.id }), { example: "tasks week" });
        assertCanChangeTask(ctx.member, task, { ownerId }, assigneeName, ctx.t);
        const dueOn = readDateArgument(args.date, ctx, { field: "date", purpose: "follow-up", example: SNOOZE_EXAMPLE, rerun: (date) => `task snooze ${task.id} ${date}` });
        const { before, after } = await ctx.store.tasks.reschedule(task.id, dueOn);
        await ctx.store.audit.record(ctx.member.id, { action: "task.snooze", entity: "task", entityId: task.id, before: { dueOn: before.dueOn }, after: { dueOn: after.dueOn } });
        const token = await issueUndo(ctx, "task.snooze", { taskId: task.id, previousDue: before.dueOn });
        return taskCard(ctx, ctx.t("task.snoozed.title", { id: task.id, due: dueLabel(ctx, dueOn), text: taskText(ctx, task), customer: customerName }), after, customerName, assigneeName, token);
      }
    }
  },
});
