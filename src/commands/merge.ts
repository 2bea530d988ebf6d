import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import { UserError } from "../core/errors.js";
import { MERGE_TABLES } from "../core/merge-store.js";
import type { MergeUndo } from "../core/record-undo.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { customerReference } from "./shared/arguments.js";
import { quoted } from "./shared/format.js";

const EXAMPLE = "merge #57 into #12";
const INTO = /^(into|->|→)$/i;

export const mergeCommand = defineCommand({
  name: "merge",
  summary: "Merge a duplicate customer into another; its name becomes an alias (managers)",
  usage: "merge <customer> into <customer>",
  formTitle: "Merge duplicate",
  examples: [EXAMPLE, 'merge "Acme Corporation" into "Acme Corp"'],
  options: {
    duplicate: { kind: "customer", description: "The duplicate to merge away: name fragment or #id", required: true, schema: customerReference },
    into: { kind: "customer", description: "The customer to keep: name fragment or #id", required: true, schema: customerReference },
  },
  parseText(words) {
    const at = words.findIndex((word, index) => index > 0 && INTO.test(word));
    if (at < 0) return { duplicate: words.join(" ") || undefined };
    return { duplicate: words.slice(0, at).join(" ") || undefined, into: words.slice(at + 1).join(" ") || undefined };
  },
  writes: true,
  capability: "merge",
  async handler(args, ctx) {
    const { t } = ctx;
    const duplicate = await resolveCustomer(ctx, args.duplicate, (ref) => `merge ${ref} into ${quoted(args.into)}`);
    const kept = await resolveCustomer(ctx, args.into, (ref) => `merge #${duplicate.id} into ${ref}`);
    if (duplicate.id === kept.id) throw new UserError("same_customer", t("merge.same", { customer: kept.name }), { example: EXAMPLE });
    if (duplicate.mergedIntoId) {
      const target = await ctx.store.customers.get(duplicate.mergedIntoId);
      throw new UserError("already_merged", t("merge.alreadyMerged", { customer: duplicate.name, into: target?.name ?? `#${duplicate.mergedIntoId}` }));
    }
    if (kept.archivedAt) throw new UserError("archived", t("archive.isArchived", { customer: kept.name, id: String(kept.id) }), { example: `archive #${kept.id} undo` });
    // Amounts are in each customer's currency: moving invoices across currencies would change their value.
    const currency = (customer: typeof kept) => customer.currency ?? ctx.tenant.currency;
    if (currency(duplicate) !== currency(kept)) {
      throw new UserError("currency_mismatch", t("merge.currencyMismatch", { duplicate: duplicate.name, customer: kept.name, from: currency(duplicate), to: currency(kept) }), {
        example: `edit #${duplicate.id} currency=${currency(kept)}`,
      });
    }
    const result = await ctx.store.merges.merge({ duplicateId: duplicate.id, keepId: kept.id, at: ctx.now });
    await ctx.store.audit.record(ctx.member.id, {
      action: "customer.merge",
      entity: "customer",
      entityId: duplicate.id,
      before: { mergedIntoId: null, archivedAt: duplicate.archivedAt ?? null },
      after: { mergedIntoId: kept.id, moved: result.moves },
    });
    const token = randomUUID();
    const payload: MergeUndo = { duplicateId: duplicate.id, keepId: kept.id, ...result };
    await ctx.store.undo.create({ token, memberId: ctx.member.id, kind: "customer.merge", payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
    const moved = MERGE_TABLES.filter((table) => result.moves[table].length > 0);
    return reply.of(t("merge.title", { duplicate: duplicate.name, customer: kept.name }), [
      {
        type: "card",
        title: `${kept.name}  #${kept.id}`,
        text: t("merge.text", { duplicate: duplicate.name, id: String(duplicate.id) }),
        fields: moved.length
          ? moved.map((table) => ({ label: t("merge.moved", { table }), value: String(result.moves[table].length), inline: true }))
          : [{ label: t("merge.moved", { table: "none" }), value: "0", inline: true }],
        buttons: [
          { label: t("button.undo"), style: "danger", action: { kind: "undo", token } },
          { label: t("log.showCustomer"), action: { kind: "run", command: `show #${kept.id}` } },
        ],
      },
    ]);
  },
});
