import { randomUUID } from "node:crypto";
import { z } from "zod";
import { defineCommand } from "../core/command.js";
import type { CommandContext } from "../core/context.js";
import type { ContactPatch, ContactRecord } from "../core/contact-store.js";
import type { Customer } from "../core/domain.js";
import { UserError } from "../core/errors.js";
import { assertCanModifyCustomer } from "../core/permissions.js";
import type { ContactRemoveUndo } from "../core/record-undo.js";
import { reply, type Block } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import { splitFields } from "../core/tokenize.js";
import { englishOf } from "../core/i18n/localized-messages.js";
import { contactFieldNames, parseContactFields } from "./contact-fields.js";
import { resolveContact } from "./contact-resolve.js";
import { contactCardFields, contactLine } from "./contact-view.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { customerReference, fieldValues, text } from "./shared/arguments.js";
import { quoted } from "./shared/format.js";

export const CONTACT_ACTIONS = ["add", "edit", "remove", "restore"] as const;
type ContactAction = (typeof CONTACT_ACTIONS)[number];

const EXAMPLE = "contact add acme \"John Smith\" title=Buyer phone=\"+1 617 555 0100\" primary";
const EDIT_EXAMPLE = "contact edit \"John Smith\" title=Purchasing manager";

/** Typed as a bare word (`primary`, `--primary`): makes the contact the customer's primary one. */
const PRIMARY = /^-{0,2}primary$/i;

export const contactCommand = defineCommand({
  name: "contact",
  summary: "Add, edit, remove or restore a customer's contact person",
  usage: "contact <add|edit|remove|restore> <customer|contact> [name] [field=value ...] [primary]",
  formTitle: "Contact person",
  examples: [EXAMPLE, "contact add 宏达 王伟 title=采购经理 phone=138-0013-8000 wechat=wangwei_sh", "contact edit #12 email=wang@hongda.cn", "contact remove #12"],
  options: {
    action: { kind: "choice", description: "add, edit, remove or restore", required: true, choices: CONTACT_ACTIONS, schema: z.enum(CONTACT_ACTIONS, { error: englishOf("contact.opt.action", { choices: CONTACT_ACTIONS.join(", ") }) }) },
    customer: { kind: "customer", description: "Customer name fragment or #id (add; tells contacts of the same name apart)", schema: customerReference },
    contact: { kind: "text", description: "The contact: #id or name (edit, remove, restore)", schema: text("The contact", 200) },
    name: { kind: "text", description: "The contact's name (add)", schema: text("name", 100) },
    fields: { kind: "fields", description: "title= phone= email= wechat= kakao= line= (edit: also name=)", schema: fieldValues.default({}) },
    primary: { kind: "flag", description: "Make this the customer's primary contact" },
  },
  parseText(words) {
    const [action, ...rest] = words;
    const primary = rest.some((word) => PRIMARY.test(word));
    const split = splitFields(rest.filter((word) => !PRIMARY.test(word)));
    const { customer, ...fields } = split.fields;
    const args: Record<string, unknown> = { action: action?.toLowerCase(), fields, primary: primary || undefined, customer };
    if (action?.toLowerCase() === "add") {
      args.customer = customer ?? split.words[0];
      const name = (customer ? split.words : split.words.slice(1)).join(" ");
      if (name) args.name = name;
    } else if (split.words.length) args.contact = split.words.join(" ");
    return args;
  },
  writes: true,
  async handler(args, ctx) {
    switch (args.action as ContactAction) {
      case "add":
        return addContact(ctx, args);
      case "edit":
        return editContact(ctx, args);
      case "remove":
        return removeContact(ctx, args);
      case "restore":
        return restoreContact(ctx, args);
    }
  },
});

type Args = { customer?: string; contact?: string; name?: string; fields: Record<string, string>; primary?: boolean };

function missing(ctx: CommandContext, what: "customer" | "name" | "contact", example: string): UserError {
  return new UserError("missing_argument", ctx.t("contact.missing", { what }), { example });
}

/** The rest of a typed line, for pick buttons that re-run it on one customer or contact. */
function fieldWords(args: Args): string {
  const words = Object.entries(args.fields).map(([key, value]) => `${key}=${quoted(value)}`);
  if (args.primary) words.push("primary");
  return words.join(" ");
}

async function customerOf(ctx: CommandContext, contact: ContactRecord): Promise<Customer> {
  const customer = await ctx.store.customers.get(contact.customerId);
  if (!customer) throw new UserError("not_found", ctx.t("contact.noId", { id: `#${contact.id}` }));
  return customer;
}

function assertNotArchived(ctx: CommandContext, customer: Customer): void {
  if (customer.archivedAt) throw new UserError("archived", ctx.t("archive.isArchived", { customer: customer.name, id: String(customer.id) }), { example: `archive #${customer.id} undo` });
}

async function addContact(ctx: CommandContext, args: Args) {
  if (!args.customer) throw missing(ctx, "customer", EXAMPLE);
  if (!args.name) throw missing(ctx, "name", EXAMPLE);
  const name = args.name;
  const patch = parseContactFields(args.fields, ctx.t, EXAMPLE);
  const customer = await resolveCustomer(ctx, args.customer, (ref) => `contact add ${ref} ${quoted(name)} ${fieldWords(args)}`.trim());
  assertCanModifyCustomer(ctx.member, customer, ctx.t);
  assertNotArchived(ctx, customer);
  // The first contact of a customer is its primary one until someone says otherwise.
  const first = (await ctx.store.contacts.listFor(customer.id)).length === 0;
  const contact = await ctx.store.contacts.create(customer.id, { ...patch, name: patch.name ?? name, isPrimary: args.primary || first });
  await ctx.store.audit.record(ctx.member.id, { action: "contact.create", entity: "contact", entityId: contact.id, after: contact });
  return contactReply(ctx, ctx.t("contact.added", { contact: contact.name, customer: customer.name }), contact);
}

async function editContact(ctx: CommandContext, args: Args) {
  if (!args.contact) throw missing(ctx, "contact", EDIT_EXAMPLE);
  const patch: ContactPatch = parseContactFields(args.fields, ctx.t, EDIT_EXAMPLE);
  if (args.primary) patch.isPrimary = true;
  if (Object.keys(patch).length === 0) {
    throw new UserError("missing_argument", ctx.t("contact.nothingToChange", { fields: contactFieldNames(ctx.t) }), { example: EDIT_EXAMPLE });
  }
  const contact = await resolveContact(ctx, args.contact, { customer: args.customer, retry: (ref) => `contact edit ${ref} ${fieldWords(args)}`.trim() });
  if (contact.removedAt) throw new UserError("removed", ctx.t("contact.isRemoved", { contact: contact.name, id: String(contact.id) }), { example: `contact restore #${contact.id}` });
  const customer = await customerOf(ctx, contact);
  assertCanModifyCustomer(ctx.member, customer, ctx.t);
  const { before, after } = await ctx.store.contacts.update(contact.id, patch);
  await ctx.store.audit.record(ctx.member.id, { action: "contact.update", entity: "contact", entityId: contact.id, before, after });
  const empty = ctx.t("edit.empty");
  const changed = (Object.keys(patch) as (keyof ContactPatch)[]).map((key) => ({
    label: ctx.t("contact.field", { field: key }),
    value: key === "isPrimary" ? ctx.t("contact.primary") : `${before[key] || empty} -> ${after[key] || empty}`,
  }));
  return reply.of(ctx.t("contact.updated", { contact: after.name, customer: after.customerName }), [
    { type: "fields", fields: changed },
    { type: "buttons", buttons: [{ label: ctx.t("contact.listButton"), action: { kind: "run", command: `contacts #${after.customerId}` } }] },
  ]);
}

async function removeContact(ctx: CommandContext, args: Args) {
  if (!args.contact) throw missing(ctx, "contact", "contact remove #12");
  const contact = await resolveContact(ctx, args.contact, { customer: args.customer, retry: (ref) => `contact remove ${ref}` });
  if (contact.removedAt) throw new UserError("removed", ctx.t("contact.isRemoved", { contact: contact.name, id: String(contact.id) }), { example: `contact restore #${contact.id}` });
  assertCanModifyCustomer(ctx.member, await customerOf(ctx, contact), ctx.t);
  const { before, after } = await ctx.store.contacts.setRemoved(contact.id, ctx.now);
  await ctx.store.audit.record(ctx.member.id, { action: "contact.remove", entity: "contact", entityId: contact.id, before: { removedAt: null, isPrimary: before.isPrimary }, after: { removedAt: after.removedAt } });
  const token = randomUUID();
  const payload: ContactRemoveUndo = { contactId: contact.id, wasPrimary: before.isPrimary };
  await ctx.store.undo.create({ token, memberId: ctx.member.id, kind: "contact.remove", payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
  return reply.of(ctx.t("contact.removedTitle", { contact: contact.name, customer: contact.customerName }), [
    { type: "text", text: ctx.t("contact.removedText", { contact: contact.name, id: String(contact.id) }) },
    {
      type: "buttons",
      buttons: [
        { label: ctx.t("button.undo"), style: "danger", action: { kind: "undo", token } },
        { label: ctx.t("contact.listButton"), action: { kind: "run", command: `contacts #${contact.customerId}` } },
      ],
    },
  ]);
}

async function restoreContact(ctx: CommandContext, args: Args) {
  if (!args.contact) throw missing(ctx, "contact", "contact restore #12");
  const contact = await resolveContact(ctx, args.contact, { customer: args.customer, removed: !/^#\d+$/.test(args.contact.trim()), retry: (ref) => `contact restore ${ref}` });
  if (!contact.removedAt) throw new UserError("not_removed", ctx.t("contact.notRemoved", { contact: contact.name }), { example: `contacts #${contact.customerId}` });
  const customer = await customerOf(ctx, contact);
  assertCanModifyCustomer(ctx.member, customer, ctx.t);
  assertNotArchived(ctx, customer);
  const { after } = await ctx.store.contacts.setRemoved(contact.id, null);
  await ctx.store.audit.record(ctx.member.id, { action: "contact.restore", entity: "contact", entityId: contact.id, before: { removedAt: contact.removedAt }, after: { removedAt: null } });
  return contactReply(ctx, ctx.t("contact.restored", { contact: after.name, customer: after.customerName }), after);
}

function contactReply(ctx: CommandContext, title: string, contact: ContactRecord) {
  const blocks: Block[] = [
    {
      type: "card",
      title: contactLine(ctx.t, contact),
      subtitle: contact.customerName,
      fields: contactCardFields(ctx.t, contact),
      buttons: [
        { label: ctx.t("contact.listButton"), action: { kind: "run", command: `contacts #${contact.customerId}` } },
        { label: ctx.t("log.showCustomer"), action: { kind: "run", command: `show #${contact.customerId}` } },
      ],
    },
  ];
  return reply.of(title, blocks);
}
