import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { customerReference, PAGE_SIZE, pageOption } from "./shared/arguments.js";
import { money, paging } from "./shared/format.js";

export const ordersCommand = defineCommand({
  name: "orders",
  summary: "A customer's orders, newest first",
  usage: "orders <customer> [page=N]",
  examples: ["orders acme", "orders #42 page=2"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference },
    page: pageOption,
  },
  topic: "sales",
  writes: false,
  async handler({ customer: reference, page }, ctx) {
    const customer = await resolveCustomer(ctx, reference, (ref) => `orders ${ref}`);
    const { items, total } = await ctx.store.orders.listForCustomer(customer.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const { t } = ctx;
    if (total === 0) {
      const none = t("orders.none", { name: customer.name });
      return reply.text(none, none);
    }
    return reply.of(
      t("orders.title", { name: customer.name }),
      [
        {
          type: "table",
          title: t("orders.tableTitle", { name: customer.name, total }),
          columns: [t("column.order"), t("column.date"), t("column.status"), t("column.total"), t("column.open")],
          align: ["left", "left", "left", "right", "right"],
          rows: items.map((order) => [
            order.number,
            order.orderedOn,
            t("order.status", { status: order.status }),
            money(ctx, order.total, customer.currency),
            money(ctx, order.invoiced - order.paid - order.writtenOff, customer.currency),
          ]),
        },
        {
          type: "buttons",
          buttons: [
            ...items.slice(0, 5).map((order) => ({ label: order.number, action: { kind: "run" as const, command: `order ${order.number}` } })),
            // The order form, with its multi-line lines field, for this customer.
            { label: t("orderEntry.newOrder"), style: "primary" as const, action: { kind: "form" as const, command: "order", prefill: { action: "new", customer: `#${customer.id}` } } },
          ],
        },
      ],
      { paging: paging((n) => `orders #${customer.id} page=${n}`, page, total, PAGE_SIZE) },
    );
  },
});
