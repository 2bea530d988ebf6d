/**
 * Merging a duplicate customer into the one kept (src/core/merge-store.ts). Every row that belongs
 * to a customer moves by id, and the ids are returned, so undo moves exactly those rows back even
 * when the kept customer got new rows in between.
 */
import type { MergeMoves, MergeQueries } from "../core/merge-store.js";
import { NotFound } from "../core/errors.js";
import type { DbClient } from "./client-types.js";
import { recomputePurchaseStats } from "./order-writer.js";
import { refreshSearchKeys } from "./search-keys-refresh.js";

/** The Prisma delegate of each moved table; all of them carry tenant_id and customer_id. */
type Movable = {
  findMany(args: { where: { tenantId: number; customerId: number }; select: { id: true } }): Promise<{ id: number }[]>;
  updateMany(args: { where: { tenantId: number; id: { in: number[] } }; data: { customerId: number } }): Promise<unknown>;
};

function tables(db: DbClient): Record<keyof MergeMoves, Movable> {
  return {
    contacts: db.contact as unknown as Movable,
    interactions: db.interaction as unknown as Movable,
    tasks: db.task as unknown as Movable,
    quotes: db.quote as unknown as Movable,
    orders: db.order as unknown as Movable,
    invoices: db.invoice as unknown as Movable,
    payments: db.payment as unknown as Movable,
    writeOffs: db.writeOff as unknown as Movable,
  };
}

/** Aliases without repeats (case-insensitive), in first-seen order, never the customer's own name. */
export function mergedAliases(keptName: string, kept: readonly string[], added: readonly string[]): string[] {
  const seen = new Set([keptName.trim().toLowerCase()]);
  const out: string[] = [];
  for (const alias of [...kept, ...added]) {
    const key = alias.trim().toLowerCase();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(alias.trim());
  }
  return out;
}

export function createMergeQueries(db: DbClient, tenantId: number): MergeQueries {
  const customer = async (id: number) => {
    const row = await db.customer.findFirst({ where: { id, tenantId } });
    if (!row) throw new NotFound(`No customer #${id} in this workspace.`);
    return row;
  };
  const rederive = async (ids: number[]) => {
    for (const id of ids) {
      await recomputePurchaseStats(db, tenantId, id);
      await refreshSearchKeys(db, tenantId, id);
    }
  };

  return {
    async merge({ duplicateId, keepId, at }) {
      const duplicate = await customer(duplicateId);
      const kept = await customer(keepId);
      const keptHasPrimary = (await db.contact.count({ where: { tenantId, customerId: keepId, isPrimary: true, removedAt: null } })) > 0;
      const demoted = keptHasPrimary
        ? (await db.contact.findMany({ where: { tenantId, customerId: duplicateId, isPrimary: true }, select: { id: true } })).map((row) => row.id)
        : [];
      if (demoted.length) await db.contact.updateMany({ where: { tenantId, id: { in: demoted } }, data: { isPrimary: false } });
      const moves = {} as MergeMoves;
      for (const [table, delegate] of Object.entries(tables(db)) as [keyof MergeMoves, Movable][]) {
        const ids = (await delegate.findMany({ where: { tenantId, customerId: duplicateId }, select: { id: true } })).map((row) => row.id);
        if (ids.length) await delegate.updateMany({ where: { tenantId, id: { in: ids } }, data: { customerId: keepId } });
        moves[table] = ids;
      }
      await db.customer.updateMany({
        where: { id: keepId, tenantId },
        data: { aliases: mergedAliases(kept.name, kept.aliases, [duplicate.name, ...duplicate.aliases]) },
      });
      await db.customer.updateMany({ where: { id: duplicateId, tenantId }, data: { mergedIntoId: keepId, archivedAt: at } });
      await rederive([keepId, duplicateId]);
      return { moves, previousAliases: kept.aliases, demotedPrimaryIds: demoted };
    },

    async unmerge({ duplicateId, keepId, moves, previousAliases, demotedPrimaryIds }) {
      for (const [table, delegate] of Object.entries(tables(db)) as [keyof MergeMoves, Movable][]) {
        const ids = moves[table] ?? [];
        if (ids.length) await delegate.updateMany({ where: { tenantId, id: { in: ids } }, data: { customerId: duplicateId } });
      }
      if (demotedPrimaryIds.length) await db.contact.updateMany({ where: { tenantId, id: { in: demotedPrimaryIds } }, data: { isPrimary: true } });
      await db.customer.updateMany({ where: { id: keepId, tenantId }, data: { aliases: previousAliases } });
      await db.customer.updateMany({ where: { id: duplicateId, tenantId }, data: { mergedIntoId: null, archivedAt: null } });
      await rederive([keepId, duplicateId]);
    },

    async setArchived(id, at) {
      await customer(id);
      await db.customer.updateMany({ where: { id, tenantId }, data: { archivedAt: at } });
    },

    async findArchived(text, limit) {
      const rows = await db.customer.findMany({
        where: { tenantId, archivedAt: { not: null }, OR: [{ name: { contains: text, mode: "insensitive" } }, { aliases: { has: text } }] },
        select: { id: true, name: true, city: true },
        orderBy: { archivedAt: "desc" },
        take: limit,
      });
      return rows;
    },
  };
}
