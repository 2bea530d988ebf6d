/**
 * Who may change deals. Everyone reads them; reps create deals on their own (and unowned)
 * customers and change the deals they own; managers and admins change any. Finance and sales
 * assistants keep the books and enter orders, so for deals they only read.
 */
import type { Customer, Member } from "./domain.js";
import type { Deal } from "./deal-store.js";
import { PermissionDenied } from "./errors.js";
import { hasRole } from "./permissions.js";
import type { Translate } from "./i18n/translator.js";

function sellsDeals(member: Member): boolean {
  return member.role === "rep" || hasRole(member, "manager");
}

export function assertCanCreateDeal(member: Member, customer: Customer, t: Translate): void {
  if (!sellsDeals(member)) throw new PermissionDenied(t("deal.denied.role"));
  if (hasRole(member, "manager")) return;
  if (customer.ownerId === null || customer.ownerId === member.id) return;
  throw new PermissionDenied(t("deal.denied.customer", { customer: customer.name }));
}

export function assertCanChangeDeal(member: Member, deal: Deal, t: Translate): void {
  if (!sellsDeals(member)) throw new PermissionDenied(t("deal.denied.role"));
  if (hasRole(member, "manager")) return;
  if (deal.ownerId === member.id) return;
  // A deal nobody owns belongs to whoever owns its customer.
  if (deal.ownerId === null && (deal.customerOwnerId === null || deal.customerOwnerId === member.id)) return;
  throw new PermissionDenied(t("deal.denied.notYours", { id: String(deal.id), owner: deal.ownerName ?? "-" }));
}
