import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { UserError } from "../core/errors.js";
import { customerReference } from "./shared/arguments.js";
import { FIELDS_HELP, parseCustomerFields } from "./shared/customer-fields.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import { auditCustomerChange } from "./shared/audit-customer.js";

const EXAMPLE = "edit acme grade=A phone=\"+1 617 555 0100\" status=active";

export const editCommand = defineCommand({
  name: "edit",
  summary: "Change customer fields",
  usage: "edit <customer> field=value ...",
  formTitle: "Edit customer",
  examples: [EXAMPLE, "edit 宏达 region=上海 credit_limit=50000"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference },
    fields: { kind: "fields", description: `field=value pairs. ${FIELDS_HELP}`, required: true },
  },
  writes: true,
  async handler(args, ctx) {
    if (Object.keys(args.fields).length === 0) throw new UserError("missing_argument", `Say what to change. ${FIELDS_HELP}.`, { example: EXAMPLE });
    const patch = parseCustomerFields(args.fields, ctx.tenant.currency, EXAMPLE);
    const customer = await resolveCustomer(ctx, args.customer, (ref) => `edit ${ref} ${Object.entries(args.fields).map(([k, v]) => `${k}="${v}"`).join(" ")}`);
    assertCanModifyCustomer(ctx.member, customer);
    const { before, after } = await ctx.store.customers.update(customer.id, patch);
    const changed = Object.keys(patch) as (keyof typeof patch)[];
    await auditCustomerChange(ctx, { before, after, fields: changed });
    return reply.of(`Updated ${after.name}`, [
      {
        type: "fields",
        fields: changed.map((key) => ({ label: key, value: `${format(before[key])} -> ${format(after[key])}` })),
      },
    ]);
  },
});

function format(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  return Array.isArray(value) ? value.join(", ") : String(value);
}
