/**
 * Turns what a person typed into a customer, order or member. A fragment that matches several
 * customers about equally well gets a short pick list instead of a guess.
 */
import type { CommandContext } from "./context.js";
import type { Customer, Member } from "./domain.js";
import { assertMayReadCustomer, customerSearchScope, readsEveryCustomer } from "./customer-visibility.js";
import { NotFound, PermissionDenied, UserError } from "./errors.js";

const ID_REFERENCE = /^#(\d{1,9})$/;

export async function resolveCustomer(ctx: CommandContext, reference: string, retry: (ref: string) => string): Promise<Customer> {
  const text = reference.trim();
  const byId = ID_REFERENCE.exec(text);
  if (byId) {
    const customer = await ctx.store.customers.get(Number(byId[1]));
    if (!customer) throw new NotFound(ctx.t("resolve.noCustomerId", { id: text }), "find acme");
    assertMayReadCustomer(ctx, customer, text);
    return customer;
  }
  const hits = await ctx.store.customers.search(text, { limit: 6, ...customerSearchScope(ctx) });
  // Only what the reader may see is searched; an exact name they may not see is refused by name
  // rather than replaced by a visible customer whose name merely contains it.
  if (!hits.some((hit) => hit.score >= 1)) await refuseHiddenExactName(ctx, text);
  const [best, second] = hits;
  if (!best) {
    throw new NotFound(ctx.t("resolve.noCustomerMatch", { query: text }), `find ${text.split(/\s+/)[0] ?? "acme"}`);
  }
  // Unambiguous: an exact name, a single hit, or a clear leader.
  const exact = hits.filter((hit) => hit.score >= 1);
  if (exact.length === 1) return (await ctx.store.customers.get(exact[0]!.id))!;
  if (!second || (best.score >= 0.75 && best.score - second.score >= 0.15)) {
    return (await ctx.store.customers.get(best.id))!;
  }
  throw new UserError("ambiguous", ctx.t("resolve.ambiguousCustomer", { query: text }), {
    choices: hits.slice(0, 5).map((hit) => ({
      label: `${hit.name}${hit.city ? ` (${hit.city})` : ""} #${hit.id}`,
      command: retry(`#${hit.id}`),
    })),
  });
}

/** For a restricted reader: the name typed exactly is a customer they may not see. */
async function refuseHiddenExactName(ctx: CommandContext, text: string): Promise<void> {
  if (readsEveryCustomer(ctx)) return;
  const [hidden] = (await ctx.store.customers.search(text, { limit: 3 })).filter((hit) => hit.score >= 1);
  if (hidden) throw new PermissionDenied(ctx.t("visibility.customerHidden", { reference: text }));
}

/** `includeInactive`: also members whose access was closed (hand-over), for reopening it. */
export async function resolveMember(ctx: CommandContext, reference: string, options: { includeInactive?: boolean } = {}): Promise<Member> {
  const text = reference.trim();
  if (text === "me" || text === "mine") return ctx.member;
  const byId = ID_REFERENCE.exec(text);
  if (byId) {
    const member = await ctx.store.members.get(Number(byId[1]));
    if (member && (member.active || options.includeInactive)) return member;
    if (member) throw inactiveMember(member, ctx);
  }
  const found = await ctx.store.members.search(text, 6, options);
  const bare = text.replace(/^@/, "");
  const isExact = (member: Member) =>
    member.externalId === bare || member.displayName.toLowerCase() === bare.toLowerCase() || member.email?.toLowerCase() === bare.toLowerCase();
  const exact = found.filter(isExact);
  if (exact.length === 1) return exact[0]!;
  // An inactive colleague named exactly (left the workspace, closed at a hand-over) is refused by
  // name rather than replaced by an active member whose name merely contains the text.
  if (exact.length === 0 && !options.includeInactive) {
    const gone = (await ctx.store.members.search(text, 6, { includeInactive: true })).filter((member) => !member.active && isExact(member));
    if (gone.length) throw inactiveMember(gone[0]!, ctx);
  }
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    const [closed] = options.includeInactive ? [] : await ctx.store.members.search(text, 1, { includeInactive: true });
    if (closed) throw inactiveMember(closed, ctx);
    throw new NotFound(ctx.t("resolve.noMember", { query: text }), "assign acme @alice");
  }
  throw new UserError("ambiguous", ctx.t("resolve.ambiguousMember", { query: text, names: found.map((m) => m.displayName).join(", ") }));
}

function inactiveMember(member: Member, ctx: CommandContext): UserError {
  return new UserError("inactive_member", ctx.t("people.inactive", { name: member.displayName, id: String(member.id) }));
}
