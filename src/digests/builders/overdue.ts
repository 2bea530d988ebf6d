/**
 * Overdue payments digest: ageing buckets with totals, the largest debtors with a suggested next
 * step each, and customers over their credit limit.
 */
import { AGEING_BUCKETS } from "../../core/domain.js";
import { reply, type Block } from "../../core/reply.js";
import type { Translate } from "../../core/i18n/translator.js";
import { createTranslator } from "../../core/i18n/translator.js";
import { customerLabel, day, money, moreLine, ownerLabel, say, translator } from "./format.js";
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
  const oldest = data.totals["91-180"] + data.totals[">180"];
  const blocks: Block[] = [
    {
      type: "text",
      text: say(ctx, "digest.overdue.summary", { total: money(ctx, data.total), customers: data.customerCount, oldest: money(ctx, oldest), overLimit: data.overLimitCount }),
    },
    {
      type: "table",
      title: say(ctx, "digest.overdue.ageing"),
      columns: [...AGEING_BUCKETS, say(ctx, "digest.overdue.total")],
      align: ["right", "right", "right", "right", "right", "right"],
      rows: [[...AGEING_BUCKETS.map((bucket) => money(ctx, data.totals[bucket])), money(ctx, data.total)]],
    },
  ];
  if (data.debtors.length) {
    blocks.push({
      type: "list",
      title: say(ctx, "digest.overdue.debtors"),
      items: data.debtors.map((debtor) => ({
        title: say(ctx, "digest.overdue.debtor", { customer: customerLabel(debtor), amount: money(ctx, debtor.overdue), bucket: debtor.oldestBucket }),
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
        detail: say(ctx, "digest.overdue.overLimitDetail", { balance: money(ctx, row.balance), limit: money(ctx, row.creditLimit), over: money(ctx, row.balance - row.creditLimit) }),
      })),
    });
    blocks.push(...moreLine(data.overLimitCount - data.overLimit.length, "overdue", ctx));
  }
  return { empty: false, reply: reply.of(say(ctx, "digest.overdue.headline", { title, total: money(ctx, data.total) }), blocks, { visibility: "channel" }) };
}
