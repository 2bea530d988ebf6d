import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { fieldValues, text } from "./shared/arguments.js";
import { FIELDS_HELP, parseCustomerFields } from "./shared/customer-fields.js";
import { customerCard } from "./shared/customer-card.js";

const EXAMPLE = 'new "Acme Corp" grade=A industry=Manufacturing city=Boston phone="+1 617 555 0100"';

export const newCommand = defineCommand({
  name: "new",
  summary: "Create a customer (you become its owner)",
  usage: "new <name> [field=value ...]",
  formTitle: "New customer",
  examples: [EXAMPLE, "new 上海宏达贸易有限公司 region=上海 status=active"],
  options: {
    name: { kind: "text", description: "Customer name", required: true, typed: "rest", schema: text("The customer name", 200) },
    fields: { kind: "fields", description: `field=value pairs. ${FIELDS_HELP}`, schema: fieldValues.default({}) },
  },
  writes: true,
  async handler({ name, fields }, ctx) {
    const patch = parseCustomerFields(fields, { currency: ctx.tenant.currency, locale: ctx.locale, example: EXAMPLE });
    const duplicates = (await ctx.store.customers.search(name, { limit: 3 })).filter((hit) => hit.score >= 1);
    const customer = await ctx.store.customers.create({ ...patch, name, ownerId: ctx.member.id });
    await ctx.store.audit.record(ctx.member.id, { action: "customer.create", entity: "customer", entityId: customer.id, after: customer });
    const profile = (await ctx.store.customers.profile(customer.id, ctx.today))!;
    return reply.of(ctx.t("new.title", { customer: customer.name }), [
      { type: "text", text: ctx.t("new.created", { customer: customer.name, id: customer.id }) },
      customerCard(ctx, profile),
      ...(duplicates.length
        ? [{ type: "text" as const, tone: "warning" as const, text: ctx.t("new.duplicate", { ids: duplicates.map((hit) => `#${hit.id}`).join(", ") }) }]
        : []),
    ]);
  },
});
