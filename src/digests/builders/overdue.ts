/**
 * Overdue payments digest: ageing buckets with totals, the largest debtors with a suggested next
 * step each, and customers over their credit limit.
 */
import { AGEING_BUCKETS, type AgeingBucket } from "../../core/domain.js";
import { reply, type Block } from "../../core/reply.js";
import { customerLabel, money, moreLine, ownerLabel, plural } from "./format.js";
import type { BuiltDigest, Debtor, DigestContext, OverdueData } from "./types.js";

/** The oldest non-empty bucket decides how firm the next step is. */
export function suggestedNextStep(debtor: Pick<Debtor, "oldestBucket" | "balance" | "creditLimit">): string {
  const overLimit = debtor.creditLimit !== null && debtor.balance > debtor.creditLimit;
  const step: Record<AgeingBucket, string> = {
    "0-30": "Send a friendly payment reminder",
    "31-60": "Call the customer's accounts payable contact and agree a payment date",
    "61-90": "Escalate to the account owner's manager; ask for a payment plan",
    "91-180": "Put new orders on credit hold until the balance is settled",
    ">180": "Hand over to collections or review for write-off",
  };
  return `${step[debtor.oldestBucket]}${overLimit && debtor.oldestBucket !== "91-180" && debtor.oldestBucket !== ">180" ? "; hold new orders (over credit limit)" : ""}.`;
}

export function buildOverdueDigest(data: OverdueData, ctx: DigestContext): BuiltDigest {
  const title = `Overdue payments on ${ctx.today}`;
  if (data.total === 0 && data.overLimitCount === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: "Nothing overdue and nobody over their credit limit. All clear." }], { visibility: "channel" }) };
  }
  const oldest = data.totals["91-180"] + data.totals[">180"];
  const blocks: Block[] = [
    {
      type: "text",
      text: `${money(ctx, data.total)} overdue across ${plural(data.customerCount, "customer")}; ${money(ctx, oldest)} of it more than 90 days. ${plural(data.overLimitCount, "customer")} over their credit limit.`,
    },
    {
      type: "table",
      title: "Ageing (days past due)",
      columns: [...AGEING_BUCKETS, "Total"],
      align: ["right", "right", "right", "right", "right", "right"],
      rows: [[...AGEING_BUCKETS.map((bucket) => money(ctx, data.totals[bucket])), money(ctx, data.total)]],
    },
  ];
  if (data.debtors.length) {
    blocks.push({
      type: "list",
      title: "Largest debtors",
      items: data.debtors.map((debtor) => ({
        title: `${customerLabel(debtor)}: ${money(ctx, debtor.overdue)} overdue (oldest ${debtor.oldestBucket} days)`,
        detail: `${ownerLabel(debtor.owner)} · Next step: ${suggestedNextStep(debtor)}`,
      })),
    });
    blocks.push(...moreLine(data.customerCount - data.debtors.length, "overdue"));
  }
  if (data.overLimit.length) {
    blocks.push({
      type: "list",
      title: "Over credit limit",
      items: data.overLimit.map((row) => ({
        title: customerLabel(row),
        detail: `balance ${money(ctx, row.balance)}, limit ${money(ctx, row.creditLimit)} (over by ${money(ctx, row.balance - row.creditLimit)})`,
      })),
    });
    blocks.push(...moreLine(data.overLimitCount - data.overLimit.length, "overdue"));
  }
  return { empty: false, reply: reply.of(`${title}: ${money(ctx, data.total)}`, blocks, { visibility: "channel" }) };
}
