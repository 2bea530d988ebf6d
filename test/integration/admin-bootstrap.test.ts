/**
 * Who administers a new workspace (issue 12, item 2). Admins come from the platform, never from
 * being first to speak; the first commands of a new workspace, all at once, make one tenant row
 * and one row per member without a single apology; guests stay reps whatever asks otherwise.
 * On both databases: PGlite interleaves the burst on one connection, PostgreSQL runs it on four.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { firstCommandBurst, memberId } from "../support/first-commands.js";
import { consoleActor } from "../../src/adapters/console/console.js";
import type { Actor } from "../../src/core/actor.js";

describe.each(testTargets)("admin bootstrap on $name", (target) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(async () => app?.drop());

  const idOf = async (actor: Actor) => (await app.rapport.identify(actor)).member.id;
  const roleOf = async (tenantExternalId: string, externalId: string) =>
    (await app.database.prisma.member.findFirstOrThrow({ where: { externalId, tenant: { platform: "slack", externalId: tenantExternalId } } })).role;

  test.each([1, 2, 3])("GIVEN 17 first commands at once and no platform admin (round %i) THEN one tenant, 17 members, no admin, no apology", async (round) => {
    const burst = await firstCommandBurst(app, { team: `T0BURST${round}`, line: "followups" });
    expect(burst.apologies).toBe(0);
    expect(burst.errors).toEqual([]);
    expect(burst.tenantRows).toBe(1);
    expect(burst.memberRows).toBe(17);
    expect(burst.aboveRep).toEqual([]);
  });

  test("GIVEN flagged platform admins in the burst THEN exactly those are admins, except a guest", async () => {
    const burst = await firstCommandBurst(app, { team: "T0FLAGGED", flags: { 5: { isPlatformAdmin: true }, 11: { isPlatformAdmin: true, isGuest: true } } });
    expect(burst.apologies).toBe(0);
    expect(burst.tenantRows).toBe(1);
    expect(burst.memberRows).toBe(17);
    expect(burst.admins).toEqual([memberId(5)]);
    expect(burst.aboveRep).toEqual([memberId(5)]);
  });

  test("GIVEN a workspace without an admin THEN reps work and admin-only commands say where admins come from", async () => {
    const { actors } = await firstCommandBurst(app, { team: "T0NOADMIN", members: 2 });
    const [first, second] = actors as [Actor, Actor];
    expect((await app.rapport.runText({ actor: first, text: "new Zed Co" })).isError).toBeFalsy();
    const refused = await app.rapport.runText({ actor: first, text: `role #${await idOf(second)} manager` });
    expect(refused.isError).toBe(true);
    expect(refused.title).toBe(
      "Only admins can use role. Slack workspace admins and owners, and whoever installed Rapport, are Rapport admins automatically; ask one of them to change your role.",
    );
    expect(JSON.stringify(refused.blocks)).toContain("Example: /crm role @alice manager");
    // When a workspace admin speaks, they are admin at once and can hand out roles.
    const owner: Actor = { ...first, userExternalId: "U0OWNER", profile: { displayName: "Olga Owner", isPlatformAdmin: true } };
    const granted = await app.rapport.runText({ actor: owner, text: `role #${await idOf(second)} manager` });
    expect(granted.title).toBe("Member 1 is now manager");
  });

  test("GIVEN a Discord server without an admin THEN the refusal names Manage Server", async () => {
    const { actors } = await firstCommandBurst(app, { platform: "discord", team: "1000000000000000001", members: 1 });
    const refused = await app.rapport.runText({ actor: actors[0]!, text: "role me admin" });
    expect(refused.title).toContain("Members with the Manage Server permission are Rapport admins automatically");
  });

  test("GIVEN a guest THEN no role above rep: role is refused and a flagged guest stays rep", async () => {
    const team = "T0GUESTS";
    const admin: Actor = { platform: "slack", tenantExternalId: team, userExternalId: "U0ADMIN", profile: { displayName: "Ada Admin", isPlatformAdmin: true } };
    const guest: Actor = { platform: "slack", tenantExternalId: team, userExternalId: "U0GUEST", profile: { displayName: "Gus Guest", isGuest: true, isPlatformAdmin: true } };
    const guestId = await idOf(guest);
    expect(await roleOf(team, "U0GUEST")).toBe("rep");
    for (const role of ["manager", "admin"]) {
      const refused = await app.rapport.runText({ actor: admin, text: `role #${guestId} ${role}` });
      expect(refused.title).toBe(
        "Gus Guest is a guest of this workspace, and guests can only be reps in Rapport. Make them a full member of the workspace first, then set their role.",
      );
    }
    expect(await roleOf(team, "U0GUEST")).toBe("rep");
    // The database holds the rule too, for any path that writes a role.
    await expect(app.database.prisma.member.update({ where: { id: guestId }, data: { role: "manager" } })).rejects.toThrow(/members_guest_is_rep/);
    expect((await app.rapport.runText({ actor: admin, text: `role #${guestId} rep` })).isError).toBeFalsy();
    // A guest cannot use admin commands either, and a manager who is downgraded to a guest in Slack
    // is a rep from their next command on.
    expect((await app.rapport.runText({ actor: guest, text: "role me admin" })).title).toContain("Only admins can use role");
    const later: Actor = { platform: "slack", tenantExternalId: team, userExternalId: "U0LATER", profile: { displayName: "Lea Later" } };
    await app.rapport.runText({ actor: admin, text: `role #${await idOf(later)} manager` });
    expect(await roleOf(team, "U0LATER")).toBe("manager");
    await idOf({ ...later, profile: { ...later.profile, isGuest: true } });
    expect(await roleOf(team, "U0LATER")).toBe("rep");
    // ... and made a full member again, their role can be raised.
    await idOf({ ...later, profile: { ...later.profile, isGuest: false } });
    expect((await app.rapport.runText({ actor: admin, text: `role #${await idOf(later)} manager` })).title).toBe("Lea Later is now manager");
  });

  test("GIVEN the console THEN its local user is admin and others arrive as reps", async () => {
    expect((await app.rapport.identify(consoleActor("bob"))).member.role).toBe("rep");
    expect((await app.rapport.identify(consoleActor("you", "UTC"))).member.role).toBe("admin");
  });
});
