/** Contact persons (src/core/contact-store.ts): soft removal, one primary per customer, search keys kept current. */
import type { ContactPatch, ContactQueries, ContactRecord } from "../core/contact-store.js";
import { NotFound } from "../core/errors.js";
import type { DbClient } from "./client-types.js";
import { refreshSearchKeys } from "./search-keys-refresh.js";

const WITH_CUSTOMER = { customer: { select: { name: true } } } as const;

type Row = {
  id: number;
  customerId: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  kakao: string | null;
  line: string | null;
  isPrimary: boolean;
  removedAt: Date | null;
  customer: { name: string };
};

function toContactRecord(row: Row): ContactRecord {
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customer.name,
    name: row.name,
    title: row.title,
    phone: row.phone,
    email: row.email,
    wechat: row.wechat,
    kakao: row.kakao,
    line: row.line,
    isPrimary: row.isPrimary,
    removedAt: row.removedAt,
  };
}

export function createContactQueries(db: DbClient, tenantId: number): ContactQueries {
  const require = async (id: number): Promise<ContactRecord> => {
    const row = await db.contact.findFirst({ where: { id, tenantId }, include: WITH_CUSTOMER });
    if (!row) throw new NotFound(`No contact #${id} in this workspace.`);
    return toContactRecord(row);
  };
  /** The customer's only primary contact becomes `id`. */
  const clearOtherPrimaries = async (customerId: number, id: number) => {
    await db.contact.updateMany({ where: { tenantId, customerId, isPrimary: true, id: { not: id } }, data: { isPrimary: false } });
  };

  return {
    async get(id) {
      const row = await db.contact.findFirst({ where: { id, tenantId }, include: WITH_CUSTOMER });
      return row ? toContactRecord(row) : null;
    },
    async listFor(customerId, options) {
      const rows = await db.contact.findMany({
        where: { tenantId, customerId, removedAt: options?.removed ? { not: null } : null },
        include: WITH_CUSTOMER,
        orderBy: [{ isPrimary: "desc" }, { name: "asc" }, { id: "asc" }],
      });
      return rows.map(toContactRecord);
    },
    async findByName(name, { customerId, removed, limit }) {
      const rows = await db.contact.findMany({
        where: {
          tenantId,
          ...(customerId !== undefined ? { customerId } : {}),
          removedAt: removed ? { not: null } : null,
          name: { contains: name, mode: "insensitive" },
          // Contacts of a merged or archived customer are reached through the kept customer.
          customer: { archivedAt: null },
        },
        include: WITH_CUSTOMER,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toContactRecord);
    },
    async create(customerId, patch) {
      const row = await db.contact.create({ data: { ...patch, isPrimary: patch.isPrimary ?? false, tenantId, customerId } });
      if (patch.isPrimary) await clearOtherPrimaries(customerId, row.id);
      await refreshSearchKeys(db, tenantId, customerId);
      return require(row.id);
    },
    async update(id, patch: ContactPatch) {
      const before = await require(id);
      await db.contact.updateMany({ where: { id, tenantId }, data: patch });
      if (patch.isPrimary) await clearOtherPrimaries(before.customerId, id);
      await refreshSearchKeys(db, tenantId, before.customerId);
      return { before, after: await require(id) };
    },
    async setRemoved(id, at) {
      const before = await require(id);
      // A removed contact cannot stay the customer's primary one.
      await db.contact.updateMany({ where: { id, tenantId }, data: at ? { removedAt: at, isPrimary: false } : { removedAt: null } });
      await refreshSearchKeys(db, tenantId, before.customerId);
      return { before, after: await require(id) };
    },
  };
}
