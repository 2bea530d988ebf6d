/**
 * Overdue payments digest: ageing buckets with totals, the largest debtors with a suggested next
 * step each, and customers over their credit limit.
 */
import { AGEING_BUCKETS } from "../../core/domain.js";
import { reply, type Block } from "../../core/reply.js";
import type { Translate } from "../../core/i18n/translator.js";
import { createTranslator } from "../../core/i18n/translator.js";
import { customerLabel, day, money, moneyPerCurrency, moreLine, ownerLabel, say, translator } from "./format.js";
import type { BuiltDigest, Debtor, DigestContext, OverdueData } from "./types.js";

/** The oldest non-empty bucket decides how firm the next step is. */
export function suggestedNextStep(debtor: Pick<Debtor, "oldestBucket" | "balance" | "creditLimit">, t: Translate = createTranslator("en")): string {
  const overLimit = debtor.creditLimit !== null && debtor.balance > debtor.creditLimit;
  const step = t(`digest.overdue.step.${debtor.oldestBucket}`);
  const hold = overLimit && debtor.oldestBucket !== "91-180" && debtor.oldestBucket !== ">180";
  return t(hold ? "digest.overdue.stepHold" : "digest.overdue.stepOnly", { step });
}

export function buildOverdueDigest(data: OverdueData, ctx: DigestContext): BuiltDigest {
  const title = say(ctx, "digest.overdue.title", { date: day(ctx, ctx.today) });
  if (data.total === 0 && data.overLimitCount === 0) {
    return { empty: true, reply: reply.of(title, [{ type: "text", text: say(ctx, "digest.overdue.empty") }], { visibility: "channel" }) };
  }
  const groups = data.byCurrency?.length ? data.byCurrency : [{ currency: ctx.currency, totals: data.totals, total: data.total }];
  const total = moneyPerCurrency(ctx, groups.map((group) => ({ currency: group.currency, minor: group.total })));
  const oldest = moneyPerCurrency(ctx, groups.map((group) => ({ currency: group.currency, minor: group.totals["91-180"] + group.totals[">180"] })));
  const blocks: Block[] = [
    {
      type: "text",
      text: say(ctx, "digest.overdue.summary", { total, customers: data.customerCount, oldest, overLimit: data.overLimitCount }),
    },
    {
      type: "table",
      title: say(ctx, "digest.overdue.ageing"),
      columns: [...AGEING_BUCKETS, say(ctx, "digest.overdue.total")],
      align: ["right", "right", "right", "right", "right", "right"],
      // One row per currency: the buckets of won and dollar customers are not added together.
      rows: groups.map((group) => [...AGEING_BUCKETS.map((bucket) => money(ctx, group.totals[bucket], group.currency)), money(ctx, group.total, group.currency)]),
    },
  ];
  if (data.debtors.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.overdue.debtors"),
      items: data.debtors.map((debtor) => ({
        title: say(ctx, "digest.overdue.debtor", { customer: customerLabel(debtor), amount: money(ctx, debtor.overdue, debtor.currency), bucket: debtor.oldestBucket }),
        detail: say(ctx, "digest.overdue.debtorDetail", { owner: ownerLabel(debtor.owner, ctx), step: suggestedNextStep(debtor, translator(ctx)) }),
      })),
    });
    blocks.push(...moreLine(data.customerCount - data.debtors.length, "overdue", ctx));
  }
  if (data.overLimit.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.overdue.overLimit"),
      items: data.overLimit.map((row) => ({
        title: customerLabel(row),
        detail: say(ctx, "digest.overdue.overLimitDetail", { balance: money(ctx, row.balance, row.currency), limit: money(ctx, row.creditLimit, row.currency), over: money(ctx, row.balance - row.creditLimit, row.currency) }),
      })),
    });
    blocks.push(...moreLine(data.overLimitCount - data.overLimit.length, "overdue", ctx));
  }
  return { empty: false, reply: reply.of(say(ctx, "digest.overdue.headline", { title, total }), blocks, { visibility: "channel" }) };
}
