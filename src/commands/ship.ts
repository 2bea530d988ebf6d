/**
 * ship <order> [SKU qty ...] [carrier=] [tracking=] [warehouse=]
 *
 * Examples: `ship SO-1043`, `ship SO-1043 WID-100 40; WID-200 2 carrier=DHL tracking=JD0146`.
 * Records a shipment (partial shipments allowed; without lines everything not shipped yet) and
 * refuses more than ordered. The reply carries the delivery notice, and the channel the order was
 * entered in gets it too when the shipment is recorded elsewhere.
 */
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import { NotFound, UserError } from "../core/errors.js";
import { unshipped, type OrderState } from "../core/order-entry.js";
import { reply, type Field } from "../core/reply.js";
import { text } from "./shared/arguments.js";
import { undoToken } from "./order-entry-shared.js";

const EXAMPLE = "ship SO-1043 WID-100 40 carrier=DHL tracking=JD0146";

/** `WID-100 40; WID-200 2` (also on separate lines): SKU and quantity pairs, or null when they do not pair up. */
export function readShipLines(typed: string): { sku: string; quantity: number }[] | null {
  const words = typed.split(/[\s;；,，]+/).filter(Boolean);
  if (words.length % 2 !== 0) return null;
  const lines: { sku: string; quantity: number }[] = [];
  for (let at = 0; at < words.length; at += 2) {
    const quantity = words[at + 1]!;
    if (!/^\d{1,9}$/.test(quantity) || Number(quantity) === 0) return null;
    lines.push({ sku: words[at]!, quantity: Number(quantity) });
  }
  return lines;
}

/** What to ship, checked against what is left: the typed lines, or everything left. */
function shipmentLines(state: OrderState, typed: string | undefined, ctx: CommandContext): { sku: string; quantity: number }[] {
  const { t } = ctx;
  const left = unshipped(state.lines);
  if (left.size === 0) throw new UserError("nothing_to_ship", t("ship.nothingLeft", { number: state.number }));
  if (!typed) return [...left].map(([key, quantity]) => ({ sku: state.lines.find((line) => line.sku.toUpperCase() === key)!.sku, quantity }));
  const asked = readShipLines(typed);
  if (!asked || asked.length === 0) throw new UserError("bad_lines", t("ship.badLines", { example: "WID-100 40; WID-200 2" }), { example: EXAMPLE, field: "lines" });
  const wanted = new Map<string, number>();
  for (const line of asked) wanted.set(line.sku.toUpperCase(), (wanted.get(line.sku.toUpperCase()) ?? 0) + line.quantity);
  const skus = [...new Set(state.lines.map((line) => line.sku))].join(", ");
  const problems: string[] = [];
  for (const [key, quantity] of wanted) {
    const line = state.lines.find((candidate) => candidate.sku.toUpperCase() === key);
    if (!line) problems.push(t("ship.unknownSku", { number: state.number, sku: key, skus }));
    else if (quantity > (left.get(key) ?? 0)) problems.push(t("ship.tooMany", { number: state.number, sku: line.sku, left: left.get(key) ?? 0, asked: quantity }));
  }
  if (problems.length) throw new UserError("too_many", problems.join(" "), { example: EXAMPLE, field: "lines" });
  return [...wanted].map(([key, quantity]) => ({ sku: state.lines.find((line) => line.sku.toUpperCase() === key)!.sku, quantity }));
}

export const shipCommand = defineCommand({
  name: "ship",
  summary: "Record a shipment and post a delivery notice",
  usage: "ship <number> [SKU qty] [carrier=] [tracking=] [warehouse=]",
  examples: [EXAMPLE, "ship SO-1043"],
  formTitle: "Shipment",
  topic: "sales",
  capability: "orders",
  options: {
    number: { kind: "order", description: "Order number, e.g. SO-1042", required: true, schema: text("The order number", 60) },
    lines: { kind: "text", description: "SKU qty pairs; empty ships all that is left", typed: "rest", multiline: true, schema: text("lines", 3000) },
    carrier: { kind: "text", description: "Carrier, e.g. DHL", typed: "key", schema: text("carrier", 100) },
    tracking: { kind: "text", description: "Tracking number", typed: "key", schema: text("tracking", 100) },
    warehouse: { kind: "text", description: "Warehouse", typed: "key", schema: text("warehouse", 100) },
  },
  writes: true,
  async handler(args, ctx) {
    const { t } = ctx;
    const state = await ctx.store.orderEntry.state(args.number);
    if (!state) throw new NotFound(t("order.notFound", { number: args.number }), EXAMPLE);
    if (state.cancelled) throw new UserError("order_cancelled", t("orderEntry.isCancelled", { number: state.number }));
    const lines = shipmentLines(state, args.lines, ctx);
    const customer = (await ctx.store.customers.get(state.customerId))!;
    const shipment = {
      orderId: state.id,
      shippedOn: ctx.today,
      createdById: ctx.member.id,
      carrier: args.carrier ?? null,
      tracking: args.tracking ?? null,
      warehouse: args.warehouse ?? null,
      lines,
    };
    const { shipmentId, allShipped } = await ctx.store.orderEntry.ship(shipment);
    await ctx.store.audit.record(ctx.member.id, { action: "shipment.create", entity: "shipment", entityId: shipmentId, after: { order: state.number, ...shipment } });
    const token = await undoToken(ctx, "shipment.create", { shipmentId, number: state.number });
    const after = (await ctx.store.orderEntry.stateById(state.id))!;
    const remaining = [...unshipped(after.lines)].map(([key, quantity]) => `${after.lines.find((line) => line.sku.toUpperCase() === key)!.sku} × ${quantity}`);
    const fields: Field[] = [
      { label: t("ship.shippedLines"), value: lines.map((line) => `${line.sku} × ${line.quantity}`).join(", ") },
      ...(shipment.carrier ? [{ label: t("ship.carrier"), value: shipment.carrier, inline: true }] : []),
      ...(shipment.tracking ? [{ label: t("ship.tracking"), value: shipment.tracking, inline: true }] : []),
      ...(shipment.warehouse ? [{ label: t("ship.warehouse"), value: shipment.warehouse, inline: true }] : []),
    ];
    const title = t("ship.title", { number: state.number, customer: customer.name });
    const notice = `${t("ship.notice", { number: state.number, customer: customer.name, date: ctx.today })} ${allShipped ? t("ship.allShipped") : t("ship.remaining", { items: remaining.join(", ") })}`;
    // The order's channel hears of the shipment when it is shipped from elsewhere (posted after commit).
    const orderChannel = state.channelRef && state.channelRef !== ctx.channelRef && ctx.announce ? state.channelRef : null;
    if (orderChannel) ctx.announce!(orderChannel, reply.of(notice, [{ type: "card", title, text: notice, fields }]));
    return reply.of(
      title,
      [
        {
          type: "card",
          title,
          text: orderChannel ? `${notice}\n${t("ship.noticePosted", { channel: ctx.channels.format(orderChannel) })}` : notice,
          fields,
          buttons: [
            { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
            { label: t("orderEntry.showOrder"), action: { kind: "run", command: `order ${state.number}` } },
          ],
        },
      ],
    );
  },
});
