/**
 * Maps platform actors to tenant and member rows, creating them on first use.
 *
 * Creation is one `INSERT ... ON CONFLICT DO NOTHING` followed by a read, never read-then-insert:
 * the first commands of a new workspace often arrive together, and a read-then-insert lets two of
 * them both see "missing" and one fail on the unique constraint (an apology to a member who did
 * nothing wrong). The INSERT of a loser waits for the winner's and then does nothing.
 *
 * Nobody becomes admin by arriving first: a new member's role comes from the platform (see
 * `platformRole`), so a new workspace has no admin until a platform admin speaks.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Directory } from "../core/store.js";
import type { Role, Tenant } from "../core/domain.js";
import { isValidTimeZone } from "../core/dates.js";
import { platformRole } from "../core/permissions.js";
import { localeFromTag } from "../core/i18n/locale.js";
import { createStore } from "./store.js";
import { toMember, toTenant, type MemberRow } from "./mappers.js";
import { syncPeopleInto } from "./people-store.js";
import { PEOPLE_AUDIT } from "../core/people-sync.js";
import type { SqlReader } from "./sql-runner.js";

/** True when the member's latest closure was leaving the platform (people sync), not a hand-over. */
async function leftThePlatform(prisma: PrismaClient, tenantId: number, memberId: number): Promise<boolean> {
  const last = await prisma.auditEvent.findFirst({
    where: { tenantId, entity: "member", entityId: String(memberId), action: { in: [PEOPLE_AUDIT.left, PEOPLE_AUDIT.returned, PEOPLE_AUDIT.closed] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { action: true },
  });
  return last?.action === PEOPLE_AUDIT.left;
}

const TENANT_CACHE_MS = 60_000;

const MEMBER_COLUMNS = `id, tenant_id AS "tenantId", external_id AS "externalId", display_name AS "displayName", email, role,
  time_zone AS "timeZone", time_zone_chosen AS "timeZoneChosen", locale, platform_locale AS "platformLocale", active, guest`;

/**
 * `clock` stamps audit events, so their times agree with the command's own "now" (and tests' fixed
 * clocks). `read`: plain SQL for the hot reads of every command (Database.read).
 */
export function createDirectory(prisma: PrismaClient, clock: () => Date = () => new Date(), read: SqlReader | null = null): Directory {
  // Tenants are looked up on every request and almost never change: keep them in memory, and
  // write only when a tenant is new or renamed (a write per request would take a row lock on
  // the tenant row and serialise every concurrent command of that workspace).
  // Entries expire after a minute, so settings changed by another process show up.
  const tenants = new Map<string, { tenant: Tenant; at: number }>();
  const forget = (tenant: Tenant) => tenants.delete(`${tenant.platform}:${tenant.externalId}`);
  // Every command starts here: one indexed row, read without the ORM when plain SQL is at hand.
  const findMember = async (tenantId: number, externalId: string): Promise<MemberRow | null> => {
    if (!read) return prisma.member.findUnique({ where: { tenantId_externalId: { tenantId, externalId } } });
    const [row] = await read<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM members WHERE tenant_id = $1 AND external_id = $2`, [tenantId, externalId]);
    return row ?? null;
  };
  return {
    async ensureTenant({ platform, externalId, name }) {
      const key = `${platform}:${externalId}`;
      const entry = tenants.get(key);
      const cached = entry && Date.now() - entry.at < TENANT_CACHE_MS ? entry.tenant : undefined;
      if (cached && (!name || cached.name === name)) return cached;
      const where = { platform_externalId: { platform, externalId } };
      let row = await prisma.tenant.findUnique({ where });
      if (!row) {
        await prisma.$executeRaw`
          INSERT INTO tenants (platform, external_id, name) VALUES (${platform}, ${externalId}, ${name ?? externalId})
          ON CONFLICT (platform, external_id) DO NOTHING`;
        row = await prisma.tenant.findUniqueOrThrow({ where });
      }
      if (name && row.name !== name) row = await prisma.tenant.update({ where: { id: row.id }, data: { name } });
      const tenant = toTenant(row);
      if (tenants.size > 10_000) tenants.clear();
      tenants.set(key, { tenant, at: Date.now() });
      return tenant;
    },
    async ensureMember(tenant, input) {
      const timeZone = input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : undefined;
      const where = { tenantId_externalId: { tenantId: tenant.id, externalId: input.externalId } };
      let existing = await findMember(tenant.id, input.externalId);
      if (!existing) {
        // updated_at has no database default (Prisma's @updatedAt); timestamps are stored as UTC.
        await prisma.$executeRaw`
          INSERT INTO members (tenant_id, external_id, display_name, email, time_zone, role, guest, updated_at)
          VALUES (${tenant.id}, ${input.externalId}, ${input.displayName ?? input.externalId}, ${input.email ?? null},
                  ${timeZone ?? tenant.timeZone}, ${platformRole(input)}, ${input.isGuest ?? false}, now() AT TIME ZONE 'UTC')
          ON CONFLICT (tenant_id, external_id) DO NOTHING`;
        existing = await prisma.member.findUniqueOrThrow({ where });
      }
      const changes: Record<string, unknown> = {};
      if (input.displayName && input.displayName !== existing.displayName) changes.displayName = input.displayName;
      if (input.email && input.email !== existing.email) changes.email = input.email;
      if (timeZone && timeZone !== existing.timeZone && !existing.timeZoneChosen) changes.timeZone = timeZone;
      // Kept for messages sent when this person is not asking (alerts); a tag without a catalog clears it.
      const platformLocale = input.locale === undefined ? undefined : localeFromTag(input.locale);
      if (platformLocale !== undefined && platformLocale !== existing.platformLocale) changes.platformLocale = platformLocale;
      // The platform's word on guests is refreshed on every command (a guest may be promoted to a
      // full member, or a member downgraded to a guest); unknown (users.info failed) keeps the row's.
      if (input.isGuest !== undefined && input.isGuest !== existing.guest) changes.guest = input.isGuest;
      const guest = input.isGuest ?? existing.guest;
      const role = existing.role as Role;
      if (guest && role !== "rep") changes.role = "rep";
      // Platform admins are always Rapport admins, and are never locked out by a hand-over
      // (someone must be able to reopen access).
      else if (platformRole({ ...input, isGuest: guest }) === "admin") {
        if (role !== "admin") changes.role = "admin";
        if (!existing.active) changes.active = true;
      }
      // Someone marked gone by the people sync who acts again is evidently back (a missed join
      // event); access closed at a hand-over stays closed until an admin reopens it.
      if (!existing.active && changes.active === undefined && (await leftThePlatform(prisma, tenant.id, existing.id))) {
        changes.active = true;
        await prisma.auditEvent.create({ data: { tenantId: tenant.id, actorId: null, action: PEOPLE_AUDIT.returned, entity: "member", entityId: String(existing.id), before: { active: false }, after: { active: true }, at: clock() } });
      }
      if (Object.keys(changes).length === 0) return toMember(existing);
      return toMember(await prisma.member.update({ where: { id: existing.id }, data: changes }));
    },
    storeFor(tenant) {
      return createStore(prisma, tenant, prisma, clock, forget, read);
    },
    syncPeople(tenant, people, options) {
      return syncPeopleInto(prisma, tenant, people, { complete: options.complete, now: clock() });
    },
  };
}
