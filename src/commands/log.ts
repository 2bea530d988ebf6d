import { z } from "zod";
import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { INTERACTION_CHANNELS, INTERACTION_OUTCOMES } from "../core/domain.js";
import { readDateArgument } from "../core/date-input.js";
import { customerReference, text } from "./shared/arguments.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import { auditCustomerChange } from "./shared/audit-customer.js";
import { dueLabel, quoted } from "./shared/format.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { sliceCodePoints } from "../core/text/normalize.js";

export const UNDO_WINDOW_MS = 10 * 60 * 1000;
const EXAMPLE = "log acme call Discussed Q1 pricing next friday outcome high-value";

export const logCommand = defineCommand({
  name: "log",
  summary: "Log a call, email, meeting, visit, chat or note with a customer",
  usage: "log <customer> <call|email|meeting|visit|chat|note> <summary> [next <date>] [outcome <effective|high-value|unsuccessful>]",
  formTitle: "Log to CRM",
  examples: [EXAMPLE, 'log "上海宏达" visit 看样品 next in 3 days'],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, schema: customerReference },
    channel: { kind: "choice", description: "How you talked", required: true, choices: INTERACTION_CHANNELS },
    summary: { kind: "text", description: "What was said or agreed", required: true, multiline: true, schema: text("The summary", 3000) },
    next: { kind: "date", description: "Next follow-up date (tomorrow, next fri, 2026-12-01)", label: "Next follow-up", schema: text("The next follow-up date", 60) },
    outcome: { kind: "choice", description: "How it went", choices: INTERACTION_OUTCOMES },
    link: { kind: "text", description: "Link to the chat message", label: "Message link", schema: z.url({ protocol: /^https?$/, error: englishOf("log.opt.link") }).max(500) },
  },
  parseText(words) {
    // The channel word splits the customer (before) from the summary (after); trailing
    // "next <date>" and "outcome <value>" are options.
    const channelAt = words.findIndex((word, index) => index > 0 && (INTERACTION_CHANNELS as readonly string[]).includes(word.toLowerCase()));
    if (channelAt < 0) return { customer: words[0], channel: undefined, summary: words.slice(1).join(" ") || undefined };
    const rest = words.slice(channelAt + 1);
    let outcome: string | undefined;
    const outcomeAt = rest.findIndex((word) => word.toLowerCase() === "outcome");
    if (outcomeAt >= 0 && outcomeAt === rest.length - 2) {
      outcome = rest[outcomeAt + 1]!.toLowerCase();
      rest.splice(outcomeAt, 2);
    }
    let next: string | undefined;
    const nextAt = rest.lastIndexOf("next");
    if (nextAt >= 0 && nextAt < rest.length - 1) {
      next = rest.slice(nextAt + 1).join(" ");
      rest.splice(nextAt);
    }
    return {
      customer: words.slice(0, channelAt).join(" "),
      channel: words[channelAt]!.toLowerCase(),
      summary: rest.join(" ") || undefined,
      next,
      outcome,
    };
  },
  writes: true,
  async handler(args, ctx) {
    const nextFollowUp = args.next
      ? readDateArgument(args.next, ctx, {
          field: "next",
          purpose: "follow-up",
          example: EXAMPLE,
          rerun: (date) => `log ${quoted(args.customer)} ${args.channel} ${args.summary} next ${date}${args.outcome ? ` outcome ${args.outcome}` : ""}`,
        })
      : null;
    // A picked customer re-runs the whole line: its next date and outcome too.
    const customer = await resolveCustomer(ctx, args.customer, (ref) =>
      `log ${ref} ${args.channel} ${args.summary}${args.next ? ` next ${args.next}` : ""}${args.outcome ? ` outcome ${args.outcome}` : ""}`,
    );
    // Anyone may log a contact with any customer of the workspace, but moving the follow-up date
    // is a change to the customer, with the same rule as `followup`.
    if (nextFollowUp) assertCanModifyCustomer(ctx.member, customer, ctx.t);
    const interaction = await ctx.store.interactions.create({
      customer,
      channel: args.channel,
      outcome: args.outcome ?? null,
      summary: args.summary,
      occurredAt: ctx.now,
      loggedById: ctx.member.id,
      messageLink: args.link ?? ctx.messageLink ?? null,
      nextFollowUp,
    });
    // `next` adds a task (the customer's owner's, else the logger's) rather than replacing a date;
    // the customer's next follow-up becomes the earliest open task's in the same transaction.
    const before = customer;
    if (nextFollowUp) {
      const task = await ctx.store.tasks.create({
        customerId: customer.id,
        assigneeId: customer.ownerId ?? ctx.member.id,
        createdById: ctx.member.id,
        dueOn: nextFollowUp,
        text: sliceCodePoints(args.summary, 200),
        interactionId: interaction.id,
      });
      await ctx.store.audit.record(ctx.member.id, { action: "task.create", entity: "task", entityId: task.id, after: task });
    }
    const after = nextFollowUp ? ((await ctx.store.customers.get(customer.id)) ?? customer) : customer;
    // lastContactAt is maintained here rather than in the patch type: it is not user-editable.
    await ctx.store.customers.touchLastContact(customer.id, ctx.now);
    await ctx.store.audit.record(ctx.member.id, { action: "interaction.create", entity: "interaction", entityId: interaction.id, after: interaction });
    if (nextFollowUp) {
      await auditCustomerChange(ctx, { before, after, fields: ["nextFollowUp"] });
    }
    const token = randomUUID();
    await ctx.store.undo.create({
      token,
      memberId: ctx.member.id,
      kind: "interaction.create",
      payload: { interactionId: interaction.id, customerId: customer.id, previousFollowUp: before.nextFollowUp, previousLastContactAt: before.lastContactAt },
      expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS),
    });
    const title = ctx.t("log.title", { channel: ctx.t("log.channel", { channel: args.channel }), customer: customer.name });
    return reply.of(title, [
      {
        type: "card",
        title,
        url: interaction.messageLink ?? undefined,
        fields: [
          { label: ctx.t("log.summary"), value: args.summary },
          ...(args.outcome ? [{ label: ctx.t("log.outcome"), value: ctx.t(`choice.${args.outcome}`), inline: true }] : []),
          // The follow-up just promised; without one, the customer's next (earliest open task).
          { label: ctx.t("log.nextFollowUp"), value: dueLabel(ctx, nextFollowUp ?? after.nextFollowUp), inline: true },
        ],
        buttons: [
          { label: ctx.t("button.undo"), style: "danger", action: { kind: "undo", token } },
          { label: ctx.t("log.showCustomer"), action: { kind: "run", command: `show ${quoted(`#${customer.id}`)}` } },
        ],
      },
    ]);
  },
});
