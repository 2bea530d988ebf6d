/** Turns what a person typed (`#12`, `Wang`, `Wang` with `customer=acme`) into one contact, or a pick list. */
import type { CommandContext } from "../core/context.js";
import type { ContactRecord } from "../core/contact-store.js";
import { assertMayReadCustomer, mayReadCustomer, readsEveryCustomer } from "../core/customer-visibility.js";
import { NotFound, UserError } from "../core/errors.js";
import { resolveCustomer } from "../core/resolve.js";

const ID_REFERENCE = /^#(\d{1,9})$/;

/**
 * `removed`: look among removed contacts (restore). `retry` rebuilds the command line for a picked
 * contact (`#12`), so the pick buttons run the same action on exactly that one.
 */
export async function resolveContact(
  ctx: CommandContext,
  reference: string,
  options: { customer?: string; removed?: boolean; retry: (ref: string) => string },
): Promise<ContactRecord> {
  const text = reference.trim();
  const byId = ID_REFERENCE.exec(text);
  if (byId) {
    const contact = await ctx.store.contacts.get(Number(byId[1]));
    if (!contact) throw new NotFound(ctx.t("contact.noId", { id: text }), "contacts acme");
    const customer = await ctx.store.customers.get(contact.customerId);
    if (customer) assertMayReadCustomer(ctx, customer, text);
    return contact;
  }
  const customer = options.customer ? await resolveCustomer(ctx, options.customer, (ref) => options.retry(`${quotedRef(text)} customer=${ref}`)) : null;
  const found = await visibleContacts(ctx, await ctx.store.contacts.findByName(text, { customerId: customer?.id, removed: options.removed, limit: 6 }));
  if (found.length === 0) {
    throw new NotFound(
      customer ? ctx.t("contact.noMatchAt", { query: text, customer: customer.name }) : ctx.t("contact.noMatch", { query: text }),
      customer ? `contacts #${customer.id}` : "contacts acme",
    );
  }
  const exact = found.filter((contact) => contact.name.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  if (found.length === 1) return found[0]!;
  throw new UserError("ambiguous", ctx.t("contact.ambiguous", { query: text }), {
    choices: found.slice(0, 5).map((contact) => ({
      label: `${contact.name} · ${contact.customerName} #${contact.id}`,
      command: options.retry(`#${contact.id}`),
    })),
  });
}

/** The contacts of customers the reader may see (a restricted rep's search leaves colleagues' out). */
async function visibleContacts(ctx: CommandContext, found: ContactRecord[]): Promise<ContactRecord[]> {
  if (readsEveryCustomer(ctx)) return found;
  const visible: ContactRecord[] = [];
  for (const contact of found) {
    const customer = await ctx.store.customers.get(contact.customerId);
    if (customer && mayReadCustomer(ctx, customer)) visible.push(contact);
  }
  return visible;
}

function quotedRef(text: string): string {
  return /\s/.test(text) ? `"${text.replace(/"/g, "")}"` : text;
}
