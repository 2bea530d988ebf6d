/**
 * Writes a people sync (src/core/people-sync.ts) for one workspace: one transaction per batch,
 * serialised per workspace (a sync at start and a join event arriving together), idempotent (a
 * repeated list changes nothing but synced_at).
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Role, Tenant } from "../core/domain.js";
import { PEOPLE_AUDIT, planPeopleSync, summarize, type PeopleSyncSummary, type PlatformPerson, type SyncedMember } from "../core/people-sync.js";

const SYSTEM_ACTOR = null;

export async function syncPeopleInto(
  prisma: PrismaClient,
  tenant: Tenant,
  people: readonly PlatformPerson[],
  options: { complete: boolean; now: Date },
): Promise<PeopleSyncSummary> {
  const { now } = options;
  return prisma.$transaction(
    async (tx) => {
      // One sync of a workspace at a time: the second waits and then sees the first one's rows.
      await tx.$queryRaw`SELECT id FROM tenants WHERE id = ${tenant.id} FOR UPDATE`;
      const rows = await tx.member.findMany({ where: { tenantId: tenant.id } });
      const inactive = rows.filter((row) => !row.active).map((row) => String(row.id));
      // Why an inactive member is inactive: the latest of "left the platform" and "closed at a hand-over".
      const closures = inactive.length
        ? await tx.auditEvent.findMany({
            where: { tenantId: tenant.id, entity: "member", entityId: { in: inactive }, action: { in: [PEOPLE_AUDIT.left, PEOPLE_AUDIT.returned, PEOPLE_AUDIT.closed] } },
            orderBy: [{ at: "asc" }, { id: "asc" }],
            select: { entityId: true, action: true },
          })
        : [];
      const lastClosure = new Map<string, string>();
      for (const event of closures) if (event.entityId) lastClosure.set(event.entityId, event.action);
      const members: SyncedMember[] = rows.map((row) => ({
        id: row.id,
        externalId: row.externalId,
        displayName: row.displayName,
        email: row.email,
        role: row.role as Role,
        timeZone: row.timeZone,
        timeZoneChosen: row.timeZoneChosen,
        platformLocale: row.platformLocale,
        active: row.active,
        guest: row.guest,
        closedAtHandover: !row.active && lastClosure.get(String(row.id)) === PEOPLE_AUDIT.closed,
      }));
      const plan = planPeopleSync({ members, people, complete: options.complete, defaultTimeZone: tenant.timeZone });
      if (plan.create.length) {
        await tx.member.createMany({
          data: plan.create.map((person) => ({ tenantId: tenant.id, ...person, role: "rep", syncedAt: now })),
          skipDuplicates: true,
        });
      }
      for (const { id, changes } of plan.update) await tx.member.update({ where: { id }, data: changes });
      if (plan.seen.length) await tx.member.updateMany({ where: { tenantId: tenant.id, id: { in: plan.seen } }, data: { syncedAt: now } });
      const audit = [
        ...plan.left.map((id) => ({ id, action: PEOPLE_AUDIT.left, before: { active: true }, after: { active: false } })),
        ...plan.returned.map((id) => ({ id, action: PEOPLE_AUDIT.returned, before: { active: false }, after: { active: true } })),
      ];
      if (audit.length) {
        await tx.auditEvent.createMany({
          data: audit.map((entry) => ({ tenantId: tenant.id, actorId: SYSTEM_ACTOR, action: entry.action, entity: "member", entityId: String(entry.id), before: entry.before, after: entry.after, at: now })),
        });
      }
      return summarize(plan, new Set(people.map((person) => person.externalId)).size);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** How many members the workspace has, how many the platform listed, and when it last did. */
export async function peopleSyncStatus(prisma: PrismaClient, tenant: Tenant): Promise<{ members: number; active: number; synced: number; lastSyncedAt: Date | null }> {
  const [members, active, synced, last] = await Promise.all([
    prisma.member.count({ where: { tenantId: tenant.id } }),
    prisma.member.count({ where: { tenantId: tenant.id, active: true } }),
    prisma.member.count({ where: { tenantId: tenant.id, syncedAt: { not: null } } }),
    prisma.member.aggregate({ where: { tenantId: tenant.id }, _max: { syncedAt: true } }),
  ]);
  return { members, active, synced, lastSyncedAt: last._max.syncedAt };
}
