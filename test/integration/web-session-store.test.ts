/** The record pages' sessions and workspace matching on both databases. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApp, FIXED_NOW, type TestApp } from "../support/test-app.js";
import { testTargets } from "../support/test-databases.js";
import { createWebSessionStore } from "../../src/data/web-session-store.js";
import type { WebSessionStore } from "../../src/core/web-sessions.js";

describe.each(testTargets)("web sessions on $name", (target) => {
  let app: TestApp;
  let store: WebSessionStore;
  let tenantA: number;
  let tenantB: number;
  let memberA: number;
  let customerB: number;

  beforeAll(async () => {
    app = await createTestApp(target);
    store = createWebSessionStore(app.database.prisma);
    const slack = (team: string, user: string) => ({ platform: "slack", tenantExternalId: team, tenantName: `Team ${team}`, userExternalId: user, profile: { isPlatformAdmin: true, timeZone: "UTC" } });
    await app.rapport.runText({ actor: slack("TA", "UA"), text: "new Acme Corp" });
    await app.rapport.runText({ actor: slack("TB", "UB"), text: "new Beta Ltd" });
    const tenants = await store.tenants("slack", ["TA", "TB", "TZ"]);
    expect(tenants.map((tenant) => tenant.externalId)).toEqual(["TA", "TB"]);
    [tenantA, tenantB] = tenants.map((tenant) => tenant.id) as [number, number];
    memberA = (await store.memberId(tenantA, "UA"))!;
    customerB = (await app.database.prisma.customer.findFirstOrThrow({ where: { name: "Beta Ltd" } })).id;
  });

  afterAll(async () => {
    await app?.drop();
  });

  test("should find a live session by its hash with the member's workspace, and none once deleted", async () => {
    await store.create({ tokenHash: "h-live", tenantId: tenantA, memberId: memberA, expiresAt: new Date(FIXED_NOW.getTime() + 60_000) });
    expect(await store.find("h-live", FIXED_NOW)).toMatchObject({ tenantId: tenantA, memberId: memberA, platform: "slack", tenantExternalId: "TA", userExternalId: "UA", tenantName: "Team TA" });
    await store.delete("h-live");
    expect(await store.find("h-live", FIXED_NOW)).toBeNull();
  });

  test("should treat an expired session as none and remove it", async () => {
    await store.create({ tokenHash: "h-old", tenantId: tenantA, memberId: memberA, expiresAt: FIXED_NOW });
    expect(await store.find("h-old", FIXED_NOW)).toBeNull();
    expect(await app.database.prisma.webSession.count({ where: { tokenHash: "h-old" } })).toBe(0);
  });

  test("should refuse a session whose member is not of its tenant", async () => {
    await store.create({ tokenHash: "h-mixed", tenantId: tenantB, memberId: memberA, expiresAt: new Date(FIXED_NOW.getTime() + 60_000) });
    expect(await store.find("h-mixed", FIXED_NOW)).toBeNull();
  });

  test("should name the workspace holding a record among the candidates", async () => {
    expect(await store.tenantsHolding({ kind: "customer", key: String(customerB) }, [tenantA, tenantB])).toEqual([tenantB]);
    expect(await store.tenantsHolding({ kind: "customer", key: String(customerB) }, [tenantA])).toEqual([]);
    expect(await store.tenantsHolding({ kind: "order", key: "SO-999" }, [tenantA, tenantB])).toEqual([]);
  });
});
