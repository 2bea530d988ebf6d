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
    const { t } = ctx;
    const order = await ctx.store.orders.getByNumber(number);
    if (!order) {
      const similar = await ctx.store.orders.pick(sliceCodePoints(number, 4), 5);
      const message = similar.length
        ? t("order.notFoundSimilar", { number, numbers: similar.map((o) => o.number).join(", ") })
        : t("order.notFound", { number });
      throw new NotFound(message, "order SO-1042");
    }
    // An order's amounts are in its customer's currency (null: the workspace's).
    const currency = (await ctx.store.customers.get(order.customerId))?.currency ?? null;
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
          { label: t("order.open"), value: money(ctx, order.invoiced - order.paid, currency), inline: true },
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
    return reply.of(t("order.summary", { number: order.number, status }), blocks);
  },
});
