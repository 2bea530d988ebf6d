/**
 * A burst of first commands: every member of a brand new workspace types at the same moment.
 * Used by the admin-bootstrap integration suite and its reliability row, which both need the
 * same observations (apologies, rows made, who ended up admin).
 */
import type { App } from "../../src/app.js";
import type { Actor } from "../../src/core/actor.js";

export type BurstOptions = {
  platform?: "slack" | "discord";
  team: string;
  members?: number;
  /** Profile flags by member index (0-based), e.g. { 3: { isPlatformAdmin: true } }. */
  flags?: Record<number, { isPlatformAdmin?: boolean; isGuest?: boolean }>;
  /** The command each member types; any command identifies its sender first. */
  line?: string;
};

export type BurstResult = {
  actors: Actor[];
  apologies: number;
  errors: string[];
  tenantRows: number;
  memberRows: number;
  /** External ids of the members whose role is admin, sorted. */
  admins: string[];
  /** External ids of the members whose role is above rep (admin or manager), sorted. */
  aboveRep: string[];
};

export const memberId = (index: number) => `U0M${String(index).padStart(3, "0")}`;

export async function firstCommandBurst(app: App, options: BurstOptions): Promise<BurstResult> {
  const { platform = "slack", team, members = 17, flags = {}, line = "find acme" } = options;
  const actors: Actor[] = Array.from({ length: members }, (_, index) => ({
    platform,
    tenantExternalId: team,
    tenantName: `Workspace ${team}`,
    userExternalId: memberId(index),
    profile: { displayName: `Member ${index}`, timeZone: "UTC", ...flags[index] },
  }));
  const replies = await Promise.all(actors.map((actor) => app.rapport.runText({ actor, text: line })));
  const prisma = app.database.prisma;
  const tenants = await prisma.tenant.findMany({ where: { platform, externalId: team } });
  const rows = await prisma.member.findMany({ where: { tenantId: { in: tenants.map((tenant) => tenant.id) } }, orderBy: { externalId: "asc" } });
  return {
    actors,
    apologies: replies.filter((reply) => reply.title.startsWith("Sorry")).length,
    errors: replies.filter((reply) => reply.isError).map((reply) => reply.title),
    tenantRows: tenants.length,
    memberRows: rows.length,
    admins: rows.filter((row) => row.role === "admin").map((row) => row.externalId),
    aboveRep: rows.filter((row) => row.role !== "rep").map((row) => row.externalId),
  };
}
