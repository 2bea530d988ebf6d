import { defineCommand } from "../core/command.js";
import { reply, type Block } from "../core/reply.js";
import { NotFound } from "../core/errors.js";
import { sliceCodePoints } from "../core/text/normalize.js";
import { text } from "./shared/arguments.js";
import { money } from "./shared/format.js";

export const orderCommand = defineCommand({
  name: "order",
  summary: "Status of one order: lines, shipments, invoiced and paid",
  usage: "order <number>",
  examples: ["order SO-1042"],
  options: { number: { kind: "order", description: "Order number, e.g. SO-1042", required: true, typed: "rest", schema: text("The order number", 60) } },
  writes: false,
  async handler({ number }, ctx) {
    const order = await ctx.store.orders.getByNumber(number);
    if (!order) {
      const similar = await ctx.store.orders.pick(sliceCodePoints(number, 4), 5);
      const hint = similar.length ? ` Recent orders starting like it: ${similar.map((o) => o.number).join(", ")}.` : "";
      throw new NotFound(`No order ${number} in this workspace.${hint}`, "order SO-1042");
    }
    const blocks: Block[] = [
      {
        type: "card",
        title: `Order ${order.number}`,
        subtitle: order.customerName,
        fields: [
          { label: "Status", value: order.status, inline: true },
          { label: "Ordered", value: order.orderedOn, inline: true },
          { label: "Total", value: money(ctx, order.total), inline: true },
          { label: "Invoiced", value: money(ctx, order.invoiced), inline: true },
          { label: "Paid", value: money(ctx, order.paid), inline: true },
          { label: "Open", value: money(ctx, order.invoiced - order.paid), inline: true },
        ],
        buttons: [{ label: "Customer", action: { kind: "run", command: `show #${order.customerId}` } }],
      },
    ];
    if (order.lines.length) {
      blocks.push({
        type: "table",
        title: "Lines",
        columns: ["SKU", "Description", "Qty", "Unit price", "Amount"],
        align: ["left", "left", "right", "right", "right"],
        rows: order.lines.map((line) => [
          line.sku,
          line.description ?? "",
          String(line.quantity),
          money(ctx, line.unitPrice),
          money(ctx, line.unitPrice * line.quantity),
        ]),
      });
    }
    blocks.push(
      order.shipments.length
        ? {
            type: "list",
            title: "Shipments",
            items: order.shipments.map((shipment) => ({
              title: `${shipment.status}${shipment.shippedOn ? ` on ${shipment.shippedOn}` : ""}`,
              detail: [shipment.warehouse && `from ${shipment.warehouse}`, shipment.carrier, shipment.tracking && `tracking ${shipment.tracking}`]
                .filter(Boolean)
                .join(" · ") || undefined,
            })),
          }
        : { type: "text", text: "Not shipped yet.", tone: "muted" },
    );
    return reply.of(`Order ${order.number}: ${order.status}`, blocks);
  },
});
