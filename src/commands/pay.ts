import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { readDateArgument } from "../core/date-input.js";
import { assertMayReadCustomer } from "../core/customer-visibility.js";
import { NotFound, UserError } from "../core/errors.js";
import { allocateOldestFirst, statusSelector, openAmount, PAYMENT_METHODS, type Allocation, type LedgerInvoice } from "../core/ledger.js";
import { readLedgerAmount } from "../core/ledger-amount.js";
import { minorToDecimal } from "../core/money/index.js";
import { splitFields } from "../core/tokenize.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { text } from "./shared/arguments.js";
import { money, quoted } from "./shared/format.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { ledgerReply, resolveInvoice, looksLikeInvoiceNumber } from "./ledger-reply.js";
import { raiseAlert } from "../core/alerts-raise.js";

const EXAMPLE = "pay acme 1,200.50 2026-11-20 method=bank ref=TT20261120";

/** A word that reads as money: digits (1,200.50, ５万), Chinese or Korean numerals with a unit (五万, 오천만), or a currency sign. */
const AMOUNT_WORD = /[\d\uFF10-\uFF19]|^[¥￥$₩€£]|^[零〇一二三四五六七八九十百千两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]+[万萬亿億]|^[일이삼사오육칠팔구십백천]+[만억]/u;

/** Where the amount starts: the first word after the customer or invoice that reads as money. */
function amountIndex(words: readonly string[]): number {
  return words.findIndex((word, index) => index > 0 && AMOUNT_WORD.test(word));
}

export const payCommand = defineCommand({
  name: "pay",
  summary: "Record a receipt: applied to the named invoice, or to the customer's oldest open invoices first",
  usage: "pay <customer|invoice> <amount> [date] [method=bank|card|cash|check|other] [ref=]",
  formTitle: "Record receipt",
  examples: [EXAMPLE, "pay INV-1042 5万", "pay 삼성 5천만 method=bank"],
  topic: "sales",
  capability: "receipts",
  options: {
    customer_or_invoice: { kind: "text", description: "Customer name or #id, or an invoice number such as INV-1042", required: true, schema: text("The customer or invoice", 200) },
    amount: { kind: "text", description: "Amount as you write it: 1,200.50, ¥5万, ₩5천만", required: true, schema: text("The amount", 60) },
    date: { kind: "date", description: "When the money arrived (default today): yesterday, 2026-11-20", schema: text("The date", 60) },
    method: {
      kind: "choice",
      description: "bank, card, cash, check or other (default bank)",
      choices: PAYMENT_METHODS,
      typed: "key",
      schema: z.enum(PAYMENT_METHODS, { error: englishOf("pay.opt.method") }).default("bank"),
    },
    ref: { kind: "text", description: "Bank reference or check number", typed: "key", schema: text("The reference", 100) },
  },
  parseText(words) {
    const { words: rest, fields } = splitFields(words);
    const at = amountIndex(rest);
    const args: Record<string, unknown> = {
      customer_or_invoice: (at < 0 ? rest : rest.slice(0, at)).join(" ") || undefined,
      amount: at < 0 ? undefined : rest[at],
      date: at < 0 ? undefined : rest.slice(at + 1).join(" ") || undefined,
    };
    for (const [key, value] of Object.entries(fields)) {
      if (key === "method") args.method = value.toLowerCase();
      else if (key === "ref") args.ref = value;
      else throw new UserError("bad_argument", englishOf("input.notUnderstood", { word: `${key}=${value}` }), { example: EXAMPLE });
    }
    return args;
  },
  writes: true,
  async handler(args, ctx) {
    const { t } = ctx;
    const rerun = (target: string, amount = args.amount, date = args.date) =>
      ["pay", quoted(target), amount, date, args.method !== "bank" ? `method=${args.method}` : null, args.ref ? `ref=${quoted(args.ref)}` : null].filter(Boolean).join(" ");
    const { customer, invoice } = await payerOf(ctx, args.customer_or_invoice, (ref) => rerun(ref));
    const currency = customer.currency ?? ctx.tenant.currency;
    const amount = readLedgerAmount(args.amount, ctx, {
      currency,
      customer: customer.name,
      field: "amount",
      exampleFor: (sample) => rerun(invoice?.number ?? `#${customer.id}`, sample),
    });
    const receivedOn = args.date
      ? readDateArgument(args.date, ctx, { field: "date", purpose: "any", example: EXAMPLE, rerun: (date) => rerun(invoice?.number ?? `#${customer.id}`, args.amount, date) })
      : ctx.today;
    if (receivedOn > ctx.today) {
      throw new UserError("future_date", t("pay.futureDate", { date: receivedOn, example: rerun(invoice?.number ?? `#${customer.id}`, args.amount, ctx.today) }), { field: "date" });
    }
    const shown = (minor: number) => money(ctx, minor, customer.currency);
    const allocations = await allocationsFor(ctx, { customer, invoice, amount, shown, rerun });

    const recorded = await ctx.store.ledger.recordReceipt({
      customerId: customer.id,
      amount,
      receivedOn,
      method: args.method,
      reference: args.ref ?? null,
      recordedById: ctx.member.id,
      allocations,
    });
    if (!recorded) throw new UserError("ledger_conflict", t("ledger.conflict"));
    await ctx.store.audit.record(ctx.member.id, {
      action: "payment.create",
      entity: "payment",
      entityId: recorded.paymentId,
      after: { customerId: customer.id, amount, receivedOn, method: args.method, reference: args.ref ?? null, allocations },
    });
    await raiseAlert(ctx.store, {
      recipientId: customer.ownerId,
      actorId: ctx.member.id,
      kind: "paid",
      dedupeKey: `paid:payment:${recorded.paymentId}`,
      payload: {
        cause: `payment:${recorded.paymentId}`,
        actor: ctx.member.displayName,
        customer: { id: customer.id, name: customer.name },
        amount,
        currency,
        ...(allocations.length === 1 ? { number: allocations[0]!.number } : {}),
      },
      now: ctx.now,
    });
    const token = randomUUID();
    await ctx.store.undo.create({
      token,
      memberId: ctx.member.id,
      kind: "payment.create",
      payload: { paymentId: recorded.paymentId },
      expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS),
    });
    const title = t("pay.title", { amount: shown(amount), customer: customer.name });
    const summary = t("pay.text", {
      amount: shown(amount),
      date: receivedOn,
      method: t("pay.method", { method: args.method }),
      reference: args.ref ?? "none",
      count: allocations.length,
      countText: String(allocations.length),
    });
    return ledgerReply(ctx, {
      title,
      summary,
      customer,
      rows: recorded.invoices.map((row) => ({ invoice: row, applied: allocations.find((allocation) => allocation.invoiceId === row.id)?.amount ?? 0 })),
      appliedLabel: t("pay.applied"),
      token,
    });
  },
});

type Payer = { customer: Customer; invoice: LedgerInvoice | null };

/** The invoice named by number, else the customer named. */
async function payerOf(ctx: CommandContext, reference: string, retry: (ref: string) => string): Promise<Payer> {
  const invoice = looksLikeInvoiceNumber(reference) ? await ctx.store.ledger.invoiceByNumber(reference) : null;
  if (invoice) {
    const customer = await ctx.store.customers.get(invoice.customerId);
    if (!customer) throw new NotFound(ctx.t("resolve.noCustomerId", { id: `#${invoice.customerId}` }));
    assertMayReadCustomer(ctx, customer, reference.trim());
    return { customer, invoice };
  }
  if (/^[A-Za-z]{2,6}-\d+$/.test(reference.trim())) {
    // Typed like an invoice number, and no such invoice: say so rather than "no customer matches".
    await resolveInvoice(ctx, reference, EXAMPLE);
  }
  return { customer: await resolveCustomer(ctx, reference, retry), invoice: null };
}

async function allocationsFor(
  ctx: CommandContext,
  input: { customer: Customer; invoice: LedgerInvoice | null; amount: number; shown: (minor: number) => string; rerun: (target: string, amount?: string) => string },
): Promise<Allocation[]> {
  const { t } = ctx;
  const { customer, invoice, amount, shown } = input;
  if (invoice) {
    const open = openAmount(invoice);
    if (invoice.status !== "open" || open <= 0) {
      throw new UserError("invoice_closed", t("ledger.invoiceClosed", { number: invoice.number, status: statusSelector(invoice.status) }));
    }
    if (amount > open) {
      throw new UserError("over_invoice", t("pay.overInvoice", { amount: shown(amount), open: shown(open), number: invoice.number }), { field: "amount" });
    }
    return [{ invoiceId: invoice.id, number: invoice.number, amount }];
  }
  const open = await ctx.store.ledger.openInvoices(customer.id);
  if (!open.length) throw new UserError("nothing_open", t("pay.nothingOpen", { customer: customer.name }));
  const total = open.reduce((sum, row) => sum + openAmount(row), 0);
  // No unapplied credit: a receipt must settle invoices, so a balance never goes below zero.
  if (amount > total) {
    const example = input.rerun(`#${customer.id}`, minorToDecimal(total, customer.currency ?? ctx.tenant.currency));
    throw new UserError("over_balance", t("pay.overBalance", { amount: shown(amount), customer: customer.name, open: shown(total), example }), { field: "amount", example });
  }
  return allocateOldestFirst(open, amount).allocations;
}
