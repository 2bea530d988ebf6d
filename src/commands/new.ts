import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import type { CustomerHit } from "../core/domain.js";
import { reply } from "../core/reply.js";
import { splitFields } from "../core/tokenize.js";
import { fieldValues, text } from "./shared/arguments.js";
import { FIELDS_HELP, parseCustomerFields } from "./shared/customer-fields.js";
import { customerCard } from "./shared/customer-card.js";
import { quoted } from "./shared/format.js";
import { possibleDuplicates } from "./new-duplicates.js";

const EXAMPLE = 'new "Acme Corp" grade=A industry=Manufacturing city=Boston phone="+1 617 555 0100"';
/** The last word that confirms a customer the duplicate check warned about. */
const ANYWAY = /^-{0,2}anyway$/i;

export const newCommand = defineCommand({
  name: "new",
  summary: "Create a customer (you become its owner)",
  usage: "new <name> [field=value ...] [anyway]",
  formTitle: "New customer",
  examples: [EXAMPLE, "new 上海宏达贸易有限公司 region=上海 status=active", "new 广州南方化工 phone=+86 138 0013 8000"],
  options: {
    name: { kind: "text", description: "Customer name", required: true, typed: "rest", schema: text("The customer name", 200) },
    fields: { kind: "fields", description: `field=value pairs. ${FIELDS_HELP}`, schema: fieldValues.default({}) },
    anyway: { kind: "flag", description: "Create it even when a similar customer exists" },
  },
  parseText(words) {
    const anyway = words.length > 1 && ANYWAY.test(words.at(-1)!);
    const split = splitFields(anyway ? words.slice(0, -1) : words);
    return { name: split.words.join(" ") || undefined, fields: split.fields, anyway: anyway || undefined };
  },
  writes: true,
  async handler({ name, fields, anyway }, ctx) {
    const patch = parseCustomerFields(fields, { currency: ctx.tenant.currency, locale: ctx.locale, example: EXAMPLE });
    if (!anyway) {
      const duplicates = await possibleDuplicates(ctx, name, patch);
      if (duplicates.length) return duplicateWarning(ctx, name, fields, duplicates);
    }
    const customer = await ctx.store.customers.create({ ...patch, name, ownerId: ctx.member.id });
    await ctx.store.audit.record(ctx.member.id, { action: "customer.create", entity: "customer", entityId: customer.id, after: customer });
    const profile = (await ctx.store.customers.profile(customer.id, ctx.today))!;
    return reply.of(ctx.t("new.title", { customer: customer.name }), [
      { type: "text", text: ctx.t("new.created", { customer: customer.name, id: customer.id }) },
      customerCard(ctx, profile),
    ]);
  },
});

/** Nothing is written: the reader opens the existing customer or confirms with the same line plus `anyway`. */
function duplicateWarning(ctx: CommandContext, name: string, fields: Record<string, string>, duplicates: CustomerHit[]) {
  const { t } = ctx;
  const line = ["new", quoted(name), ...Object.entries(fields).map(([key, value]) => `${key}=${quoted(value)}`), "anyway"].join(" ");
  return reply.of(t("new.duplicatesTitle", { customer: name }), [
    { type: "text", tone: "warning", text: t("new.duplicatesText", { customer: name, count: duplicates.length }) },
    {
      type: "list",
      items: duplicates.map((hit) => ({
        title: `${hit.name}  #${hit.id}`,
        detail: [t("customer.status", { status: hit.status }), hit.city, hit.ownerName ? t("find.owner", { name: hit.ownerName }) : t("owner.unassigned")].filter(Boolean).join(" · "),
        buttons: [{ label: t("new.openButton"), action: { kind: "run", command: `show #${hit.id}` } }],
      })),
    },
    { type: "buttons", buttons: [{ label: t("new.anywayButton"), style: "primary", action: { kind: "run", command: line } }] },
  ]);
}
