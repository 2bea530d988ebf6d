import { randomUUID } from "node:crypto";
import { defineCommand } from "../core/command.js";
import { PermissionDenied, UserError } from "../core/errors.js";
import { can } from "../core/permissions.js";
import type { ArchiveUndo } from "../core/record-undo.js";
import { reply } from "../core/reply.js";
import { resolveCustomer } from "../core/resolve.js";
import type { CommandContext } from "../core/context.js";
import type { Customer } from "../core/domain.js";
import { UNDO_WINDOW_MS } from "./log.js";
import { customerReference } from "./shared/arguments.js";

const EXAMPLE = "archive #57";
/** The trailing word that brings an archived customer back. */
const UNDO = /^-{0,2}(undo|unarchive|restore)$/i;

export const archiveCommand = defineCommand({
  name: "archive",
  summary: "Hide a customer from search, lists and stats without counting it as lost",
  usage: "archive <customer> [undo]",
  formTitle: "Archive customer",
  examples: [EXAMPLE, "archive #57 undo"],
  options: {
    customer: { kind: "customer", description: "Customer name fragment or #id", required: true, schema: customerReference },
    undo: { kind: "flag", description: "Bring an archived customer back" },
  },
  parseText(words) {
    const undo = words.length > 1 && UNDO.test(words.at(-1)!);
    const rest = undo ? words.slice(0, -1) : words;
    return { customer: rest.join(" ") || undefined, undo: undo || undefined };
  },
  writes: true,
  async handler(args, ctx) {
    const { t } = ctx;
    const customer = args.undo ? await resolveArchived(ctx, args.customer) : await resolveCustomer(ctx, args.customer, (ref) => `archive ${ref}`);
    // Managers and admins tidy up any customer; a rep their own.
    if (!can(ctx.member, "merge") && customer.ownerId !== ctx.member.id) throw new PermissionDenied(t("archive.notYours", { customer: customer.name }));
    if (args.undo) {
      if (customer.mergedIntoId) {
        const target = await ctx.store.customers.get(customer.mergedIntoId);
        throw new UserError("merged", t("archive.mergedCannotRestore", { customer: customer.name, into: target?.name ?? `#${customer.mergedIntoId}` }));
      }
      if (!customer.archivedAt) throw new UserError("not_archived", t("archive.notArchived", { customer: customer.name }), { example: EXAMPLE });
      await ctx.store.merges.setArchived(customer.id, null);
      await ctx.store.audit.record(ctx.member.id, { action: "customer.unarchive", entity: "customer", entityId: customer.id, before: { archivedAt: customer.archivedAt }, after: { archivedAt: null } });
      return reply.of(t("archive.restored", { customer: customer.name }), [
        { type: "buttons", buttons: [{ label: t("log.showCustomer"), action: { kind: "run", command: `show #${customer.id}` } }] },
      ]);
    }
    if (customer.archivedAt) throw new UserError("already_archived", t("archive.already", { customer: customer.name }), { example: `archive #${customer.id} undo` });
    await ctx.store.merges.setArchived(customer.id, ctx.now);
    await ctx.store.audit.record(ctx.member.id, { action: "customer.archive", entity: "customer", entityId: customer.id, before: { archivedAt: null }, after: { archivedAt: ctx.now } });
    const token = randomUUID();
    const payload: ArchiveUndo = { customerId: customer.id, previousArchivedAt: null };
    await ctx.store.undo.create({ token, memberId: ctx.member.id, kind: "customer.archive", payload, expiresAt: new Date(ctx.now.getTime() + UNDO_WINDOW_MS) });
    return reply.of(t("archive.archived", { customer: customer.name }), [
      { type: "text", text: t("archive.text", { customer: customer.name, id: String(customer.id) }) },
      { type: "buttons", buttons: [{ label: t("button.undo"), style: "danger", action: { kind: "undo", token } }] },
    ]);
  },
});

/** Search leaves archived customers out, so `archive <name> undo` looks among them first. */
async function resolveArchived(ctx: CommandContext, reference: string): Promise<Customer> {
  const text = reference.trim();
  if (text.startsWith("#")) return resolveCustomer(ctx, text, (ref) => `archive ${ref} undo`);
  const archived = await ctx.store.merges.findArchived(text, 6);
  if (archived.length === 1) return (await ctx.store.customers.get(archived[0]!.id))!;
  if (archived.length > 1) {
    throw new UserError("ambiguous", ctx.t("resolve.ambiguousCustomer", { query: text }), {
      choices: archived.slice(0, 5).map((hit) => ({ label: `${hit.name}${hit.city ? ` (${hit.city})` : ""} #${hit.id}`, command: `archive #${hit.id} undo` })),
    });
  }
  return resolveCustomer(ctx, text, (ref) => `archive ${ref} undo`);
}
