/**
 * Who may change what. Reps change their own and unowned customers; managers and admins any
 * customer in their tenant; only admins change roles.
 *
 * Admins come from the platform, never from being first to speak: Slack workspace admins, owners
 * and the app's installer, Discord members with Manage Server, the console's local user. Guests
 * (Slack restricted accounts) can be reps and nothing more, whoever asks.
 */
import type { Customer, Member, Role } from "./domain.js";
import { PermissionDenied } from "./errors.js";
import type { Translate } from "./i18n/translator.js";

// Finance and assistants rank with reps: their desk work is granted by capability, not rank.
const RANK: Record<Role, number> = { rep: 0, assistant: 0, finance: 0, manager: 1, admin: 2 };

/**
 * Desk work that is not about owning a customer. Reps may enter orders for their own customers
 * (assertCanEnterOrder); everything here is granted to whole roles.
 */
export const CAPABILITY_ROLES = {
  /** order new / cancel, ship, invoice on any customer. */
  orders: ["admin", "manager", "assistant"],
  /** pay: receipts applied to invoices. */
  receipts: ["admin", "manager", "finance"],
  /** writeoff: closing what will not be paid. */
  writeoffs: ["admin", "manager", "finance"],
  /** Receivable and payment exports beyond one's own customers. */
  receivablesExport: ["admin", "manager", "finance"],
  /** merge and archive duplicates. */
  merge: ["admin", "manager"],
  /** Allowing an order over a customer's credit limit. */
  creditOverride: ["admin", "manager"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITY_ROLES;

export function can(member: Member, capability: Capability): boolean {
  return (CAPABILITY_ROLES[capability] as readonly Role[]).includes(member.role);
}

export function hasRole(member: Member, minimum: Role): boolean {
  return RANK[member.role] >= RANK[minimum];
}

/** The role the platform gives: admin for a platform admin who is not a guest, else rep. */
export function platformRole(flags: { isPlatformAdmin?: boolean; isGuest?: boolean }): Role {
  return flags.isPlatformAdmin && !flags.isGuest ? "admin" : "rep";
}

/** Guests stay reps: refused here so that `role` cannot lift one (ensureMember also demotes). */
export function assertRoleAllowed(member: Member, role: Role, t: Translate): void {
  if (member.guest && role !== "rep") {
    throw new PermissionDenied(t("permission.guestRole", { name: member.displayName }));
  }
}

export function assertCanModifyCustomer(member: Member, customer: Customer, t: Translate): void {
  if (hasRole(member, "manager")) return;
  if (customer.ownerId === null || customer.ownerId === member.id) return;
  throw new PermissionDenied(t("permission.otherRepsCustomer", { customer: customer.name }));
}
