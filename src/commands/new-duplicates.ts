/**
 * Customers a new one may duplicate: the same name with or without its legal form or in the other
 * Chinese script (search folds both), an alias or reading, or the same phone or email.
 */
import type { CommandContext } from "../core/context.js";
import type { CustomerHit, CustomerPatch } from "../core/domain.js";

/** A name hit this strong has every word of the new name in its names (core, alias, reading) or begins with it. */
const SAME_NAME = 0.8;
/** A phone or email found in the customer's own fields or its contacts'. */
const SAME_REACH = 0.7;

export async function possibleDuplicates(ctx: CommandContext, name: string, patch: CustomerPatch, limit = 5): Promise<CustomerHit[]> {
  const found = new Map<number, CustomerHit>();
  const collect = async (query: string, threshold: number) => {
    for (const hit of await ctx.store.customers.search(query, { limit })) {
      if (hit.score >= threshold && !found.has(hit.id)) found.set(hit.id, hit);
    }
  };
  await collect(name, SAME_NAME);
  if (patch.phone) await collect(patch.phone, SAME_REACH);
  if (patch.email) await collect(patch.email, SAME_REACH);
  return [...found.values()].slice(0, limit);
}
