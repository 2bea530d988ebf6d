import { defineCommand } from "../core/command.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { UserError } from "../core/errors.js";
import { customerReference } from "./shared/arguments.js";
import { FIELDS_HELP, fieldsHelp, parseCustomerFields } from "./shared/customer-fields.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import { auditCustomerChange } from "./shared/audit-customer.js";
import { formatMoney } from "../core/money/index.js";
import { quoted } from "./shared/format.js";

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
    if (Object.keys(args.fields).length === 0) throw new UserError("missing_argument", ctx.t("edit.nothingToChange", { fields: fieldsHelp(ctx.t) }), { example: EXAMPLE });
    const customer = await resolveCustomer(ctx, args.customer, (ref) => `edit ${ref} ${Object.entries(args.fields).map(([k, v]) => `${k}="${v}"`).join(" ")}`);
    const currency = customer.currency ?? ctx.tenant.currency;
    const patch = parseCustomerFields(args.fields, { currency, locale: ctx.locale, example: EXAMPLE });
    assertCanModifyCustomer(ctx.member, customer, ctx.t);
    const newCurrency = patch.currency === undefined ? currency : (patch.currency ?? ctx.tenant.currency);
    if (newCurrency !== currency && customer.creditLimit !== null && patch.creditLimit === undefined) {
      // The stored limit is in the old currency's minor units; reading it in the new one would change its value.
      throw new UserError("currency_change", ctx.t("edit.currencyChange", { customer: customer.name, limit: formatMoney(customer.creditLimit, currency, ctx.locale), currency: newCurrency }), {
        example: `edit ${quoted(`#${customer.id}`)} currency=${newCurrency} credit_limit=${newCurrency === "KRW" ? "50000000" : "50000"}`,
      });
    }
    const { before, after } = await ctx.store.customers.update(customer.id, patch);
    const changed = Object.keys(patch) as (keyof typeof patch)[];
    await auditCustomerChange(ctx, { before, after, fields: changed });
    const empty = ctx.t("edit.empty");
    return reply.of(ctx.t("edit.title", { customer: after.name }), [
      {
        type: "fields",
        fields: changed.map((key) => ({
          label: ctx.t("customer.fieldLabel", { field: key }),
          value:
            key === "creditLimit"
              ? `${amount(before.creditLimit, before.currency ?? ctx.tenant.currency, ctx.locale, empty)} -> ${amount(after.creditLimit, after.currency ?? ctx.tenant.currency, ctx.locale, empty)}`
              : `${format(before[key], empty)} -> ${format(after[key], empty)}`,
        })),
      },
    ]);
  },
});

function amount(minor: number | null, currency: string, locale: string, empty: string): string {
  return minor === null ? empty : formatMoney(minor, currency, locale);
}

function format(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === "") return empty;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
