import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer, resolveMember } from "../core/resolve.js";
import { customerReference, memberReference } from "./shared/arguments.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import { auditCustomerChange } from "./shared/audit-customer.js";
import { raiseAlert } from "../core/alerts-raise.js";

export const assignCommand = defineCommand({
  name: "assign",
  summary: "Give a customer to another owner",
  usage: "assign <customer> <member>",
  examples: ["assign acme @alice", "assign 宏达 me"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference },
    member: { kind: "member", description: "The new owner (@name, name, or me)", required: true, schema: memberReference },
  },
  writes: true,
  async handler(args, ctx) {
    const customer = await resolveCustomer(ctx, args.customer, (ref) => `assign ${ref} ${args.member}`);
    assertCanModifyCustomer(ctx.member, customer, ctx.t);
    const owner = await resolveMember(ctx, args.member);
    const { before, after } = await ctx.store.customers.update(customer.id, { ownerId: owner.id });
    await auditCustomerChange(ctx, { action: "customer.assign", before, after, fields: ["ownerId"] });
    if (before.ownerId !== owner.id) {
      await raiseAlert(ctx.store, {
        recipientId: owner.id,
        actorId: ctx.member.id,
        kind: "assigned",
        dedupeKey: `assigned:customer:${customer.id}:${ctx.now.getTime()}`,
        payload: { cause: `assign:${customer.id}`, actor: ctx.member.displayName, customer: { id: customer.id, name: customer.name } },
        now: ctx.now,
      });
    }
    const values = { customer: customer.name, owner: owner.displayName };
    return reply.text(ctx.t("assign.title", values), ctx.t("assign.text", values));
  },
});
