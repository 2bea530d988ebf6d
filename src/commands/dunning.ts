import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { PermissionDenied } from "../core/errors.js";
import { can } from "../core/permissions.js";
import { daysBetween } from "../core/dates.js";
import { openAmount, type LedgerInvoice } from "../core/ledger.js";
import { customerReference } from "./shared/arguments.js";
import { money, quoted } from "./shared/format.js";
import { UNDO_WINDOW_MS } from "./log.js";

const EXAMPLE = "dunning acme";

/**
 * Who may chase a customer's payment: finance, managers and admins any customer's; a rep their own
 * (and unowned) customers, as they keep the relationship. Sales assistants do not chase payments.
 */
function assertCanDun(ctx: CommandContext, customer: Customer): void {
  if (can(ctx.member, "receipts")) return;
  if (ctx.member.role === "rep" && (customer.ownerId === null || customer.ownerId === ctx.member.id)) return;
  throw new PermissionDenied(ctx.t("dunning.notAllowed", { customer: customer.name }));
}

/** A calendar date in the reader's long form: November 23, 2026 / 2026年11月23日 / 2026년 11월 23일. */
function longDate(ctx: CommandContext, date: string): string {
  return new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
}

export const dunningCommand = defineCommand({
  name: "dunning",
  summary: "Draft a polite payment reminder for a customer's overdue invoices, and record that it was sent",
  usage: "dunning <customer> [sent]",
  formTitle: "Payment reminder",
  examples: [EXAMPLE, "dunning acme sent"],
  topic: "sales",
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, schema: customerReference },
    sent: { kind: "flag", description: "The reminder went out: record it in the contact history" },
  },
  parseText(words) {
    const sent = words.length > 1 && words[words.length - 1]!.toLowerCase() === "sent";
    return { customer: (sent ? words.slice(0, -1) : words).join(" ") || undefined, sent };
  },
  writes: (args) => args.sent === true,
  async handler(args, ctx) {
    const { t } = ctx;
    const customer = await resolveCustomer(ctx, args.customer, (ref) => `dunning ${ref}${args.sent ? " sent" : ""}`);
    assertCanDun(ctx, customer);
    const invoices = await ctx.store.ledger.overdueInvoices(customer.id, ctx.today);
    if (!invoices.length) {
      return reply.text(t("dunning.nothingTitle", { customer: customer.name }), t("dunning.nothingText", { customer: customer.name }));
    }
    const shown = (minor: number) => money(ctx, minor, customer.currency);
    const total = shown(invoices.reduce((sum, invoice) => sum + openAmount(invoice), 0));
    const numbers = invoices.map((invoice) => invoice.number).join(", ");
    if (args.sent) return recordSent(ctx, customer, { numbers, total });
    const title = t("dunning.title", { customer: customer.name, total });
    return reply.of(title, [
      { type: "text", text: t("dunning.intro"), tone: "muted" },
      { type: "text", text: await letter(ctx, customer, invoices, { numbers, total, shown }) },
      {
        type: "buttons",
        buttons: [
          { label: t("dunning.markSent"), style: "primary", action: { kind: "run", command: `dunning ${quoted(`#${customer.id}`)} sent` } },
          { label: t("ledger.showCustomer"), action: { kind: "run", command: `show ${quoted(`#${customer.id}`)}` } },
        ],
      },
    ]);
  },
});

/** The reminder in the reader's language, addressed to the primary contact when there is one. */
async function letter(
  ctx: CommandContext,
  customer: Customer,
  invoices: LedgerInvoice[],
  figures: { numbers: string; total: string; shown: (minor: number) => string },
): Promise<string> {
  const { t } = ctx;
  const profile = await ctx.store.customers.profile(customer.id, ctx.today);
  const contact = profile?.contacts.find((item) => item.isPrimary) ?? profile?.contacts[0];
  const lines = invoices
    .map((invoice) =>
      t("dunning.line", {
        number: invoice.number,
        due: longDate(ctx, invoice.dueOn),
        days: daysBetween(invoice.dueOn, ctx.today),
        open: figures.shown(openAmount(invoice)),
      }),
    )
    .join("\n");
  return t("dunning.letter", {
    numbers: figures.numbers,
    kind: contact ? "person" : "company",
    recipient: contact?.name ?? customer.name,
    today: longDate(ctx, ctx.today),
    count: invoices.length,
    lines,
    total: figures.total,
    sender: ctx.member.displayName,
    company: ctx.tenant.name,
  });
}

/** "Mark as sent": a contact in the history (undoable like any logged contact). */
async function recordSent(ctx: CommandContext, customer: Customer, figures: { numbers: string; total: string }) {
  const { t } = ctx;
  const interaction = await ctx.store.interactions.create({
    customer,
    channel: "email",
    outcome: null,
    summary: t("dunning.logSummary", figures),
    occurredAt: ctx.now,
    loggedById: ctx.member.id,
    messageLink: ctx.messageLink ?? null,
    nextFollowUp: null,
  });
  await ctx.store.customers.touchLastContact(customer.id, ctx.now);
  await ctx.store.audit.record(ctx.member.id, { action: "interaction.create", entity: "interaction", entityId: interaction.id, after: interaction });
  const token = randomUUID();
  await ctx.store.undo.create({
    token,
    memberId: ctx.member.id,
    kind: "interaction.create",
    payload: { interactionId: interaction.id, customerId: customer.id, previousFollowUp: customer.nextFollowUp, previousLastContactAt: customer.lastContactAt },
    expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS),
  });
  const title = t("dunning.sentTitle", { customer: customer.name });
  return reply.of(title, [
    {
      type: "card",
      title,
      fields: [],
      text: t("dunning.sentText", { customer: customer.name, ...figures }),
      buttons: [
        { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
        { label: t("ledger.showCustomer"), action: { kind: "run", command: `show ${quoted(`#${customer.id}`)}` } },
      ],
    },
  ]);
}
