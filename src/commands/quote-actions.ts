/** What `quote` does: create, show, send (PDF and XLSX), accept into an order, reject. */
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { readDateArgument } from "../core/date-input.js";
import { assertMayReadCustomer, customerSearchScope } from "../core/customer-visibility.js";
import { NotFound, PermissionDenied, UserError } from "../core/errors.js";
import { can, hasRole } from "../core/permissions.js";
import { creditCheck } from "../core/order-entry.js";
import {
  dealReference,
  DEFAULT_VALIDITY_DAYS,
  EXPIRY_WARNING_DAYS,
  effectiveStatus,
  isExpired,
  lineAmount,
  MAX_QUOTE_LINES,
  netUnitPrice,
  quotePrefixFor,
  quoteTotals,
  readPercent,
  readValidityDays,
  splitQuoteLines,
  validUntilFrom,
  type Quote,
  type QuoteLineInput,
} from "../core/quotes.js";
import { reply, type Block, type Button } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { sliceCodePoints } from "../core/text/normalize.js";
import { quoteDocument } from "../documents/quote-document.js";
import { quotePdf } from "../documents/quote-pdf.js";
import { withRecordLink } from "./shared/record-link.js";
import { quoteXlsx } from "../documents/quote-xlsx.js";
import { money } from "./shared/format.js";
import { assertCanEnterOrder, bad, currencyOf, readTypedAmount, undoToken } from "./order-entry-shared.js";
import { raiseAlert } from "../core/alerts-raise.js";

export const QUOTE_EXAMPLES = {
  new: "quote new acme WID-100 10 12.50 5%; WID-200 2 400 heavy duty tax=13% valid=30d",
  send: "quote send Q-2026-0001",
  accept: "quote accept Q-2026-0001",
  reject: "quote reject Q-2026-0001 reason=price",
} as const;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Quotes are sales work: reps on their own (and unowned) customers, sales assistants, managers
 * and admins on any. Finance reads quotes but does not make them.
 */
export function assertCanQuote(ctx: CommandContext, customer: Pick<Customer, "name" | "ownerId">): void {
  const { member, t } = ctx;
  if (hasRole(member, "manager") || member.role === "assistant") return;
  if (member.role === "rep") {
    if (customer.ownerId === null || customer.ownerId === member.id) return;
    throw new PermissionDenied(t("quote.notYourCustomer", { customer: customer.name }));
  }
  throw new PermissionDenied(t("quote.notAllowed"));
}

async function findQuote(number: string, ctx: CommandContext, example: string): Promise<Quote> {
  const quote = await ctx.store.quotes.getByNumber(number);
  if (quote) {
    assertMayReadCustomer(ctx, { ownerId: quote.customerOwnerId }, number);
    return quote;
  }
  const similar = await ctx.store.quotes.similar(sliceCodePoints(number.replace(/^.*-/, ""), 4), 5, customerSearchScope(ctx));
  throw new NotFound(similar.length ? ctx.t("quote.notFoundSimilar", { number, numbers: similar.join(", ") }) : ctx.t("quote.notFound", { number }), example);
}

/** The typed lines read in the customer's currency, or one message naming every bad line. */
function readLines(ctx: CommandContext, customer: Customer, typed: string): QuoteLineInput[] {
  const { t } = ctx;
  const { lines, problems } = splitQuoteLines(typed);
  const messages = problems.map((problem) => t(`quote.line.${problem.kind}`, { text: problem.text }));
  if (!lines.length && !messages.length) throw bad("bad_lines", t("quote.noLines", { example: "WID-100 10 12.50 5%" }), QUOTE_EXAMPLES.new, "lines");
  if (lines.length > MAX_QUOTE_LINES) messages.push(t("quote.tooManyLines", { max: MAX_QUOTE_LINES }));
  const currency = currencyOf(ctx, customer);
  const read: QuoteLineInput[] = [];
  for (const line of lines) {
    const amount = readTypedAmount(line.price, currency, ctx.locale);
    if ("minor" in amount) read.push({ sku: line.sku, quantity: line.quantity, unitPrice: amount.minor, discountBp: line.discountBp, ...(line.description ? { description: line.description } : {}) });
    else if (amount.kind === "conflict") messages.push(t("orderEntry.priceConflict", { phrase: amount.phrase, sku: line.sku, written: amount.written ?? "", customer: customer.name, expected: currency }));
    else if (amount.kind === "tooLarge") messages.push(t("orderEntry.tooLarge"));
    else messages.push(t("orderEntry.priceUnreadable", { phrase: amount.phrase, sku: line.sku, currency, examples: amount.examples }));
  }
  if (!Number.isSafeInteger(read.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0))) messages.push(t("orderEntry.tooLarge"));
  if (messages.length) throw bad("bad_lines", messages.join(" "), QUOTE_EXAMPLES.new, "lines");
  return read;
}

function readTax(ctx: CommandContext, typed: string | undefined): number {
  if (typed === undefined) return 0;
  const rate = readPercent(typed);
  if (rate === null) throw bad("bad_tax", ctx.t("quote.badTax", { value: typed }), QUOTE_EXAMPLES.new, "tax");
  return rate;
}

function readValidity(ctx: CommandContext, typed: string | undefined, retry: (iso: string) => string) {
  if (typed === undefined) return validUntilFrom(ctx.today, DEFAULT_VALIDITY_DAYS);
  const days = readValidityDays(typed);
  if (days !== null) return validUntilFrom(ctx.today, days);
  const date = readDateArgument(typed, ctx, { field: "valid", purpose: "follow-up", example: QUOTE_EXAMPLES.new, rerun: retry, quote: (phrase) => `valid=${phrase}` });
  if (date < ctx.today) throw bad("past_date", ctx.t("quote.validPast", { date }), QUOTE_EXAMPLES.new, "valid");
  return date;
}

/** What the quote's terms say, else the customer's default payment terms in words. */
async function termsText(ctx: CommandContext, quote: Quote): Promise<string | null> {
  if (quote.paymentTerms) return quote.paymentTerms;
  const days = await ctx.store.orderEntry.paymentTermsDays(quote.customerId);
  return days === null ? null : ctx.t("quote.termsNetDays", { days });
}

function oneLine(lines: string): string {
  return lines.replace(/[\r\n]+/g, "; ").trim();
}

export async function createQuote(args: { customer: string; lines: string; tax?: string; valid?: string; terms?: string }, ctx: CommandContext) {
  const { t } = ctx;
  const retryWith = (customer: string, valid = args.valid) =>
    [`quote new ${customer} ${oneLine(args.lines)}`, args.tax && `tax=${args.tax}`, valid && `valid=${valid}`, args.terms && `terms="${args.terms}"`].filter(Boolean).join(" ");
  const dealId = dealReference(args.customer);
  let customer: Customer;
  if (dealId !== null) {
    const deal = await ctx.store.quotes.deal(dealId);
    if (!deal) throw new NotFound(t("quote.noDeal", { id: dealId }), QUOTE_EXAMPLES.new);
    if (deal.status !== "open") throw new UserError("deal_closed", t("quote.dealClosed", { id: dealId, title: deal.title }));
    customer = (await ctx.store.customers.get(deal.customerId))!;
  } else {
    customer = await resolveCustomer(ctx, args.customer, (ref) => retryWith(ref));
  }
  assertCanQuote(ctx, customer);
  const lines = readLines(ctx, customer, args.lines);
  const taxRateBp = readTax(ctx, args.tax);
  const validUntil = readValidity(ctx, args.valid, (iso) => retryWith(dealId !== null ? `#D${dealId}` : `#${customer.id}`, iso));
  const number = await ctx.store.quotes.nextNumber(quotePrefixFor(await ctx.store.quotes.prefixTemplate(), ctx.today));
  const quote = await ctx.store.quotes.create({
    number,
    customerId: customer.id,
    dealId,
    currency: customer.currency,
    issuedOn: ctx.today,
    validUntil,
    taxRateBp,
    paymentTerms: args.terms ?? null,
    notes: null,
    createdById: ctx.member.id,
    lines,
  });
  await ctx.store.audit.record(ctx.member.id, {
    action: "quote.create",
    entity: "quote",
    entityId: quote.id,
    after: { number, customerId: customer.id, dealId, total: quote.total, taxRateBp, validUntil, lines },
  });
  const token = await undoToken(ctx, "quote.create", { quoteId: quote.id, number, status: "draft", sentAt: null, decidedAt: null, rejectReason: null });
  const title = t("quote.created", { number, customer: customer.name });
  return reply.of(title, quoteBlocks(ctx, quote, title, [
    { label: t("quote.sendButton"), style: "primary", action: { kind: "run", command: `quote send ${number}` } },
    { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
  ]));
}

/** The quote's card (number, customer, status, validity, totals) and its lines. */
function quoteBlocks(ctx: CommandContext, quote: Quote, title: string, buttons: Button[]): Block[] {
  const { t } = ctx;
  const status = effectiveStatus(quote, ctx.today);
  const currency = quote.currency;
  const fields = [
    { label: t("quote.statusLabel"), value: t("quote.status", { status }), inline: true },
    { label: t("quote.issued"), value: quote.issuedOn, inline: true },
    { label: t("quote.validUntil"), value: quote.validUntil ?? "—", inline: true },
    { label: t("quote.subtotal"), value: money(ctx, quote.subtotal, currency), inline: true },
    { label: t("quote.taxLabel", { rate: quote.taxRateBp / 100 }), value: money(ctx, quote.tax, currency), inline: true },
    { label: t("quote.total"), value: money(ctx, quote.total, currency), inline: true },
  ];
  if (quote.dealTitle) fields.push({ label: t("quote.deal"), value: `#D${quote.dealId} ${quote.dealTitle}`, inline: true });
  if (quote.paymentTerms) fields.push({ label: t("quote.terms"), value: quote.paymentTerms, inline: true });
  if (quote.orderNumber) fields.push({ label: t("quote.order"), value: quote.orderNumber, inline: true });
  if (quote.rejectReason) fields.push({ label: t("quote.rejectReason"), value: quote.rejectReason, inline: false });
  return [
    { type: "card", title, subtitle: quote.customerName, fields, buttons },
    {
      type: "table",
      title: t("quote.lines"),
      columns: [t("column.sku"), t("column.description"), t("column.quantity"), t("column.unitPrice"), t("quote.discount"), t("column.amount")],
      align: ["left", "left", "right", "right", "right", "right"],
      rows: quote.lines.map((line) => [
        line.sku,
        line.description ?? "",
        String(line.quantity),
        money(ctx, line.unitPrice, currency),
        line.discountBp ? `${line.discountBp / 100}%` : "",
        money(ctx, lineAmount(line), currency),
      ]),
    },
  ];
}

export async function showQuote(number: string, ctx: CommandContext) {
  const { t } = ctx;
  const quote = await findQuote(number, ctx, "quote Q-2026-0001");
  const status = effectiveStatus(quote, ctx.today);
  const buttons: Button[] = [];
  if (status === "draft" || status === "sent") {
    buttons.push({ label: t("quote.sendButton"), style: "primary", action: { kind: "run", command: `quote send ${quote.number}` } });
    buttons.push({ label: t("quote.acceptButton"), action: { kind: "run", command: `quote accept ${quote.number}` } });
  }
  buttons.push({ label: t("order.customerButton"), action: { kind: "run", command: `show #${quote.customerId}` } });
  const title = t("quote.title", { number: quote.number });
  return reply.of(t("quote.summary", { number: quote.number, status: t("quote.status", { status }) }), withRecordLink(ctx, quoteBlocks(ctx, quote, title, buttons), "quote", quote.number));
}

export async function sendQuote(number: string, ctx: CommandContext) {
  const { t } = ctx;
  const quote = await findQuote(number, ctx, QUOTE_EXAMPLES.send);
  const customer = (await ctx.store.customers.get(quote.customerId))!;
  assertCanQuote(ctx, customer);
  if (quote.status === "accepted" || quote.status === "rejected") {
    throw new UserError("quote_decided", t("quote.alreadyDecided", { number: quote.number, status: t("quote.status", { status: quote.status }) }));
  }
  if (isExpired(quote, ctx.today)) throw new UserError("quote_expired", t("quote.expiredSend", { number: quote.number, date: quote.validUntil ?? "" }), { example: `quote new #${quote.customerId} ...` });
  const currency = quote.currency ?? ctx.tenant.currency;
  const document = quoteDocument(quote, { t, locale: ctx.locale, company: ctx.tenant.name, currency, terms: await termsText(ctx, quote) });
  const [pdf, xlsx] = await Promise.all([quotePdf(document), quoteXlsx(document)]);
  const token = await undoToken(ctx, "quote.send", {
    quoteId: quote.id,
    number: quote.number,
    status: quote.status,
    sentAt: quote.sentAt?.toISOString() ?? null,
    decidedAt: null,
    rejectReason: null,
  });
  await ctx.store.quotes.markSent(quote.id, ctx.now);
  await ctx.store.audit.record(ctx.member.id, { action: "quote.send", entity: "quote", entityId: quote.id, before: { status: quote.status }, after: { status: "sent", locale: ctx.locale } });
  const title = t("quote.sent", { number: quote.number, customer: quote.customerName });
  const filename = quote.number.replace(/[^\p{L}\p{N}._-]+/gu, "_");
  return reply.of(
    title,
    [
      { type: "text", text: t("quote.sentText", { total: money(ctx, quote.total, quote.currency), validUntil: quote.validUntil ?? "—" }) },
      { type: "buttons", buttons: [
        { label: t("quote.acceptButton"), action: { kind: "run", command: `quote accept ${quote.number}` } },
        { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
      ] },
    ],
    {
      attachments: [
        { filename: `${filename}.pdf`, contentType: "application/pdf", data: pdf, altText: t("quote.pdfAlt", { number: quote.number, customer: quote.customerName }) },
        { filename: `${filename}.xlsx`, contentType: XLSX_TYPE, data: xlsx, altText: t("quote.xlsxAlt", { number: quote.number, customer: quote.customerName }) },
      ],
    },
  );
}

export async function acceptQuote(number: string, ctx: CommandContext) {
  const { t } = ctx;
  const quote = await findQuote(number, ctx, QUOTE_EXAMPLES.accept);
  const customer = (await ctx.store.customers.get(quote.customerId))!;
  assertCanEnterOrder(ctx, customer);
  if (quote.status === "accepted") throw new UserError("quote_decided", t("quote.alreadyAccepted", { number: quote.number, order: quote.orderNumber ?? "" }));
  if (quote.status === "rejected") throw new UserError("quote_decided", t("quote.alreadyDecided", { number: quote.number, status: t("quote.status", { status: quote.status }) }));
  if (isExpired(quote, ctx.today)) {
    throw new UserError("quote_expired", t("quote.expiredAccept", { number: quote.number, date: quote.validUntil ?? "" }), { example: `quote new #${quote.customerId} ...` });
  }
  // The order is checked against the credit limit like any new order; managers and admins may go over it.
  const over = creditCheck(customer.creditLimit, await ctx.store.orderEntry.exposure(customer.id), quote.total);
  if (over && !can(ctx.member, "creditOverride")) {
    const currency = currencyOf(ctx, customer);
    const warning = t("orderEntry.creditOver", { customer: customer.name, limit: money(ctx, over.limit, currency), exposure: money(ctx, over.exposure, currency), excess: money(ctx, over.excess, currency) });
    throw new UserError("credit_limit", `${warning} ${t("orderEntry.creditAsk")}`);
  }
  // Order lines carry no discount of their own: each takes the discounted unit price.
  const orderNumber = await ctx.store.orderEntry.nextNumber("order");
  const order = await ctx.store.orderEntry.create({
    customerId: quote.customerId,
    number: orderNumber,
    orderedOn: ctx.today,
    createdById: ctx.member.id,
    channelRef: null,
    creditOverrideById: over ? ctx.member.id : null,
    lines: quote.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: netUnitPrice(line), ...(line.description ? { description: line.description } : {}) })),
  });
  const { orderTotal } = await ctx.store.quotes.accept(quote.id, order.id, ctx.now);
  const dealWon = quote.dealId !== null && (await ctx.store.quotes.winDeal(quote.dealId, ctx.member.id, ctx.now, ctx.today, quote.number));
  await ctx.store.audit.record(ctx.member.id, {
    action: "quote.accept",
    entity: "quote",
    entityId: quote.id,
    before: { status: quote.status },
    after: { status: "accepted", order: orderNumber, orderTotal, dealWon },
  });
  await ctx.store.audit.record(ctx.member.id, { action: "order.create", entity: "order", entityId: order.id, after: { number: orderNumber, customerId: quote.customerId, total: orderTotal, quote: quote.number } });
  const alertCustomer = { id: customer.id, name: customer.name };
  await raiseAlert(ctx.store, {
    recipientId: customer.ownerId,
    actorId: ctx.member.id,
    kind: "quoteAccepted",
    dedupeKey: `quoteAccepted:quote:${quote.id}`,
    payload: { cause: `order:${order.id}`, actor: ctx.member.displayName, customer: alertCustomer, number: quote.number, amount: orderTotal, currency: currencyOf(ctx, customer) },
    now: ctx.now,
  });
  if (over) {
    await raiseAlert(ctx.store, {
      recipientId: customer.ownerId,
      actorId: ctx.member.id,
      kind: "creditLimit",
      dedupeKey: `creditLimit:order:${order.id}`,
      payload: { cause: `order:${order.id}`, actor: ctx.member.displayName, customer: alertCustomer, number: orderNumber, limit: over.limit, exposure: over.exposure, currency: currencyOf(ctx, customer) },
      now: ctx.now,
    });
  }
  const title = t("quote.accepted", { number: quote.number, order: orderNumber });
  const fields = [
    { label: t("quote.order"), value: orderNumber, inline: true },
    { label: t("order.total"), value: money(ctx, orderTotal, quote.currency), inline: true },
  ];
  const text = [
    quote.tax ? t("quote.acceptedTaxNote", { tax: money(ctx, quote.tax, quote.currency) }) : "",
    dealWon ? t("quote.dealWon", { id: quote.dealId ?? 0 }) : "",
    over ? t("orderEntry.creditAllowed", { name: ctx.member.displayName }) : "",
  ]
    .filter(Boolean)
    .join(" ");
  return reply.of(title, [
    {
      type: "card",
      title,
      subtitle: quote.customerName,
      fields,
      ...(text ? { text } : {}),
      buttons: [{ label: t("orderEntry.showOrder"), action: { kind: "run", command: `order ${orderNumber}` } }],
    },
  ]);
}

export async function rejectQuote(number: string, reason: string, ctx: CommandContext) {
  const { t } = ctx;
  const quote = await findQuote(number, ctx, QUOTE_EXAMPLES.reject);
  const customer = (await ctx.store.customers.get(quote.customerId))!;
  assertCanQuote(ctx, customer);
  if (quote.status === "accepted" || quote.status === "rejected") {
    throw new UserError("quote_decided", t("quote.alreadyDecided", { number: quote.number, status: t("quote.status", { status: quote.status }) }));
  }
  const token = await undoToken(ctx, "quote.reject", {
    quoteId: quote.id,
    number: quote.number,
    status: quote.status,
    sentAt: quote.sentAt?.toISOString() ?? null,
    decidedAt: quote.decidedAt?.toISOString() ?? null,
    rejectReason: quote.rejectReason,
  });
  await ctx.store.quotes.reject(quote.id, reason, ctx.now);
  await ctx.store.audit.record(ctx.member.id, { action: "quote.reject", entity: "quote", entityId: quote.id, before: { status: quote.status }, after: { status: "rejected", reason } });
  const title = t("quote.rejected", { number: quote.number });
  return reply.of(title, [
    {
      type: "card",
      title,
      subtitle: quote.customerName,
      fields: [{ label: t("quote.rejectReason"), value: reason }],
      buttons: [{ label: t("button.undo"), style: "danger", action: { kind: "undo", token } }],
    },
  ]);
}

/** Open quotes whose validity ends within three days: a rep's own customers', everyone's for the others. */
export async function expiringQuotes(ctx: CommandContext) {
  const { t } = ctx;
  const quotes = await ctx.store.quotes.expiring({
    from: ctx.today,
    to: validUntilFrom(ctx.today, EXPIRY_WARNING_DAYS),
    ...(ctx.member.role === "rep" ? { ownerId: ctx.member.id } : {}),
    limit: 20,
  });
  const title = t("quote.expiring.title");
  if (!quotes.length) return reply.of(title, [{ type: "text", text: t("quote.expiring.none", { days: EXPIRY_WARNING_DAYS }), tone: "muted" }]);
  return reply.of(title, [
    {
      type: "list",
      items: quotes.map((quote) => ({
        title: t("quote.expiring.item", { number: quote.number, customer: quote.customerName, total: money(ctx, quote.total, quote.currency), date: quote.validUntil }),
        buttons: [{ label: t("quote.openButton"), action: { kind: "run", command: `quote ${quote.number}` } }],
      })),
    },
  ]);
}
