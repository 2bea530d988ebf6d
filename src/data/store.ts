/**
 * The Prisma implementation of the core's Store. A Store is bound to one tenant at creation and
 * every query below filters on that tenant id, so commands cannot reach another tenant's rows
 * even when handed a forged id.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Store } from "../core/store.js";
import type { Customer, CustomerPatch, Tenant } from "../core/domain.js";
import type { DbClient } from "./client-types.js";
import { searchCustomers } from "./customer-search.js";
import type { SqlReader } from "./sql-runner.js";
import { auditJson, auditSnapshot, toCustomer, toDbDate, toInteraction, toMember, toTenant } from "./mappers.js";
import { createOrderQueries } from "./order-queries.js";
import { createOrderEntryQueries } from "./order-entry-queries.js";
import { createReceivableQueries } from "./receivable-queries.js";
import { loadCustomerProfile } from "./customer-profile.js";
import { NotFound } from "../core/errors.js";
import type { Reply } from "../core/reply.js";
import type { Role } from "../core/domain.js";
import { createReportQueries } from "./report-queries.js";
import { createTeamQueries } from "./team-queries.js";
import { createTaskQueries, moveOwnersTasks, reconcileFollowUps } from "./task-queries.js";
import { createAlertQueries } from "./alert-store.js";
import { createQuoteQueries } from "./quote-queries.js";
import { createLedgerQueries } from "./ledger-queries.js";
import { createContactQueries } from "./contact-queries.js";
import { refreshSearchKeys } from "./search-keys-refresh.js";
import { createMergeQueries } from "./merge-queries.js";
import { createDealQueries } from "./deal-queries.js";
import { createChannelSettingsQueries } from "./channel-settings-queries.js";

function patchToData(patch: CustomerPatch): Record<string, unknown> {
  const data: Record<string, unknown> = { ...patch };
  if ("creditLimit" in patch) data.creditLimit = patch.creditLimit === null ? null : BigInt(patch.creditLimit!);
  if ("nextFollowUp" in patch) data.nextFollowUp = patch.nextFollowUp ? toDbDate(patch.nextFollowUp) : null;
  return data;
}

export { refreshSearchKeys };

const clients = new WeakMap<Store, DbClient>();

/**
 * The client behind a store: inside `store.transaction`, that transaction's. For the data-layer
 * stores beside the Store port (DigestStore.within) that must join the command's transaction;
 * PGlite is one session, so a query on the root client there would wait for the transaction forever.
 */
export function clientOf(store: Store): DbClient | undefined {
  return clients.get(store);
}

/**
 * A time for plain SQL, to be written `(${iso(at)}::timestamptz AT TIME ZONE 'UTC')`: the ORM stores
 * a DateTime as a timestamp without time zone in UTC, and a Date passed as is could be read in
 * the process's own zone.
 */
function iso(at: Date | null): string | null {
  return at === null ? null : at.toISOString();
}

/** A value as the ORM stores a Json column (bigints as numbers, Dates as ISO strings), or SQL NULL. */
function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : auditJson(value);
}

type LazyPart = "orders" | "orderEntry" | "receivables" | "ledger" | "reports" | "team" | "contacts" | "merges" | "tasks" | "quotes" | "channelSettings" | "alerts";

/**
 * Adds each part to `target` as a property built on first read, then kept: a store lives for one
 * command, which touches one or two of these, and building them all cost about as much CPU as the
 * command's member lookup.
 */
function withLazyParts<T extends object>(target: T, builders: { [K in LazyPart]: () => Store[K] }): T & Pick<Store, LazyPart> {
  for (const key of Object.keys(builders) as LazyPart[]) {
    Object.defineProperty(target, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = builders[key]();
        Object.defineProperty(target, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return target as T & Pick<Store, LazyPart>;
}

/** `onTenantChanged`: told after the workspace's settings change, so a cached tenant is dropped. */

export function createStore(
  db: DbClient,
  tenant: Tenant,
  root: PrismaClient | null,
  clock: () => Date,
  onTenantChanged: (tenant: Tenant) => void = () => {},
  /** Plain SQL for hot reads outside a transaction (Database.read); inside one, `db` answers. */
  read: SqlReader | null = null,
): Store {
  const tenantId = tenant.id;
  const requireCustomer = async (id: number): Promise<Customer> => {
    const row = await db.customer.findFirst({ where: { id, tenantId } });
    if (!row) throw new NotFound(`No customer #${id} in this workspace.`);
    return toCustomer(row);
  };

  const eager: Omit<Store, LazyPart> = {
    tenant,
    async transaction(work) {
      // Nested calls reuse the open transaction: one command is one transaction.
      if (!root) return work(store);
      return root.$transaction((tx) => work(createStore(tx, tenant, null, clock, onTenantChanged)), { timeout: 30_000, maxWait: 30_000 });
    },

    customers: {
      search: (query, options) => searchCustomers(root && read ? read : db, tenantId, query, options),
      async get(id) {
        const row = await db.customer.findFirst({ where: { id, tenantId } });
        return row ? toCustomer(row) : null;
      },
      profile: (id, today) => loadCustomerProfile(db, tenantId, id, today),
      async create(input) {
        const { name, ownerId, ...rest } = input;
        const row = await db.customer.create({
          data: { ...(patchToData(rest) as object), name, ownerId, tenantId },
        });
        await refreshSearchKeys(db, tenantId, row.id);
        // A follow-up date is an open task; the column is derived from the tasks.
        if (rest.nextFollowUp) await reconcileFollowUps(db, tenantId, row.id);
        return requireCustomer(row.id);
      },
      async update(id, patch) {
        const before = await requireCustomer(id);
        await db.customer.updateMany({ where: { id, tenantId }, data: patchToData(patch) });
        if ("name" in patch || "aliases" in patch || "email" in patch || "phone" in patch || "website" in patch) {
          await refreshSearchKeys(db, tenantId, id);
        }
        if ("nextFollowUp" in patch) await reconcileFollowUps(db, tenantId, id);
        if ("ownerId" in patch) await moveOwnersTasks(db, tenantId, id, before.ownerId, patch.ownerId ?? null);
        return { before, after: await requireCustomer(id) };
      },
      countOwnedBy: (memberId) => db.customer.count({ where: { tenantId, ownerId: memberId } }),
      async touchLastContact(id, at) {
        // Plain SQL, like the audit and Undo rows: every logged contact writes all three, and
        // through the ORM each cost about 1 ms more CPU than the statement itself.
        await db.$executeRaw`
          UPDATE customers SET last_contact_at = (${iso(at)}::timestamptz AT TIME ZONE 'UTC'),
            updated_at = now() AT TIME ZONE 'UTC'
          WHERE id = ${id} AND tenant_id = ${tenantId}`;
      },
    },

    interactions: {
      async create(input) {
        const row = await db.interaction.create({
          data: {
            tenantId,
            customerId: input.customer.id,
            channel: input.channel,
            outcome: input.outcome,
            summary: input.summary,
            occurredAt: input.occurredAt,
            loggedById: input.loggedById,
            messageLink: input.messageLink,
            nextFollowUp: input.nextFollowUp ? toDbDate(input.nextFollowUp) : null,
          },
        });
        return toInteraction(row);
      },
      async get(id) {
        const row = await db.interaction.findFirst({ where: { id, tenantId } });
        return row ? toInteraction(row) : null;
      },
      async markUndone(id) {
        await db.interaction.updateMany({ where: { id, tenantId }, data: { undone: true } });
      },
      async latestFor(customerId) {
        const row = await db.interaction.findFirst({
          where: { tenantId, customerId, undone: false },
          orderBy: { occurredAt: "desc" },
        });
        return row ? toInteraction(row) : null;
      },
    },

    deals: createDealQueries(db, tenantId, root ? read : null),
    followUps: {
      async list({ from, to, ownerId, limit, offset }) {
        const where = {
          tenantId,
          nextFollowUp: { lte: toDbDate(to), ...(from ? { gte: toDbDate(from) } : {}) },
          status: { not: "lost" },
          archivedAt: null,
          ...(ownerId !== undefined ? { ownerId } : {}),
        };
        const [rows, total] = await Promise.all([
          db.customer.findMany({
            where,
            orderBy: [{ nextFollowUp: "asc" }, { name: "asc" }],
            take: limit,
            skip: offset,
            select: { id: true, name: true, ownerId: true, nextFollowUp: true, lastContactAt: true },
          }),
          db.customer.count({ where }),
        ]);
        const ownerIds = [...new Set(rows.map((row) => row.ownerId).filter((id): id is number => id !== null))];
        const owners = await db.member.findMany({ where: { tenantId, id: { in: ownerIds } } });
        const ownerNames = new Map(owners.map((owner) => [owner.id, owner.displayName]));
        return {
          total,
          items: rows.map((row) => ({
            customerId: row.id,
            customerName: row.name,
            ownerId: row.ownerId,
            ownerName: row.ownerId ? ownerNames.get(row.ownerId) ?? null : null,
            nextFollowUp: row.nextFollowUp!.toISOString().slice(0, 10),
            lastContactAt: row.lastContactAt,
          })),
        };
      },
    },

    members: {
      async get(id) {
        const row = await db.member.findFirst({ where: { id, tenantId } });
        return row ? toMember(row) : null;
      },
      async search(query, limit, options) {
        const text = query.replace(/^@/, "").trim();
        const rows = await db.member.findMany({
          where: {
            tenantId,
            ...(options?.includeInactive ? {} : { active: true }),
            OR: [
              { externalId: text },
              { displayName: { contains: text, mode: "insensitive" } },
              { email: { startsWith: text, mode: "insensitive" } },
            ],
          },
          orderBy: { displayName: "asc" },
          take: limit,
        });
        return rows.map(toMember);
      },
      async update(id, changes: { role?: Role; active?: boolean; locale?: string | null; timeZone?: string; timeZoneChosen?: boolean }) {
        const before = await db.member.findFirst({ where: { id, tenantId } });
        if (!before) throw new NotFound(`No member #${id} in this workspace.`);
        const after = await db.member.update({ where: { id }, data: changes });
        return { before: toMember(before), after: toMember(after) };
      },
      async claimTimeZoneQuestion(id, now) {
        // One conditional UPDATE: two commands arriving together cannot both ask.
        const { count } = await db.member.updateMany({
          where: { id, tenantId, timeZoneChosen: false, timeZoneAskedAt: null },
          data: { timeZoneAskedAt: now },
        });
        return count === 1;
      },
    },

    workspace: {
      async update(changes) {
        const before = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
        const after = await db.tenant.update({ where: { id: tenantId }, data: changes });
        if (after.currency !== before.currency) {
          // Credit limits that followed the workspace's currency were written in the old one: they keep it.
          await db.customer.updateMany({ where: { tenantId, currency: null, creditLimit: { not: null } }, data: { currency: before.currency } });
        }
        onTenantChanged(toTenant(after));
        return { before: toTenant(before), after: toTenant(after) };
      },
    },

    audit: {
      async record(actorId, entry) {
        const entityId = entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId);
        await db.$executeRaw`
          INSERT INTO audit_events (tenant_id, actor_id, action, entity, entity_id, before, after, at)
          VALUES (${tenantId}, ${actorId}, ${entry.action}, ${entry.entity}, ${entityId},
                  ${jsonOrNull(entry.before)}::jsonb, ${jsonOrNull(entry.after)}::jsonb, (${iso(clock())}::timestamptz AT TIME ZONE 'UTC'))`;
      },
    },

    idempotency: {
      async claim(key) {
        // INSERT waits for a concurrent transaction holding the same key, then conflicts.
        const inserted = await db.$executeRaw`
          INSERT INTO idempotency_records (tenant_id, key, reply) VALUES (${tenantId}, ${key}, '{}'::jsonb)
          ON CONFLICT DO NOTHING`;
        if (inserted === 1) return null;
        const row = await db.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId, key } } });
        return (row?.reply as Reply | undefined) ?? null;
      },
      async complete(key, reply) {
        await db.idempotencyRecord.update({
          where: { tenantId_key: { tenantId, key } },
          data: { reply: auditSnapshot(reply) as object },
        });
      },
    },

    undo: {
      async create(input) {
        await db.$executeRaw`
          INSERT INTO undo_tokens (token, tenant_id, member_id, kind, payload, expires_at)
          VALUES (${input.token}, ${tenantId}, ${input.memberId}, ${input.kind}, ${jsonOrNull(input.payload)}::jsonb,
                  (${iso(input.expiresAt)}::timestamptz AT TIME ZONE 'UTC'))`;
      },
      async consume(token, memberId, now) {
        const claimed = await db.undoToken.updateMany({
          where: { token, tenantId, memberId, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        if (claimed !== undefined && claimed.count !== 1) return null;
        const row = await db.undoToken.findFirst({ where: { token, tenantId } });
        return row ? { kind: row.kind, payload: row.payload } : null;
      },
    },
  };
  const store: Store = withLazyParts(eager, {
    orders: () => createOrderQueries(db, tenantId),
    orderEntry: () => createOrderEntryQueries(db, tenantId),
    receivables: () => createReceivableQueries(db, tenantId),
    ledger: () => createLedgerQueries(db, tenantId),
    reports: () => createReportQueries(db, tenantId, tenant.currency),
    team: () => createTeamQueries(db, tenantId, clock),
    contacts: () => createContactQueries(db, tenantId),
    merges: () => createMergeQueries(db, tenantId),
    tasks: () => createTaskQueries(db, tenantId),
    quotes: () => createQuoteQueries(db, tenantId),
    channelSettings: () => createChannelSettingsQueries(db, tenantId),
    alerts: () => createAlertQueries(db, tenantId),
  });
  clients.set(store, db);
  return store;
}
