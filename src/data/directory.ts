/** Maps platform actors to tenant and member rows, creating them on first use. */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Directory } from "../core/store.js";
import type { Tenant } from "../core/domain.js";
import { isValidTimeZone } from "../core/dates.js";
import { createStore } from "./store.js";
import { toMember } from "./mappers.js";

/** `clock` stamps audit events, so their times agree with the command's own "now" (and tests' fixed clocks). */
export function createDirectory(prisma: PrismaClient, clock: () => Date = () => new Date()): Directory {
  // Tenants are looked up on every request and almost never change: keep them in memory, and
  // write only when a tenant is new or renamed (an upsert per request would take a row lock on
  // the tenant row and serialise every concurrent command of that workspace).
  const tenants = new Map<string, Tenant>();
  return {
    async ensureTenant({ platform, externalId, name }) {
      const key = `${platform}:${externalId}`;
      const cached = tenants.get(key);
      if (cached && (!name || cached.name === name)) return cached;
      let row = (await prisma.tenant.findUnique({ where: { platform_externalId: { platform, externalId } } })) as Tenant | null;
      if (!row) {
        row = (await prisma.tenant.upsert({
          where: { platform_externalId: { platform, externalId } },
          create: { platform, externalId, name: name ?? externalId },
          update: {},
        })) as Tenant;
      } else if (name && row.name !== name) {
        row = (await prisma.tenant.update({ where: { id: row.id }, data: { name } })) as Tenant;
      }
      const tenant = { id: row.id, platform: row.platform, externalId: row.externalId, name: row.name, currency: row.currency, timeZone: row.timeZone };
      if (tenants.size > 10_000) tenants.clear();
      tenants.set(key, tenant);
      return tenant;
    },
    async ensureMember(tenant, input) {
      const timeZone = input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : undefined;
      const existing = await prisma.member.findUnique({
        where: { tenantId_externalId: { tenantId: tenant.id, externalId: input.externalId } },
      });
      if (existing) {
        const changes: Record<string, unknown> = {};
        if (input.displayName && input.displayName !== existing.displayName) changes.displayName = input.displayName;
        if (input.email && input.email !== existing.email) changes.email = input.email;
        if (timeZone && timeZone !== existing.timeZone) changes.timeZone = timeZone;
        // Platform admins (workspace owners/admins, Manage Server) are always Rapport admins.
        if (input.isPlatformAdmin && existing.role !== "admin") changes.role = "admin";
        // ... and are never locked out by a hand-over (someone must be able to reopen access).
        if (input.isPlatformAdmin && !existing.active) changes.active = true;
        if (Object.keys(changes).length === 0) return toMember(existing);
        return toMember(await prisma.member.update({ where: { id: existing.id }, data: changes }));
      }
      // The first member of a tenant administers it (on the console: the local user).
      const memberCount = await prisma.member.count({ where: { tenantId: tenant.id } });
      const row = await prisma.member.upsert({
        where: { tenantId_externalId: { tenantId: tenant.id, externalId: input.externalId } },
        create: {
          tenantId: tenant.id,
          externalId: input.externalId,
          displayName: input.displayName ?? input.externalId,
          email: input.email,
          timeZone: timeZone ?? tenant.timeZone,
          role: input.isPlatformAdmin || memberCount === 0 ? "admin" : "rep",
        },
        update: {},
      });
      return toMember(row);
    },
    storeFor(tenant) {
      return createStore(prisma, tenant, prisma, clock);
    },
  };
}
