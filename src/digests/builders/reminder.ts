/**
 * The morning reminder a member gets by direct message: their tasks overdue and due today, in
 * their language, oldest first, with how to turn the reminder off.
 */
import type { ReminderTask } from "../../core/reminders.js";
import { reply, type Block, type Reply } from "../../core/reply.js";
import { localizeTypedLine } from "../../core/i18n/typed-line.js";
import { plain } from "../mention.js";
import { customerLabel, day, moreLine, relative, say, translator } from "./format.js";
import type { DigestContext } from "./types.js";

export function buildReminder(input: { name: string; tasks: ReminderTask[]; total: number }, ctx: DigestContext): Reply {
  const title = say(ctx, "reminder.title", { name: plain(input.name), count: input.total });
  const item = (task: ReminderTask) => ({
    title: `${plain(task.text) || say(ctx, "task.followUp")} · ${customerLabel(task)}`,
    detail: `#${task.id} · ${day(ctx, task.dueOn)} (${relative(ctx, ctx.today, task.dueOn)})`,
  });
  const overdue = input.tasks.filter((task) => task.dueOn < ctx.today);
  const today = input.tasks.filter((task) => task.dueOn >= ctx.today);
  const blocks: Block[] = [];
  if (overdue.length) blocks.push({ type: "list", title: say(ctx, "reminder.overdue"), items: overdue.map(item) });
  if (today.length) blocks.push({ type: "list", title: say(ctx, "reminder.today"), items: today.map(item) });
  if (input.total > input.tasks.length) blocks.push(...moreLine(input.total - input.tasks.length, "tasks today", ctx));
  const locale = translator(ctx).locale;
  blocks.push({ type: "text", tone: "muted", text: say(ctx, "reminder.footer", { command: localizeTypedLine("settings reminders off", locale) }) });
  return reply.of(title, blocks, { visibility: "channel" });
}
