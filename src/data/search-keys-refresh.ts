/** Keeps one customer's search keys current after a write to it or its contacts. */
import { buildSearchKeys } from "../core/text/search-keys.js";
import type { DbClient } from "./client-types.js";

/** Recomputes the customer's search keys from its name, aliases, current (not removed) contacts, email and phones. */
export async function refreshSearchKeys(db: DbClient, tenantId: number, customerId: number): Promise<void> {
  const customer = await db.customer.findFirst({
    where: { id: customerId, tenantId },
    include: { contacts: { where: { removedAt: null }, select: { name: true, email: true, phone: true } } },
  });
  if (!customer) return;
  const keys = buildSearchKeys(customer);
  await db.customer.update({ where: { id: customerId }, data: keys });
}
