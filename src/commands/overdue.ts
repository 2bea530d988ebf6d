import { defineCommand } from "../core/command.js";
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
  writes: false,
  async handler(args, ctx) {
    const customer = args.customer ? await resolveCustomer(ctx, args.customer, (ref) => `overdue ${ref}`) : null;
    const ageing = await ctx.store.receivables.ageing({ today: ctx.today, customerId: customer?.id, limit: 15 });
    const scope = customer ? customer.name : "all customers";
    // A limit in another currency than the balances is not compared (no exchange rates here).
    const comparable = (row: (typeof ageing.rows)[number]) => (row.creditLimitCurrency ?? ctx.tenant.currency) === ctx.tenant.currency;
    const breaches = ageing.rows.filter((row) => row.creditLimit !== null && comparable(row) && row.balance > row.creditLimit);
    if (ageing.total === 0 && breaches.length === 0) {
      return reply.text(`Nothing overdue for ${scope}`, `Nothing overdue for ${scope}.`);
    }
    const blocks: Block[] = [
      {
        type: "table",
        title: `Overdue receivables, ${scope}: ${money(ctx, ageing.total)}${customer ? "" : ` across ${ageing.customerCount} customers`}`,
        columns: ["Days past due", ...AGEING_BUCKETS, "Total"],
        align: ["left", "right", "right", "right", "right", "right", "right"],
        rows: [["Amount", ...AGEING_BUCKETS.map((bucket) => money(ctx, ageing.totals[bucket])), money(ctx, ageing.total)]],
      },
    ];
    if (!customer && ageing.rows.length) {
      blocks.push({
        type: "table",
        title: "Largest overdue accounts",
        columns: ["Customer", "Overdue", ">90 days", "Balance", "Credit limit"],
        align: ["left", "right", "right", "right", "right"],
        rows: ageing.rows.map((row) => {
          const overdue = AGEING_BUCKETS.reduce((sum, bucket) => sum + row.buckets[bucket], 0);
          return [
            `${row.customerName} #${row.customerId}`,
            money(ctx, overdue),
            money(ctx, row.buckets["91-180"] + row.buckets[">180"]),
            money(ctx, row.balance),
            row.creditLimit === null ? "-" : money(ctx, row.creditLimit, row.creditLimitCurrency),
          ];
        }),
      });
    }
    if (breaches.length) {
      blocks.push({
        type: "list",
        title: "Over credit limit",
        items: breaches.map((row) => ({
          title: `${row.customerName} #${row.customerId}`,
          detail: `balance ${money(ctx, row.balance)} exceeds limit ${money(ctx, row.creditLimit!)} by ${money(ctx, row.balance - row.creditLimit!)}`,
        })),
      });
    }
    return reply.of(`Overdue receivables: ${money(ctx, ageing.total)}`, blocks);
  },
});
