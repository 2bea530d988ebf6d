/**
 * One direct message for a batch of personal alerts, in the member's language: the updates (a
 * customer paid, a deal moved...), capped with "and N more", then the morning task list when the
 * batch holds it. A batch of only the task list reads exactly as the morning reminder always did.
 */
import { ALERT_BATCH_ITEMS, type AlertPayload, type StoredAlert } from "../core/alerts.js";
import { localizeTypedLine } from "../core/i18n/typed-line.js";
import { reply, type Block, type ListItem, type Reply } from "../core/reply.js";
import { buildReminder } from "./builders/reminder.js";
import { day, money, say, translator } from "./builders/format.js";
import type { DigestContext } from "./builders/types.js";
import { plain } from "./mention.js";

const BUILT_IN_STAGES = new Set(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);

function stageName(ctx: DigestContext, stage: { key: string; name: string | null }): string {
  if (stage.name) return plain(stage.name);
  return BUILT_IN_STAGES.has(stage.key) ? translator(ctx)(`deal.stage.${stage.key as "lead"}`) : plain(stage.key);
}

function amountOf(ctx: DigestContext, payload: AlertPayload, minor: number | undefined): string {
  return money(ctx, minor ?? 0, payload.currency ?? ctx.currency);
}

/** One alert as a list line: what happened, then who did it or when it is due. */
export function alertItem(alert: StoredAlert, ctx: DigestContext): ListItem {
  const p = alert.payload;
  const customer = p.customer ? `${plain(p.customer.name)} #${p.customer.id}` : "";
  const by = p.actor ? say(ctx, "alerts.by", { actor: plain(p.actor) }) : undefined;
  const number = plain(p.number ?? "");
  switch (alert.kind) {
    case "paid":
      return { title: say(ctx, "alerts.item.paid", { customer, amount: amountOf(ctx, p, p.amount) }), detail: [p.number ? say(ctx, "alerts.invoice", { number }) : null, by].filter(Boolean).join(" · ") || undefined };
    case "overdue":
      return { title: say(ctx, "alerts.item.overdue", { customer, number, amount: amountOf(ctx, p, p.amount) }), detail: p.date ? say(ctx, "alerts.due", { date: day(ctx, p.date) }) : undefined };
    case "creditLimit":
      return {
        title: say(ctx, "alerts.item.creditLimit", { customer, exposure: amountOf(ctx, p, p.exposure), limit: amountOf(ctx, p, p.limit) }),
        detail: [p.number ? say(ctx, "alerts.order", { number }) : null, by].filter(Boolean).join(" · ") || undefined,
      };
    case "assigned":
      return { title: p.customer ? say(ctx, "alerts.item.assigned", { customer }) : say(ctx, "alerts.item.handedOver", { count: p.count ?? 0 }), detail: by };
    case "dealStage":
      return {
        title: say(ctx, "alerts.item.dealStage", { id: p.deal?.id ?? 0, title: plain(p.deal?.title ?? ""), customer, stage: p.deal ? stageName(ctx, p.deal.stage) : "" }),
        detail: by,
      };
    case "quoteExpiring":
      return { title: say(ctx, "alerts.item.quoteExpiring", { customer, number, date: p.date ? day(ctx, p.date) : "" }), detail: amountOf(ctx, p, p.amount) };
    case "quoteAccepted":
      return { title: say(ctx, "alerts.item.quoteAccepted", { customer, number, amount: amountOf(ctx, p, p.amount) }), detail: by };
    case "tasks":
      return { title: say(ctx, "alerts.tasksTitle", { count: p.tasks?.total ?? 0 }) };
  }
}

/** The message for one batch. `name`: the member's display name. */
export function buildAlertMessage(input: { name: string; alerts: StoredAlert[] }, ctx: DigestContext): Reply {
  const tasks = input.alerts.find((alert) => alert.kind === "tasks" && alert.payload.tasks)?.payload.tasks;
  const updates = input.alerts.filter((alert) => alert.kind !== "tasks");
  const reminder = tasks ? buildReminder({ name: input.name, tasks: tasks.items, total: tasks.total }, { ...ctx, today: tasks.date }) : null;
  if (reminder && !updates.length) return reminder;

  const blocks: Block[] = [];
  const shown = updates.slice(0, ALERT_BATCH_ITEMS);
  blocks.push({ type: "list", title: say(ctx, "alerts.updates"), items: shown.map((alert) => alertItem(alert, ctx)) });
  if (updates.length > shown.length) blocks.push({ type: "text", tone: "muted", text: say(ctx, "alerts.more", { count: updates.length - shown.length }) });
  if (reminder && tasks) {
    blocks.push({ type: "text", text: say(ctx, "alerts.tasksTitle", { count: tasks.total }) });
    // The reminder's lists and "and N more", without its footer (this message has its own).
    blocks.push(...reminder.blocks.slice(0, -1));
  }
  const locale = translator(ctx).locale;
  blocks.push({ type: "text", tone: "muted", text: say(ctx, "alerts.footer", { command: localizeTypedLine("settings alerts", locale) }) });
  return reply.of(say(ctx, "alerts.title", { name: plain(input.name), count: updates.length + (tasks ? tasks.total : 0) }), blocks, { visibility: "channel" });
}
