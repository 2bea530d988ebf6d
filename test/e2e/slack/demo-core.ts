/**
 * The real core on an in-memory PGlite with the demo data in the Slack workspace the fakes use,
 * acted on by Pat (a workspace admin in Shanghai): the set-up of every real-core Slack suite.
 */
import { createApp, type App } from "../../../src/app.js";
import type { Actor } from "../../../src/core/actor.js";
import { silentLogger } from "../../../src/core/logger.js";
import { loadDemoData } from "../../../src/data/seed/demo.js";
import { PAT, TEAM_ID } from "./harness.js";

export const FIXED_NOW = new Date("2026-11-23T09:00:00Z"); // a Monday, the same date in Shanghai and Berlin
export const TODAY = "2026-11-23";
export const PAT_ACTOR: Actor = { platform: "slack", tenantExternalId: TEAM_ID, tenantName: "acme", userExternalId: PAT.userId, profile: { displayName: "Pat", isPlatformAdmin: true, timeZone: "Asia/Shanghai" } };

export async function startDemoCore(): Promise<{ core: App; tenantId: number }> {
  const core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
  const { tenant } = await core.rapport.identify(PAT_ACTOR);
  await loadDemoData(core.database.prisma, tenant.id, TODAY);
  return { core, tenantId: tenant.id };
}
