/**
 * Who may change what. Reps change their own and unowned customers; managers and admins any
 * customer in their tenant; only admins change roles.
 */
import type { Customer, Member, Role } from "./domain.js";
import { PermissionDenied } from "./errors.js";

const RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

export function hasRole(member: Member, minimum: Role): boolean {
  return RANK[member.role] >= RANK[minimum];
}

export function assertCanModifyCustomer(member: Member, customer: Customer): void {
  if (hasRole(member, "manager")) return;
  if (customer.ownerId === null || customer.ownerId === member.id) return;
  throw new PermissionDenied(`${customer.name} belongs to another rep. Ask its owner or a manager to change it.`);
}
