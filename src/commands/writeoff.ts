import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import { NotFound, UserError } from "../core/errors.js";
import { statusSelector, openAmount } from "../core/ledger.js";
import { readLedgerAmount } from "../core/ledger-amount.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { text } from "./shared/arguments.js";
import { money } from "./shared/format.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { ledgerReply, resolveInvoice } from "./ledger-reply.js";

const EXAMPLE = "writeoff INV-1042 500 reason=Customer in liquidation";

export const writeoffCommand = defineCommand({
  name: "writeoff",
  summary: "Write off what an invoice will not bring in, in part or in full",
  usage: "writeoff <invoice> [amount] reason=<why>",
  formTitle: "Write off",
  examples: [EXAMPLE, "writeoff INV-1042 reason=Goods returned damaged, credit agreed"],
  topic: "sales",
  capability: "writeoffs",
  options: {
    invoice: { kind: "text", description: "Invoice number, e.g. INV-1042", required: true, schema: text("The invoice number", 60) },
    amount: { kind: "text", description: "Amount to write off (default: everything still open)", schema: text("The amount", 60) },
    reason: { kind: "text", description: "Why it will not be paid", required: true, typed: "key", multiline: true, schema: text("The reason", 500) },
  },
  parseText(words) {
    // reason= runs to the end of the line: a reason is a sentence, not one word.
    const at = words.findIndex((word) => /^reason=/i.test(word));
    const head = at < 0 ? words : words.slice(0, at);
    const reason = at < 0 ? undefined : [words[at]!.slice("reason=".length), ...words.slice(at + 1)].join(" ").trim() || undefined;
    if (head.length > 2) {
      throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: head.slice(2).join(" ") }), { example: EXAMPLE });
    }
    return { invoice: head[0], amount: head[1], reason };
  },
  writes: true,
  async handler(args, ctx) {
    const { t } = ctx;
    const invoice = await resolveInvoice(ctx, args.invoice, EXAMPLE);
    const customer = await ctx.store.customers.get(invoice.customerId);
    if (!customer) throw new NotFound(t("resolve.noCustomerId", { id: `#${invoice.customerId}` }));
    const open = openAmount(invoice);
    if (invoice.status !== "open" || open <= 0) {
      throw new UserError("invoice_closed", t("ledger.invoiceClosed", { number: invoice.number, status: statusSelector(invoice.status) }));
    }
    const shown = (minor: number) => money(ctx, minor, customer.currency);
    const amount = args.amount
      ? readLedgerAmount(args.amount, ctx, {
          currency: customer.currency ?? ctx.tenant.currency,
          customer: customer.name,
          field: "amount",
          exampleFor: (sample) => `writeoff ${invoice.number} ${sample} reason=${args.reason}`,
        })
      : open;
    if (amount > open) {
      throw new UserError("over_open", t("writeoff.overOpen", { amount: shown(amount), open: shown(open), number: invoice.number }), { field: "amount" });
    }
    const recorded = await ctx.store.ledger.recordWriteOff({
      invoiceId: invoice.id,
      customerId: customer.id,
      amount,
      reason: args.reason,
      recordedById: ctx.member.id,
      at: ctx.now,
    });
    if (!recorded) throw new UserError("ledger_conflict", t("ledger.conflict"));
    await ctx.store.audit.record(ctx.member.id, {
      action: "writeoff.create",
      entity: "invoice",
      entityId: invoice.id,
      before: { writtenOff: invoice.writtenOff, status: invoice.status },
      after: { writtenOff: recorded.invoice.writtenOff, status: recorded.invoice.status, amount, reason: args.reason, writeOffId: recorded.writeOffId },
    });
    const token = randomUUID();
    await ctx.store.undo.create({
      token,
      memberId: ctx.member.id,
      kind: "writeoff.create",
      payload: { writeOffId: recorded.writeOffId },
      expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS),
    });
    const after = recorded.invoice;
    return ledgerReply(ctx, {
      title: t("writeoff.title", { amount: shown(amount), number: invoice.number, customer: customer.name }),
      summary: t("writeoff.reasonLine", { reason: args.reason }),
      customer,
      rows: [{ invoice: after, applied: amount }],
      appliedLabel: t("writeoff.writtenOff"),
      token,
      fields: [
        { label: t("writeoff.invoiceAmount"), value: shown(after.amount) },
        { label: t("writeoff.paid"), value: shown(after.paid) },
        { label: t("writeoff.writtenOff"), value: shown(after.writtenOff) },
      ],
    });
  },
});
