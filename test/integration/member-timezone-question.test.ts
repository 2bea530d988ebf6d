/**
 * The core's side of Discord's one-time time zone question and of form languages, on both
 * databases (the migration adds members.timezone_asked_at): asked once per member, never to a
 * member who chose a zone, and the language forms use is the one replies use.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

describe.each(testTargets)("member questions on $name", (target) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(target);
  });
  afterAll(async () => app?.drop());

  test("GIVEN a member with no zone of their own THEN the question is claimed once, with the zone that applies meanwhile", async () => {
    const ana = app.actor("guild-q", "ana");
    const { tenant } = await app.rapport.identify(ana);
    expect(await app.rapport.claimTimeZoneQuestion!({ actor: ana })).toEqual({ timeZone: tenant.timeZone });
    expect(await app.rapport.claimTimeZoneQuestion!({ actor: ana })).toBeNull();
  });

  test("GIVEN two claims at once THEN only one asks", async () => {
    const bo = app.actor("guild-q", "bo");
    const claims = await Promise.all([app.rapport.claimTimeZoneQuestion!({ actor: bo }), app.rapport.claimTimeZoneQuestion!({ actor: bo })]);
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  test("GIVEN a member who chose a zone THEN nobody asks", async () => {
    const cy = app.actor("guild-q", "cy");
    await app.rapport.runText({ actor: cy, text: "settings timezone Asia/Seoul" });
    expect(await app.rapport.claimTimeZoneQuestion!({ actor: cy })).toBeNull();
  });

  test("GIVEN settings language zh-TW over a ko platform THEN localeOf says zh-TW, as replies do", async () => {
    const di = app.actor("guild-q", "di", { locale: "ko" });
    expect(await app.rapport.localeOf!({ actor: di })).toBe("ko");
    await app.rapport.runText({ actor: di, text: "settings language zh-TW" });
    expect(await app.rapport.localeOf!({ actor: di })).toBe("zh-TW");
  });
});
