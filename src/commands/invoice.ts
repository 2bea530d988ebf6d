/**
 * invoice <order> [amount] [due=<date>]
 *
 * Examples: `invoice SO-1043`, `invoice SO-1043 5000 due=2027-01-15`.
 * Invoices what is not invoiced yet on the order (or the amount, in the customer's currency),
 * numbered INV-n after the workspace's highest; due = invoice date + the customer's payment
 * terms (`terms=` on new/edit), else 30 days; `due=` overrides.
 */
import { defineCommand } from "../core/command.js";
import { addDaysTo } from "../core/dates.js";
import { readDateArgument } from "../core/date-input.js";
import { NotFound, UserError } from "../core/errors.js";
import { reply } from "../core/reply.js";
import { text } from "./shared/arguments.js";
import { money } from "./shared/format.js";
import { currencyOf, readTypedAmount, undoToken } from "./order-entry-shared.js";

const EXAMPLE = "invoice SO-1043 5000 due=2027-01-15";
/** Payment terms when the customer has none. */
export const DEFAULT_TERMS_DAYS = 30;

export const invoiceCommand = defineCommand({
  name: "invoice",
  summary: "Invoice an order's uninvoiced remainder or an amount",
  usage: "invoice <number> [amount] [due=DATE]",
  examples: [EXAMPLE, "invoice SO-1043"],
  formTitle: "Invoice",
  topic: "sales",
  capability: "orders",
  options: {
    number: { kind: "order", description: "Order number, e.g. SO-1042", required: true, schema: text("The order number", 60) },
    amount: { kind: "text", description: "Amount; empty: all not invoiced yet", typed: "rest", schema: text("amount", 60) },
    due: { kind: "date", description: "Due date; empty: by payment terms", typed: "key", schema: text("The date", 60) },
  },
  writes: true,
  async handler(args, ctx) {
    const { t } = ctx;
    const state = await ctx.store.orderEntry.state(args.number);
    if (!state) throw new NotFound(t("order.notFound", { number: args.number }), EXAMPLE);
    if (state.cancelled) throw new UserError("order_cancelled", t("orderEntry.isCancelled", { number: state.number }));
    const customer = (await ctx.store.customers.get(state.customerId))!;
    const currency = currencyOf(ctx, customer);
    const remainder = state.total - state.invoiced;
    if (remainder <= 0) throw new UserError("fully_invoiced", t("invoice.fullyInvoiced", { number: state.number }));
    let amount = remainder;
    if (args.amount) {
      const read = readTypedAmount(args.amount, currency, ctx.locale);
      if (!("minor" in read)) {
        const message =
          read.kind === "conflict"
            ? t("invoice.amountConflict", { phrase: read.phrase, written: read.written ?? "", expected: currency })
            : read.kind === "tooLarge"
              ? t("orderEntry.tooLarge")
              : t("invoice.amountUnreadable", { phrase: read.phrase, currency, examples: read.examples });
        throw new UserError("bad_amount", message, { example: EXAMPLE, field: "amount" });
      }
      if (read.minor <= 0) throw new UserError("bad_amount", t("invoice.amountUnreadable", { phrase: args.amount, currency, examples: "1200" }), { example: EXAMPLE, field: "amount" });
      if (read.minor > remainder) {
        throw new UserError("too_much", t("invoice.tooMuch", { amount: money(ctx, read.minor, currency), number: state.number, remainder: money(ctx, remainder, currency) }), {
          example: `invoice ${state.number}`,
          field: "amount",
        });
      }
      amount = read.minor;
    }
    const terms = (await ctx.store.orderEntry.paymentTermsDays(customer.id)) ?? DEFAULT_TERMS_DAYS;
    const issuedOn = ctx.today;
    const dueOn = args.due
      ? readDateArgument(args.due, ctx, { field: "due", purpose: "any", example: EXAMPLE, rerun: (date) => `invoice ${state.number}${args.amount ? ` ${args.amount}` : ""} due=${date}` })
      : addDaysTo(issuedOn, terms);
    if (dueOn < issuedOn) throw new UserError("bad_due", t("invoice.dueBeforeIssue", { due: dueOn, issued: issuedOn }), { example: EXAMPLE, field: "due" });
    const number = await ctx.store.orderEntry.nextNumber("invoice");
    const { invoiceId } = await ctx.store.orderEntry.invoice({ orderId: state.id, customerId: customer.id, number, issuedOn, dueOn, amount, createdById: ctx.member.id });
    await ctx.store.audit.record(ctx.member.id, { action: "invoice.create", entity: "invoice", entityId: invoiceId, after: { number, order: state.number, customerId: customer.id, amount, issuedOn, dueOn } });
    const token = await undoToken(ctx, "invoice.create", { invoiceId, number });
    const title = t("invoice.title", { invoice: number, number: state.number });
    return reply.of(title, [
      {
        type: "card",
        title,
        subtitle: customer.name,
        fields: [
          { label: t("invoice.amount"), value: money(ctx, amount, currency), inline: true },
          { label: t("invoice.issued"), value: issuedOn, inline: true },
          { label: t("invoice.due"), value: dueOn, inline: true },
          ...(args.due ? [] : [{ label: t("invoice.termsLabel"), value: t("invoice.terms", { days: terms }), inline: true }]),
          { label: t("invoice.remaining"), value: money(ctx, remainder - amount, currency), inline: true },
        ],
        buttons: [
          { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
          { label: t("orderEntry.showOrder"), action: { kind: "run", command: `order ${state.number}` } },
          { label: t("order.customerButton"), action: { kind: "run", command: `show #${customer.id}` } },
        ],
      },
    ]);
  },
});
