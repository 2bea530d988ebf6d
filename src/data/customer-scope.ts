/** A Prisma filter for records whose customer the reader may see (src/core/customer-visibility.ts). */
import type { CustomerSearchScope } from "../core/customer-visibility.js";

export function visibleCustomers(scope: CustomerSearchScope): { customer?: { OR: ({ ownerId: null } | { ownerId: number })[] } } {
  return scope.visibleTo ? { customer: { OR: [{ ownerId: null }, { ownerId: scope.visibleTo.memberId }] } } : {};
}
