import { defineCommand } from "../core/command.js";
import { reply, type Block } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { customerReference } from "./shared/arguments.js";
import { contactLine, contactReach } from "./contact-view.js";

export const contactsCommand = defineCommand({
  name: "contacts",
  summary: "A customer's contact persons",
  usage: "contacts <customer>",
  examples: ["contacts acme", "contacts #42"],
  options: { customer: { kind: "customer", description: "Customer name fragment or #id", required: true, typed: "rest", schema: customerReference } },
  writes: false,
  async handler({ customer: reference }, ctx) {
    const { t } = ctx;
    const customer = await resolveCustomer(ctx, reference, (ref) => `contacts ${ref}`);
    const contacts = await ctx.store.contacts.listFor(customer.id);
    const ref = `#${customer.id}`;
    const title = t("contacts.title", { customer: customer.name });
    const add = { label: t("contacts.addButton"), style: "primary" as const, action: { kind: "form" as const, command: "contact", prefill: { action: "add", customer: ref } } };
    const blocks: Block[] = contacts.length
      ? [
          {
            type: "list",
            title,
            items: contacts.map((contact) => ({
              title: `${contactLine(t, contact)}  #${contact.id}`,
              detail: contactReach(t, contact),
              buttons: [
                { label: t("contacts.editButton"), action: { kind: "form", command: "contact", prefill: { action: "edit", contact: `#${contact.id}` } } },
                ...(contact.isPrimary ? [] : [{ label: t("contacts.primaryButton"), action: { kind: "run" as const, command: `contact edit #${contact.id} primary` } }]),
                { label: t("contacts.removeButton"), style: "danger" as const, action: { kind: "run" as const, command: `contact remove #${contact.id}` } },
              ],
            })),
          },
          { type: "buttons", buttons: [add] },
        ]
      : [
          { type: "text", text: t("contacts.none", { customer: customer.name }) },
          { type: "buttons", buttons: [add] },
        ];
    if (customer.archivedAt) blocks.unshift({ type: "text", tone: "warning", text: t("archive.isArchived", { customer: customer.name, id: String(customer.id) }) });
    return reply.of(title, blocks);
  },
});
