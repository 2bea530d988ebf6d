import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { readDateArgument, readsAsDate } from "../core/date-input.js";
import { customerReference, dateText } from "./shared/arguments.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import { dueLabel, quoted } from "./shared/format.js";
import { UNDO_WINDOW_MS } from "./log.js";

const EXAMPLE = "followup acme next tuesday";

/** A follow-up is a task with no text ("Follow up") for the customer's owner, or for whoever sets it on an unowned customer. */
export const followupCommand = defineCommand({
  name: "followup",
  summary: "Set a customer's next follow-up date",
  usage: "followup <customer> <date>",
  formTitle: "Set follow-up",
  examples: [EXAMPLE, "followup 宏达 2026-12-01", "followup #42 in 3 days"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, schema: customerReference },
    date: { kind: "date", description: "tomorrow, next fri, in 3 days, 2026-12-01", required: true, schema: dateText },
  },
  parseText(words) {
    // The date is the longest tail that reads as a date on its own; the rest is the customer.
    for (let split = 1; split < words.length; split++) {
      const tail = words.slice(split).join(" ");
      if (readsAsDate(tail)) {
        return { customer: words.slice(0, split).join(" "), date: tail };
      }
    }
    return { customer: words.slice(0, -1).join(" ") || words[0], date: words.length > 1 ? words[words.length - 1] : undefined };
  },
  writes: true,
  async handler(args, ctx) {
    const date = readDateArgument(args.date, ctx, { field: "date", purpose: "follow-up", example: EXAMPLE, rerun: (iso) => `followup ${quoted(args.customer)} ${iso}` });
    const customer = await resolveCustomer(ctx, args.customer, (ref) => `followup ${ref} ${args.date}`);
    assertCanModifyCustomer(ctx.member, customer, ctx.t);
    const task = await ctx.store.tasks.create({ customerId: customer.id, assigneeId: customer.ownerId ?? ctx.member.id, createdById: ctx.member.id, dueOn: date, text: "" });
    await ctx.store.audit.record(ctx.member.id, { action: "task.create", entity: "task", entityId: task.id, after: task });
    const token = randomUUID();
    await ctx.store.undo.create({ token, memberId: ctx.member.id, kind: "task.add", payload: { taskId: task.id }, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
    const values = { customer: customer.name, due: dueLabel(ctx, date) };
    return reply.of(ctx.t("followup.title", values), [
      { type: "text", text: ctx.t("followup.text", values) },
      { type: "buttons", buttons: [{ label: ctx.t("button.undo"), style: "danger", action: { kind: "undo", token } }] },
    ]);
  },
});
