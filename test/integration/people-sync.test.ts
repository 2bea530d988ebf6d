/**
 * People known before first use on both databases: the platform's list upserts members (reps
 * only), idempotently, marks departures inactive and brings returning people back, keeps a zone
 * the member chose, and a synced colleague is assignable before their first command.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import type { Actor } from "../../src/core/actor.js";
import type { PlatformPerson } from "../../src/core/people-sync.js";
import { refreshSearchKeys } from "../../src/data/store.js";

describe.each(testTargets)("people sync on $name", (target) => {
  let app: TestApp;
  let admin: Actor;
  let tenantId: number;
  const TENANT = "people-t";

  const sync = (people: PlatformPerson[], complete = false) =>
    app.rapport.syncPeople!({ platform: "console", tenantExternalId: TENANT, people, complete });
  const row = (externalId: string) => app.database.prisma.member.findUniqueOrThrow({ where: { tenantId_externalId: { tenantId, externalId } } });

  beforeAll(async () => {
    app = await createTestApp(target);
    admin = app.actor(TENANT, "you");
    tenantId = (await app.rapport.identify(admin)).tenant.id;
    const customer = await app.database.prisma.customer.create({ data: { tenantId, name: "Globex Trading" } });
    await refreshSearchKeys(app.database.prisma, tenantId, customer.id);
  }, 60_000);
  afterAll(async () => {
    await app?.drop();
  });

  const MIA: PlatformPerson = { externalId: "mia", displayName: "Mia Park", email: "mia@acme.example", timeZone: "Asia/Seoul", locale: "ko-KR" };
  const LEO: PlatformPerson = { externalId: "leo", displayName: "Leo Chen", email: "leo@acme.example", timeZone: "Asia/Taipei" };

  test("upserts the platform's people as reps, stamps synced_at, and is idempotent", async () => {
    expect(await sync([MIA, LEO])).toEqual({ created: 2, updated: 0, left: 0, returned: 0, total: 2 });
    const mia = await row("mia");
    expect({ name: mia.displayName, email: mia.email, role: mia.role, zone: mia.timeZone, active: mia.active, locale: mia.locale }).toEqual({
      name: "Mia Park",
      email: "mia@acme.example",
      role: "rep",
      zone: "Asia/Seoul",
      active: true,
      locale: null,
    });
    expect(mia.syncedAt).toEqual(app.clock.now);
    const count = await app.database.prisma.member.count({ where: { tenantId } });
    expect(await sync([MIA, LEO])).toEqual({ created: 0, updated: 0, left: 0, returned: 0, total: 2 });
    expect(await app.database.prisma.member.count({ where: { tenantId } })).toBe(count);
  });

  test("a colleague who never typed is assignable and shows in the member picker", async () => {
    const assigned = await app.rapport.runText({ actor: admin, text: "assign globex @mia" });
    expect(assigned.isError, JSON.stringify(assigned)).toBeFalsy();
    const owner = await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Globex Trading" } });
    expect(owner.ownerId).toBe((await row("mia")).id);
    expect((await app.rapport.pick({ actor: admin, kind: "member", query: "mia", limit: 5 })).map((option) => option.label)).toEqual(["Mia Park"]);
  });

  test("a zone the member chose is kept; the platform's name and email still follow", async () => {
    const leo = app.actor(TENANT, "leo", { displayName: "Leo Chen", timeZone: "Asia/Taipei" });
    expect((await app.rapport.runText({ actor: leo, text: "settings timezone Europe/Berlin" })).isError).toBeFalsy();
    await sync([{ ...LEO, displayName: "Leo C.", email: "leo.chen@acme.example", timeZone: "America/New_York" }]);
    const stored = await row("leo");
    expect({ name: stored.displayName, email: stored.email, zone: stored.timeZone }).toEqual({ name: "Leo C.", email: "leo.chen@acme.example", zone: "Europe/Berlin" });
  });

  test("a deactivated person becomes inactive (not deleted), keeps their customers, cannot be given more, and comes back", async () => {
    expect(await sync([{ ...MIA, gone: true }])).toMatchObject({ left: 1 });
    const mia = await row("mia");
    expect(mia.active).toBe(false);
    expect(await app.database.prisma.customer.count({ where: { tenantId, ownerId: mia.id } })).toBe(1);
    expect(await app.database.prisma.auditEvent.count({ where: { tenantId, action: "member.left", entityId: String(mia.id) } })).toBe(1);
    const refused = await app.rapport.runText({ actor: admin, text: "assign globex @mia" });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.blocks)).toContain("Mia Park is inactive here");
    const task = await app.rapport.runText({ actor: admin, text: "task add globex 2026-12-01 Call back @mia" });
    expect(task.isError).toBe(true);
    expect(await app.rapport.pick({ actor: admin, kind: "member", query: "mia", limit: 5 })).toEqual([]);

    expect(await sync([MIA])).toMatchObject({ returned: 1 });
    expect((await row("mia")).active).toBe(true);
  });

  test("a complete list marks a member missing from it as left", async () => {
    const summary = await sync([MIA], true);
    // Leo and the console's own user are not on this platform's list.
    expect(summary.left).toBe(2);
    expect((await row("leo")).active).toBe(false);
    await sync([MIA, LEO, { externalId: "you", displayName: "You" }]);
    expect((await row("leo")).active).toBe(true);
  });

  test("access closed at a hand-over is not reopened by the platform; the leaver's book can still be handed over", async () => {
    const handedOver = await app.rapport.runText({ actor: admin, text: "handover @leo @mia" });
    expect(handedOver.isError, JSON.stringify(handedOver)).toBeFalsy();
    expect(await sync([LEO])).toMatchObject({ returned: 0 });
    expect((await row("leo")).active).toBe(false);

    // Mia leaves the platform with Globex still hers: a manager hands it over although she is inactive.
    await sync([{ ...MIA, gone: true }]);
    const moved = await app.rapport.runText({ actor: admin, text: "handover @mia @you" });
    expect(moved.isError, JSON.stringify(moved)).toBeFalsy();
    const you = await row("you");
    expect((await app.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Globex Trading" } })).ownerId).toBe(you.id);
    // Closed at the hand-over now: coming back does not reopen it.
    await sync([MIA]);
    expect((await row("mia")).active).toBe(false);
  });

  test("a person gone from the platform who acts again is back; the sync never promotes anyone", async () => {
    await sync([{ externalId: "ann", displayName: "Ann Admin", timeZone: "UTC" }]);
    expect((await row("ann")).role).toBe("rep");
    await sync([{ externalId: "ann", displayName: "Ann Admin", gone: true }]);
    const ann = app.actor(TENANT, "ann", { displayName: "Ann Admin", timeZone: "UTC" });
    const back = await app.rapport.runText({ actor: ann, text: "find globex" });
    expect(back.isError, JSON.stringify(back)).toBeFalsy();
    expect((await row("ann")).active).toBe(true);
  });
});
