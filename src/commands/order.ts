/**
 * order <number>                                   show an order (lines, shipments, invoiced, paid)
 * order new <customer> <SKU qty price [description]>[; <SKU qty price ...>] [override]
 *                                                  enter an order (lines also one per line in the form)
 * order cancel <number> [reason]                   cancel an order nothing was shipped or invoiced on
 *
 * Examples: `order new acme WID-100 10 12.50; WID-200 2 400 heavy duty`, `order cancel SO-1043 customer withdrew`.
 * Numbers continue the workspace's SO-n sequence. An order over the customer's credit limit is
 * refused unless a manager or admin adds `override`.
 */
import { z } from "zod";
import { defineCommand, type OptionSpecs } from "../core/command.js";
import type { ValueSchemas } from "../core/command-options.js";
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { NotFound, PermissionDenied, UserError } from "../core/errors.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { creditCheck, customerWordsEnd, MAX_ORDER_LINES, splitOrderLines, type OrderLineInput } from "../core/order-entry.js";
import { assertMayReadCustomer, customerSearchScope } from "../core/customer-visibility.js";
import { can } from "../core/permissions.js";
import { reply, type Block } from "../core/reply.js";
import { withRecordLink } from "./shared/record-link.js";
import { resolveCustomer } from "../core/resolve.js";
import { sliceCodePoints } from "../core/text/normalize.js";
import { customerReference, text } from "./shared/arguments.js";
import { money } from "./shared/format.js";
import { assertCanEnterOrder, bad, currencyOf, readTypedAmount, undoToken } from "./order-entry-shared.js";
import { raiseAlert } from "../core/alerts-raise.js";

const ACTIONS = ["new", "cancel"] as const;
const NEW_EXAMPLE = "order new acme WID-100 10 12.50; WID-200 2 400";
const CANCEL_EXAMPLE = "order cancel SO-1043 customer withdrew";
const OVERRIDE_WORDS = new Set(["override", "--override"]);

/** Declared in form order: a new order needs the first three; the order form opens from `orders <customer>`. */
const options = {
  action: { kind: "choice", description: "new, cancel, or empty to show an order", choices: ACTIONS },
  customer: { kind: "customer", description: "Customer (name or #id) of a new order", schema: customerReference },
  lines: { kind: "text", description: "SKU qty unit-price [description], one per line", multiline: true, schema: text("lines", 5000) },
  number: { kind: "order", description: "Order number, e.g. SO-1042", schema: text("The order number", 60) },
  reason: { kind: "text", description: "Why it is cancelled", schema: text("reason", 300) },
  override: { kind: "flag", description: "Allow over the credit limit (managers)", schema: z.boolean().default(false) },
} as const satisfies OptionSpecs;

type Values = ValueSchemas<typeof options>;

const argsSchema = (o: Values) =>
  z
    .object({
      action: o.action.optional(),
      number: o.number.optional(),
      customer: o.customer.optional(),
      lines: o.lines.optional(),
      reason: o.reason.optional(),
      override: o.override,
    })
    .superRefine((args, issue) => {
      if (args.action === "new" && !args.customer) {
        issue.addIssue({ code: "custom", path: ["customer"], message: englishOf("orderEntry.customerMissing", { example: NEW_EXAMPLE }) });
      }
      if (args.action !== "new" && !args.number) {
        issue.addIssue({ code: "custom", path: ["number"], message: englishOf("orderEntry.numberMissing", { example: args.action === "cancel" ? CANCEL_EXAMPLE : "order SO-1042" }) });
      }
    });

/** `order SO-1042`, `order new <customer words> <lines...> [override]`, `order cancel SO-1042 [reason...]`. */
function parseOrderWords(words: string[]): Record<string, unknown> {
  const [first, ...rest] = words;
  const action = first?.toLowerCase();
  if (action === "new") {
    const override = rest.some((word) => OVERRIDE_WORDS.has(word.toLowerCase()));
    const kept = rest.filter((word) => !OVERRIDE_WORDS.has(word.toLowerCase()));
    const end = customerWordsEnd(kept);
    const customer = (end < 0 ? kept : kept.slice(0, end)).join(" ") || undefined;
    const lines = end < 0 ? undefined : kept.slice(end).join(" ");
    return { action, customer, lines, override };
  }
  if (action === "cancel") {
    const reasonAt = rest.findIndex((word) => word.toLowerCase().startsWith("reason="));
    if (reasonAt >= 0) rest.splice(reasonAt, 1, rest[reasonAt]!.slice("reason=".length));
    return { action, number: rest[0], reason: rest.slice(1).join(" ") || undefined };
  }
  return { number: words.join(" ") || undefined };
}

/** The typed lines read in the customer's currency, or one message naming every bad line. */
function readLines(ctx: CommandContext, customer: Customer, typed: string | undefined): OrderLineInput[] {
  const { t } = ctx;
  const { lines, problems } = splitOrderLines(typed ?? "");
  const messages = problems.map((problem) => t(problem.kind === "incomplete" ? "orderEntry.lineIncomplete" : "orderEntry.lineQuantity", { text: problem.text }));
  if (!lines.length && !messages.length) throw bad("bad_lines", t("orderEntry.noLines", { example: "WID-100 10 12.50" }), NEW_EXAMPLE, "lines");
  if (lines.length > MAX_ORDER_LINES) messages.push(t("orderEntry.tooManyLines", { max: MAX_ORDER_LINES }));
  const currency = currencyOf(ctx, customer);
  const read: OrderLineInput[] = [];
  for (const line of lines) {
    const amount = readTypedAmount(line.price, currency, ctx.locale);
    if ("minor" in amount) read.push({ sku: line.sku, quantity: line.quantity, unitPrice: amount.minor, ...(line.description ? { description: line.description } : {}) });
    else if (amount.kind === "conflict") messages.push(t("orderEntry.priceConflict", { phrase: amount.phrase, sku: line.sku, written: amount.written ?? "", customer: customer.name, expected: currency }));
    else if (amount.kind === "tooLarge") messages.push(t("orderEntry.tooLarge"));
    else messages.push(t("orderEntry.priceUnreadable", { phrase: amount.phrase, sku: line.sku, currency, examples: amount.examples }));
  }
  const total = read.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  if (!Number.isSafeInteger(total)) messages.push(t("orderEntry.tooLarge"));
  if (messages.length) throw bad("bad_lines", messages.join(" "), NEW_EXAMPLE, "lines");
  return read;
}

/** The lines as one typed line again, for the button that repeats the order with `override`. */
function typedLines(lines: string): string {
  return lines.replace(/[\r\n]+/g, "; ").trim();
}

async function enterOrder(args: { customer?: string; lines?: string; override: boolean }, ctx: CommandContext) {
  const { t } = ctx;
  const lines = args.lines ?? "";
  if (!lines.trim()) throw bad("bad_lines", t("orderEntry.noLines", { example: "WID-100 10 12.50" }), NEW_EXAMPLE, "lines");
  const customer = await resolveCustomer(ctx, args.customer!, (ref) => `order new ${ref} ${typedLines(lines)}${args.override ? " override" : ""}`);
  assertCanEnterOrder(ctx, customer);
  const read = readLines(ctx, customer, args.lines);
  const total = read.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const currency = currencyOf(ctx, customer);
  const over = creditCheck(customer.creditLimit, await ctx.store.orderEntry.exposure(customer.id), total);
  if (over && !(args.override && can(ctx.member, "creditOverride"))) {
    const warning = t("orderEntry.creditOver", {
      customer: customer.name,
      limit: money(ctx, over.limit, currency),
      exposure: money(ctx, over.exposure, currency),
      excess: money(ctx, over.excess, currency),
    });
    if (args.override) throw new PermissionDenied(`${warning} ${t("orderEntry.overrideNotAllowed")}`);
    if (!can(ctx.member, "creditOverride")) throw new UserError("credit_limit", `${warning} ${t("orderEntry.creditAsk")}`);
    throw new UserError("credit_limit", warning, {
      example: `order new #${customer.id} ${typedLines(lines)} override`,
      choices: [{ label: t("orderEntry.creditAllow"), command: `order new #${customer.id} ${typedLines(lines)} override` }],
    });
  }
  const number = await ctx.store.orderEntry.nextNumber("order");
  const created = await ctx.store.orderEntry.create({
    customerId: customer.id,
    number,
    orderedOn: ctx.today,
    createdById: ctx.member.id,
    channelRef: ctx.channelRef ?? null,
    creditOverrideById: over ? ctx.member.id : null,
    lines: read,
  });
  await ctx.store.audit.record(ctx.member.id, { action: "order.create", entity: "order", entityId: created.id, after: { number, customerId: customer.id, total, lines: read } });
  if (over) {
    await ctx.store.audit.record(ctx.member.id, { action: "order.creditOverride", entity: "order", entityId: created.id, after: { number, limit: over.limit, exposure: over.exposure, excess: over.excess } });
    await raiseAlert(ctx.store, {
      recipientId: customer.ownerId,
      actorId: ctx.member.id,
      kind: "creditLimit",
      dedupeKey: `creditLimit:order:${created.id}`,
      payload: { cause: `order:${created.id}`, actor: ctx.member.displayName, customer: { id: customer.id, name: customer.name }, number, limit: over.limit, exposure: over.exposure, currency },
      now: ctx.now,
    });
  }
  const token = await undoToken(ctx, "order.create", { orderId: created.id, number });
  const title = t("orderEntry.created", { number, customer: customer.name });
  const blocks: Block[] = [
    {
      type: "card",
      title,
      subtitle: customer.name,
      fields: [
        { label: t("order.ordered"), value: ctx.today, inline: true },
        { label: t("order.total"), value: money(ctx, total, currency), inline: true },
        { label: t("order.lines"), value: t("orderEntry.lineCount", { count: read.length }), inline: true },
      ],
      ...(over ? { text: t("orderEntry.creditAllowed", { name: ctx.member.displayName }) } : {}),
      buttons: [
        { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
        { label: t("orderEntry.showOrder"), action: { kind: "run", command: `order ${number}` } },
      ],
    },
    {
      type: "table",
      columns: [t("column.sku"), t("column.description"), t("column.quantity"), t("column.unitPrice"), t("column.amount")],
      align: ["left", "left", "right", "right", "right"],
      rows: read.map((line) => [line.sku, line.description ?? "", String(line.quantity), money(ctx, line.unitPrice, currency), money(ctx, line.unitPrice * line.quantity, currency)]),
    },
  ];
  return reply.of(title, blocks);
}

async function cancelOrder(args: { number?: string; reason?: string }, ctx: CommandContext) {
  const { t } = ctx;
  const number = args.number!;
  const state = await ctx.store.orderEntry.state(number);
  if (!state) throw new NotFound(t("order.notFound", { number }), CANCEL_EXAMPLE);
  const customer = (await ctx.store.customers.get(state.customerId))!;
  assertCanEnterOrder(ctx, customer);
  if (state.cancelled) throw new UserError("already_cancelled", t("orderEntry.alreadyCancelled", { number: state.number }));
  if (state.shipmentCount > 0) throw new UserError("order_shipped", t("orderEntry.cancelShipped", { number: state.number }));
  if (state.invoiceCount > 0) throw new UserError("order_invoiced", t("orderEntry.cancelInvoiced", { number: state.number }));
  await ctx.store.orderEntry.cancel(state.id, args.reason ?? null, ctx.now);
  await ctx.store.audit.record(ctx.member.id, { action: "order.cancel", entity: "order", entityId: state.id, before: { status: state.status }, after: { status: "cancelled", reason: args.reason ?? null } });
  const title = t("orderEntry.cancelled", { number: state.number });
  return reply.of(title, [
    {
      type: "card",
      title,
      subtitle: customer.name,
      fields: [{ label: t("order.total"), value: money(ctx, state.total, currencyOf(ctx, customer)), inline: true }],
      ...(args.reason ? { text: t("orderEntry.cancelledReason", { reason: args.reason }) } : {}),
      buttons: [{ label: t("orderEntry.showOrder"), action: { kind: "run", command: `order ${state.number}` } }],
    },
  ]);
}

async function showOrder(number: string, ctx: CommandContext) {
  const { t } = ctx;
  const order = await ctx.store.orders.getByNumber(number);
  if (!order) {
    const similar = await ctx.store.orders.pick(sliceCodePoints(number, 4), 5, customerSearchScope(ctx));
    const message = similar.length
      ? t("order.notFoundSimilar", { number, numbers: similar.map((o) => o.number).join(", ") })
      : t("order.notFound", { number });
    throw new NotFound(message, "order SO-1042");
  }
  const customer = await ctx.store.customers.get(order.customerId);
  if (customer) assertMayReadCustomer(ctx, customer, number);
  // An order's amounts are in its customer's currency (null: the workspace's).
  const currency = customer?.currency ?? null;
  const status = t("order.status", { status: order.status });
  const blocks: Block[] = [
    {
      type: "card",
      title: t("order.title", { number: order.number }),
      subtitle: order.customerName,
      fields: [
        { label: t("order.statusLabel"), value: status, inline: true },
        { label: t("order.ordered"), value: order.orderedOn, inline: true },
        { label: t("order.total"), value: money(ctx, order.total, currency), inline: true },
        { label: t("order.invoiced"), value: money(ctx, order.invoiced, currency), inline: true },
        { label: t("order.paid"), value: money(ctx, order.paid, currency), inline: true },
        { label: t("order.open"), value: money(ctx, order.invoiced - order.paid - order.writtenOff, currency), inline: true },
      ],
      buttons: [{ label: t("order.customerButton"), action: { kind: "run", command: `show #${order.customerId}` } }],
    },
  ];
  if (order.lines.length) {
    blocks.push({
      type: "table",
      title: t("order.lines"),
      columns: [t("column.sku"), t("column.description"), t("column.quantity"), t("column.unitPrice"), t("column.amount")],
      align: ["left", "left", "right", "right", "right"],
      rows: order.lines.map((line) => [
        line.sku,
        line.description ?? "",
        String(line.quantity),
        money(ctx, line.unitPrice, currency),
        money(ctx, line.unitPrice * line.quantity, currency),
      ]),
    });
  }
  blocks.push(
    order.shipments.length
      ? {
          type: "list",
          title: t("order.shipments"),
          items: order.shipments.map((shipment) => {
            const shipped = t("shipment.status", { status: shipment.status });
            return {
              title: shipment.shippedOn ? t("order.shippedOn", { status: shipped, date: shipment.shippedOn }) : shipped,
              detail: [
                shipment.warehouse && t("order.from", { warehouse: shipment.warehouse }),
                shipment.carrier,
                shipment.tracking && t("order.tracking", { tracking: shipment.tracking }),
              ]
                .filter(Boolean)
                .join(" · ") || undefined,
            };
          }),
        }
      : { type: "text", text: t("order.notShipped"), tone: "muted" },
  );
  return reply.of(t("order.summary", { number: order.number, status }), withRecordLink(ctx, blocks, "order", order.number));
}

export const orderCommand = defineCommand({
  name: "order",
  summary: "Show an order, enter one with its lines, or cancel one",
  usage: "order <number> | order new <customer> <lines> [override] | order cancel <number> [reason]",
  examples: ["order SO-1042", NEW_EXAMPLE, CANCEL_EXAMPLE],
  formTitle: "Order",
  topic: "sales",
  options,
  schema: argsSchema,
  parseText: parseOrderWords,
  writes: (args) => args.action !== undefined,
  async handler(args, ctx) {
    if (args.action === "new") return enterOrder(args, ctx);
    if (args.action === "cancel") return cancelOrder(args, ctx);
    return showOrder(args.number!, ctx);
  },
});

