import { describe, expect, test } from "vitest";
import { planPeopleSync, type PlatformPerson, type SyncedMember } from "./people-sync.js";

const member = (overrides: Partial<SyncedMember> & { id: number; externalId: string }): SyncedMember => ({
  displayName: overrides.externalId,
  email: null,
  role: "rep",
  timeZone: "UTC",
  timeZoneChosen: false,
  platformLocale: null,
  active: true,
  guest: false,
  closedAtHandover: false,
  ...overrides,
});

const plan = (members: SyncedMember[], people: PlatformPerson[], complete = false) => planPeopleSync({ members, people, complete, defaultTimeZone: "Asia/Shanghai" });

describe("planPeopleSync", () => {
  test("GIVEN a colleague Rapport never saw THEN they are created as an active rep with the platform's name, email and zone", () => {
    const result = plan([], [{ externalId: "U1", displayName: "Mia Park", email: "mia@acme.example", timeZone: "Asia/Seoul", locale: "ko-KR" }]);
    expect(result.create).toEqual([{ externalId: "U1", displayName: "Mia Park", email: "mia@acme.example", timeZone: "Asia/Seoul", platformLocale: "ko", guest: false, active: true }]);
    expect(result.update).toEqual([]);
  });

  test.each([
    ["a new language", { platformLocale: "en" }, "zh-TW", { platformLocale: "zh-TW" }],
    ["the same language in another region", { platformLocale: "en" }, "en-GB", {}],
    ["a language Rapport has no catalog for", { platformLocale: "ko" }, "pt-BR", { platformLocale: null }],
    ["no language at all (Discord members)", { platformLocale: "ko" }, undefined, {}],
  ])("GIVEN %s from the platform THEN platform_locale follows it (never the member's own choice)", (_name, stored, tag, expected) => {
    const result = plan([member({ id: 1, externalId: "U1", ...stored })], [{ externalId: "U1", displayName: "U1", ...(tag === undefined ? {} : { locale: tag }) }]);
    expect(result.update.map((update) => update.changes)).toEqual(Object.keys(expected).length ? [expected] : []);
  });

  test("GIVEN no or an invalid zone THEN a new member gets the workspace's", () => {
    expect(plan([], [{ externalId: "U1", displayName: "A", timeZone: "Mars/Base" }]).create[0]!.timeZone).toBe("Asia/Shanghai");
  });

  test("GIVEN an unchanged person THEN nothing changes but the member counts as seen (idempotent)", () => {
    const result = plan([member({ id: 1, externalId: "U1", displayName: "Mia", email: "m@x.example", timeZone: "Asia/Seoul" })], [{ externalId: "U1", displayName: "Mia", email: "m@x.example", timeZone: "Asia/Seoul" }]);
    expect(result).toEqual({ create: [], update: [], left: [], returned: [], seen: [1] });
  });

  test.each([
    ["a zone the member chose", { timeZoneChosen: true, timeZone: "Europe/Berlin" }, {}],
    ["a zone that follows the platform", { timeZoneChosen: false, timeZone: "Europe/Berlin" }, { timeZone: "Asia/Seoul" }],
  ])("GIVEN %s THEN the platform's zone is applied only when not chosen", (_name, stored, expected) => {
    const result = plan([member({ id: 1, externalId: "U1", ...stored })], [{ externalId: "U1", displayName: "U1", timeZone: "Asia/Seoul" }]);
    expect(result.update.map((update) => update.changes)).toEqual(Object.keys(expected).length ? [expected] : []);
  });

  test("GIVEN a new name and email THEN they are updated; an empty email keeps the stored one", () => {
    const stored = member({ id: 1, externalId: "U1", displayName: "Old", email: "old@x.example" });
    expect(plan([stored], [{ externalId: "U1", displayName: "New", email: "new@x.example" }]).update[0]!.changes).toEqual({ displayName: "New", email: "new@x.example" });
    expect(plan([stored], [{ externalId: "U1", displayName: "Old", email: "" }]).update).toEqual([]);
  });

  test("GIVEN a manager who became a guest THEN they are demoted to rep; the sync never promotes", () => {
    const result = plan([member({ id: 1, externalId: "U1", role: "manager" })], [{ externalId: "U1", displayName: "U1", guest: true }]);
    expect(result.update[0]!.changes).toEqual({ guest: true, role: "rep" });
    const admin = plan([member({ id: 2, externalId: "U2", role: "admin" })], [{ externalId: "U2", displayName: "U2", guest: false }]);
    expect(admin.update).toEqual([]);
  });

  test("GIVEN a deactivated person THEN the member is marked inactive (not deleted) and listed as left", () => {
    const result = plan([member({ id: 1, externalId: "U1" })], [{ externalId: "U1", displayName: "U1", gone: true }]);
    expect(result.update).toEqual([{ id: 1, externalId: "U1", changes: { active: false } }]);
    expect(result.left).toEqual([1]);
  });

  test("GIVEN a person who left and came back THEN they are active again", () => {
    const result = plan([member({ id: 1, externalId: "U1", active: false })], [{ externalId: "U1", displayName: "U1" }]);
    expect(result.update[0]!.changes).toEqual({ active: true });
    expect(result.returned).toEqual([1]);
  });

  test("GIVEN access closed at a hand-over THEN the platform does not reopen it", () => {
    const result = plan([member({ id: 1, externalId: "U1", active: false, closedAtHandover: true })], [{ externalId: "U1", displayName: "U1" }]);
    expect(result.update).toEqual([]);
    expect(result.returned).toEqual([]);
  });

  test("GIVEN a complete list THEN an active member missing from it has left; a partial list leaves them alone", () => {
    const members = [member({ id: 1, externalId: "U1" }), member({ id: 2, externalId: "U2" })];
    const people = [{ externalId: "U1", displayName: "U1" }];
    expect(plan(members, people, true).left).toEqual([2]);
    expect(plan(members, people, false).left).toEqual([]);
  });

  test("GIVEN a deactivated person Rapport never saw THEN they are created inactive (an import can then name them as such)", () => {
    expect(plan([], [{ externalId: "U9", displayName: "Gone", gone: true }]).create[0]!.active).toBe(false);
  });

  test("GIVEN the same person twice THEN the last entry wins", () => {
    const result = plan([], [{ externalId: "U1", displayName: "First" }, { externalId: "U1", displayName: "Second" }]);
    expect(result.create.map((person) => person.displayName)).toEqual(["Second"]);
  });
});
