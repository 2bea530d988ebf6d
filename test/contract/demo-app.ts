/** The real core on in-memory PGlite with the demo data in the driver's workspace, at a fixed time. */
import { createApp, type App } from "../../src/app.js";
import type { Actor } from "../../src/core/actor.js";
import { silentLogger } from "../../src/core/logger.js";
import type { Reply } from "../../src/core/reply.js";
import { loadDemoData } from "../../src/data/seed/demo.js";

/** A Monday, the same calendar day in every time zone the drivers' members live in. */
export const CONTRACT_NOW = new Date("2026-11-23T09:00:00Z");
export const CONTRACT_TODAY = "2026-11-23";

export async function startDemoApp(admin: Actor): Promise<{ app: App; tenantId: number }> {
  const app = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => CONTRACT_NOW });
  const { tenant } = await app.rapport.identify(admin);
  await loadDemoData(app.database.prisma, tenant.id, CONTRACT_TODAY);
  return { app, tenantId: tenant.id };
}

/** The error code a reply carries, where the core gives one. */
export function codeOf(reply: Reply | undefined): string | undefined {
  const code = reply && "code" in reply ? (reply as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
