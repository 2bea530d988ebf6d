/** Audits a customer change as before/after of just the fields that were set. */
import type { CommandContext } from "../../core/context.js";
import type { Customer } from "../../core/domain.js";

export async function auditCustomerChange(
  ctx: CommandContext,
  change: { action?: string; before: Customer; after: Customer; fields: readonly (keyof Customer)[] },
): Promise<void> {
  const pick = (customer: Customer) => Object.fromEntries(change.fields.map((field) => [field, customer[field]]));
  await ctx.store.audit.record(ctx.member.id, {
    action: change.action ?? "customer.update",
    entity: "customer",
    entityId: change.after.id,
    before: pick(change.before),
    after: pick(change.after),
  });
}
