/**
 * Finding the workspace and member the subcommand CLIs (`rapport import|export --tenant ...
 * --owner ...`) name on their command line.
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import { CONSOLE_TENANT } from "../core/console-tenant.js";
import { createDirectory } from "./directory.js";

export type TenantRow = { id: number; currency: string; timeZone: string };

/** "--tenant slack:T123" / "discord:456" / "local"; default the console workspace, created on first use. */
export async function resolveTenant(prisma: PrismaClient, spec: string | undefined): Promise<TenantRow> {
  const [platform, externalId] = spec?.includes(":") ? [spec.slice(0, spec.indexOf(":")), spec.slice(spec.indexOf(":") + 1)] : ["console", spec ?? CONSOLE_TENANT];
  if (platform === "console") {
    const { id, currency, timeZone } = await createDirectory(prisma).ensureTenant({ platform, externalId, name: externalId === CONSOLE_TENANT ? "Console" : externalId });
    return { id, currency, timeZone };
  }
  const tenant = await prisma.tenant.findUnique({ where: { platform_externalId: { platform, externalId } }, select: { id: true, currency: true, timeZone: true } });
  if (!tenant) throw new Error(`No ${platform} workspace "${externalId}" in this database (it appears once someone uses /crm there).`);
  return tenant;
}

/** A member by external id, display name or email ("@" allowed), or an error naming what was typed. */
export async function findMemberId(prisma: PrismaClient, tenantId: number, typed: string): Promise<number> {
  const text = typed.replace(/^@/, "");
  const member = await prisma.member.findFirst({
    where: { tenantId, OR: [{ externalId: text }, { displayName: { equals: text, mode: "insensitive" } }, { email: { equals: text, mode: "insensitive" } }] },
    select: { id: true },
  });
  if (!member) throw new Error(`No member "${typed}" in this workspace.`);
  return member.id;
}
