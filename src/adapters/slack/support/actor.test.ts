import type { WebClient } from "@slack/web-api";
import { describe, expect, test } from "vitest";
import { silentLogger } from "../../../core/logger.js";
import { SlackActorResolver } from "./actor.js";

type SlackUser = { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean; is_restricted?: boolean; is_ultra_restricted?: boolean };

/** A WebClient whose users.info answers `user` for everyone. */
const clientAnswering = (user: SlackUser) => ({ users: { info: async () => ({ ok: true, user: { name: "sam", ...user } }) } }) as unknown as WebClient;
const identity = { teamId: "T0ACME", userId: "U0SAM" };

describe("SlackActorResolver: who is a platform admin, who is a guest", () => {
  test.each([
    ["a member", {}, { isPlatformAdmin: false, isGuest: false }],
    ["a workspace admin", { is_admin: true }, { isPlatformAdmin: true, isGuest: false }],
    ["the primary owner", { is_owner: true, is_primary_owner: true }, { isPlatformAdmin: true, isGuest: false }],
    ["a multi-channel guest", { is_restricted: true }, { isPlatformAdmin: false, isGuest: true }],
    ["a single-channel guest", { is_restricted: true, is_ultra_restricted: true }, { isPlatformAdmin: false, isGuest: true }],
  ])("GIVEN %s THEN the profile says so", async (_name, user, expected) => {
    const actor = await new SlackActorResolver(60_000, silentLogger).resolve(clientAnswering(user), identity);
    expect(actor.profile).toMatchObject(expected);
  });

  test("GIVEN the OAuth installer or an operator-named admin THEN a platform admin; anyone else is not", async () => {
    const installer = new SlackActorResolver(60_000, silentLogger, Date.now, async () => "U0SAM");
    expect((await installer.resolve(clientAnswering({}), identity)).profile?.isPlatformAdmin).toBe(true);
    const named = new SlackActorResolver(60_000, silentLogger, Date.now, undefined, new Set(["U0SAM"]));
    expect((await named.resolve(clientAnswering({}), identity)).profile?.isPlatformAdmin).toBe(true);
    const neither = new SlackActorResolver(60_000, silentLogger, Date.now, async () => "U0PAT", new Set(["U0PAT"]));
    expect((await neither.resolve(clientAnswering({}), identity)).profile?.isPlatformAdmin).toBe(false);
  });

  test("GIVEN the installer is a guest THEN still a guest (the core keeps guests reps)", async () => {
    const installer = new SlackActorResolver(60_000, silentLogger, Date.now, async () => "U0SAM");
    expect((await installer.resolve(clientAnswering({ is_restricted: true }), identity)).profile).toMatchObject({ isPlatformAdmin: true, isGuest: true });
  });
});
