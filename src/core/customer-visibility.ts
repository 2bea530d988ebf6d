/**
 * Who may read which customer. With `settings workspace visibility own` (a private book per rep,
 * 私海/公海), a rep (guests are always reps) reads only the customers they own and the unowned
 * ones (the shared pool); managers, admins and the desk roles (assistant, finance) work on every
 * customer and read them all. With `all`, the default, everyone reads everything.
 *
 * Every read path of one customer or its records asks here: resolveCustomer, customer search
 * (find, pick lists, message lookups), records named by number (orders, deals, quotes, invoices)
 * and the lists that take `all` or a member.
 */
import type { Member, Tenant } from "./domain.js";
import { PermissionDenied } from "./errors.js";
import { localizeTypedLine } from "./i18n/typed-line.js";
import type { Translate } from "./i18n/translator.js";

type Reader = { tenant: Pick<Tenant, "customerVisibility">; member: Pick<Member, "id" | "role" | "guest"> };
type RefusingReader = Reader & { t: Translate };

/** What customer search adds to its SQL for a restricted reader: `(owner_id IS NULL OR owner_id = memberId)`. */
export type CustomerSearchScope = { visibleTo?: { memberId: number } };

/** Whether this member reads every customer of the workspace (no owner filter at all). */
export function readsEveryCustomer({ tenant, member }: Reader): boolean {
  if ((tenant.customerVisibility ?? "all") !== "own") return true;
  return member.role !== "rep" && !member.guest;
}

export function mayReadCustomer(reader: Reader, customer: { ownerId: number | null }): boolean {
  if (readsEveryCustomer(reader)) return true;
  return customer.ownerId === null || customer.ownerId === reader.member.id;
}

/** The search option for this reader: empty when they read everything. */
export function customerSearchScope(reader: Reader): CustomerSearchScope {
  return readsEveryCustomer(reader) ? {} : { visibleTo: { memberId: reader.member.id } };
}

/** Whether a customer falls within a search scope (for reads that find customers other than by search). */
export function withinScope(scope: CustomerSearchScope, customer: { ownerId: number | null }): boolean {
  return !scope.visibleTo || customer.ownerId === null || customer.ownerId === scope.visibleTo.memberId;
}

/**
 * Refuses a customer the reader may not see. `typed` is what the person typed (`#12`, a name, an
 * order number): the refusal repeats it and nothing else about the customer.
 */
export function assertMayReadCustomer(reader: RefusingReader, customer: { ownerId: number | null }, typed: string): void {
  if (mayReadCustomer(reader, customer)) return;
  throw new PermissionDenied(reader.t("visibility.customerHidden", { reference: typed }));
}

/**
 * A list over everyone's customers (`all`, null) or another member's: refused to a restricted rep,
 * who is pointed at `mineCommand` (their own list, which keeps working).
 */
export function assertMayListOwner(reader: RefusingReader, ownerId: number | null, mineCommand: string): void {
  if (readsEveryCustomer(reader) || ownerId === reader.member.id) return;
  throw new PermissionDenied(reader.t("visibility.listOwnOnly", { command: localizeTypedLine(mineCommand, reader.t.locale) }));
}
