import { defineCommand } from "../core/command.js";
import { customerSearchScope } from "../core/customer-visibility.js";
import { reply, type Block } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { AGEING_BUCKETS } from "../core/domain.js";
import { money } from "./shared/format.js";
import { text } from "./shared/arguments.js";

export const overdueCommand = defineCommand({
  name: "overdue",
  summary: "Receivable ageing (0-30, 31-60, 61-90, 91-180, >180 days past due), totals and credit-limit breaches",
  usage: "overdue [customer]",
  examples: ["overdue", "overdue acme"],
  options: { customer: { kind: "customer", description: "Only this customer", typed: "rest", schema: text("The customer", 200) } },
  topic: "sales",
  writes: false,
  async handler(args, ctx) {
    const customer = args.customer ? await resolveCustomer(ctx, args.customer, (ref) => `overdue ${ref}`) : null;
    // A rep who may read only their own customers gets the ageing of those (and of the unowned ones).
    const visibility = customerSearchScope(ctx);
    const ageing = await ctx.store.receivables.ageing({ today: ctx.today, customerId: customer?.id, limit: 15, ...visibility });
    const scope = customer ? customer.name : ctx.t(visibility.visibleTo ? "overdue.yourCustomers" : "overdue.allCustomers");
    // One customer's totals are in its currency; totals over all customers per currency (below).
    const totalCurrency = customer?.currency ?? null;
    // A customer's balance and limit are both in the customer's currency; totals over customers are in the workspace's.
    const breaches = ageing.rows.filter((row) => row.creditLimit !== null && row.balance > row.creditLimit);
    if (ageing.total === 0 && breaches.length === 0) {
      return reply.text(ctx.t("overdue.nothingTitle", { scope }), ctx.t("overdue.nothingText", { scope }));
    }
    // Customers in several currencies: one row and one total per currency, never a sum of won and dollars.
    const groups = !customer && ageing.byCurrency?.length ? ageing.byCurrency : [{ currency: totalCurrency, totals: ageing.totals, total: ageing.total }];
    const shownTotals = groups.filter((group) => group.total !== 0);
    const total = shownTotals.length > 1 ? shownTotals.map((group) => money(ctx, group.total, group.currency)).join(" + ") : money(ctx, (shownTotals[0] ?? groups[0]!).total, (shownTotals[0] ?? groups[0]!).currency);
    const blocks: Block[] = [
      {
        type: "table",
        title: customer
          ? ctx.t("overdue.tableTitleCustomer", { customer: customer.name, total })
          : ctx.t(visibility.visibleTo ? "overdue.tableTitleYours" : "overdue.tableTitleAll", { total, count: ageing.customerCount, countText: String(ageing.customerCount) }),
        columns: [ctx.t("overdue.daysPastDue"), ...AGEING_BUCKETS.map((bucket) => ctx.t("overdue.bucket", { bucket })), ctx.t("overdue.total")],
        align: ["left", "right", "right", "right", "right", "right", "right"],
        rows: groups.map((group) => [ctx.t("overdue.amount"), ...AGEING_BUCKETS.map((bucket) => money(ctx, group.totals[bucket], group.currency)), money(ctx, group.total, group.currency)]),
      },
    ];
    if (!customer && ageing.rows.length) {
      blocks.push({
        type: "table",
        title: ctx.t("overdue.largest"),
        columns: [ctx.t("overdue.customer"), ctx.t("overdue.overdue"), ctx.t("overdue.over90"), ctx.t("overdue.balance"), ctx.t("overdue.creditLimit")],
        align: ["left", "right", "right", "right", "right"],
        rows: ageing.rows.map((row) => {
          const overdue = AGEING_BUCKETS.reduce((sum, bucket) => sum + row.buckets[bucket], 0);
          return [
            `${row.customerName} #${row.customerId}`,
            money(ctx, overdue, row.creditLimitCurrency),
            money(ctx, row.buckets["91-180"] + row.buckets[">180"], row.creditLimitCurrency),
            money(ctx, row.balance, row.creditLimitCurrency),
            row.creditLimit === null ? "-" : money(ctx, row.creditLimit, row.creditLimitCurrency),
          ];
        }),
      });
    }
    if (breaches.length) {
      blocks.push({
        type: "list",
        title: ctx.t("overdue.overLimit"),
        items: breaches.map((row) => ({
          title: `${row.customerName} #${row.customerId}`,
          detail: ctx.t("overdue.overLimitDetail", {
            balance: money(ctx, row.balance, row.creditLimitCurrency),
            limit: money(ctx, row.creditLimit!, row.creditLimitCurrency),
            excess: money(ctx, row.balance - row.creditLimit!, row.creditLimitCurrency),
          }),
        })),
      });
    }
    return reply.of(ctx.t("overdue.replyTitle", { total }), blocks);
  },
});
