/** Sessions of the record web page (see src/core/web-sessions.ts), in table web_sessions. */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { WebSession, WebSessionStore, WebTenant } from "../core/web-sessions.js";

export function createWebSessionStore(prisma: PrismaClient): WebSessionStore {
  return {
    async tenants(platform, externalIds): Promise<WebTenant[]> {
      if (externalIds.length === 0) return [];
      const rows = await prisma.tenant.findMany({
        where: { platform, externalId: { in: [...externalIds] } },
        select: { id: true, platform: true, externalId: true, name: true },
        orderBy: { id: "asc" },
      });
      return rows;
    },

    async tenantsHolding(record, tenantIds) {
      if (tenantIds.length === 0) return [];
      const tenantId = { in: [...tenantIds] };
      const id = /^\d{1,15}$/.test(record.key) ? Number(record.key) : null;
      const select = { tenantId: true } as const;
      const rows =
        record.kind === "customer"
          ? id === null ? [] : await prisma.customer.findMany({ where: { id, tenantId }, select })
          : record.kind === "deal"
            ? id === null ? [] : await prisma.deal.findMany({ where: { id, tenantId }, select })
            : record.kind === "order"
              ? await prisma.order.findMany({ where: { number: { equals: record.key, mode: "insensitive" }, tenantId }, select })
              : await prisma.quote.findMany({ where: { number: { equals: record.key, mode: "insensitive" }, tenantId }, select });
      return [...new Set(rows.map((row) => row.tenantId))];
    },

    async memberId(tenantId, userExternalId) {
      const member = await prisma.member.findUnique({ where: { tenantId_externalId: { tenantId, externalId: userExternalId } }, select: { id: true } });
      return member?.id ?? null;
    },

    async create(session) {
      await prisma.webSession.create({ data: session });
    },

    async find(tokenHash, now): Promise<WebSession | null> {
      const row = await prisma.webSession.findUnique({ where: { tokenHash } });
      if (!row) return null;
      if (row.expiresAt.getTime() <= now.getTime()) {
        await prisma.webSession.deleteMany({ where: { tokenHash } });
        return null;
      }
      const member = await prisma.member.findUnique({
        where: { id: row.memberId },
        select: { tenantId: true, externalId: true, displayName: true, locale: true, tenant: { select: { platform: true, externalId: true, name: true } } },
      });
      // A session names its tenant; a member moved or gone ends it.
      if (!member || member.tenantId !== row.tenantId) return null;
      return {
        tenantId: row.tenantId,
        memberId: row.memberId,
        platform: member.tenant.platform,
        tenantExternalId: member.tenant.externalId,
        tenantName: member.tenant.name,
        userExternalId: member.externalId,
        displayName: member.displayName,
        locale: member.locale,
        expiresAt: row.expiresAt,
      };
    },

    async delete(tokenHash) {
      await prisma.webSession.deleteMany({ where: { tokenHash } });
    },
  };
}
