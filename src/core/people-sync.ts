/**
 * People known before first use: the rules that turn a platform's member list (Slack `users.list`,
 * Discord guild members) into member rows. Pure: the data layer loads the workspace's members,
 * asks `planPeopleSync` what to change and writes the plan in one transaction.
 *
 * Rules (issue 20):
 * - A person Rapport has not seen becomes a rep. The sync never makes anyone more than a rep:
 *   admins keep coming from the platform's own rules when they act (see Directory.ensureMember).
 * - Names, emails and the guest flag follow the platform; a guest is demoted to rep. The time zone
 *   follows the platform only while the member has not chosen one (`settings timezone`).
 * - A deactivated (Slack) or departed (Discord) person is marked inactive, never deleted: their
 *   customers stay theirs until a manager hands them over. A person who comes back is active again,
 *   unless their access was closed at a hand-over (an admin reopens that with `role`).
 * - The platform's locale goes to `platform_locale`, never to `locale` (which means "chosen with
 *   settings language" and would pin it): alerts then reach people who never typed in their own
 *   language. A tag Rapport has no catalog for clears it, so the workspace's language applies.
 */
import { isValidTimeZone } from "./dates.js";
import type { Role } from "./domain.js";
import { localeFromTag } from "./i18n/locale.js";

/** One person as a platform lists them. */
export type PlatformPerson = {
  externalId: string;
  displayName: string;
  email?: string | null;
  /** The platform's language tag (Slack `locale`); undefined: the platform did not say. */
  locale?: string | null;
  /** IANA zone (Slack `tz`); Discord tells bots none. */
  timeZone?: string | null;
  /** Slack restricted / ultra-restricted account. Undefined: unknown, the stored flag stays. */
  guest?: boolean;
  /** Deactivated in Slack, or no longer in the Discord server. */
  gone?: boolean;
};

/** A stored member as the sync needs it. */
export type SyncedMember = {
  id: number;
  externalId: string;
  displayName: string;
  email: string | null;
  role: Role;
  timeZone: string;
  timeZoneChosen: boolean;
  platformLocale: string | null;
  active: boolean;
  guest: boolean;
  /** True when the member's access was last closed at a hand-over (not by leaving the platform). */
  closedAtHandover: boolean;
};

export type MemberChanges = {
  displayName?: string;
  email?: string;
  timeZone?: string;
  platformLocale?: string | null;
  guest?: boolean;
  role?: Role;
  active?: boolean;
};

export type PeopleSyncPlan = {
  create: { externalId: string; displayName: string; email: string | null; timeZone: string; platformLocale: string | null; guest: boolean; active: boolean }[];
  update: { id: number; externalId: string; changes: MemberChanges }[];
  /** Members that left (inactive now) and members that came back (active again), for the audit trail. */
  left: number[];
  returned: number[];
  /** Existing members the list named (their synced_at is set); created ones are stamped at creation. */
  seen: number[];
};

export type PeopleSyncSummary = { created: number; updated: number; left: number; returned: number; total: number };

/** The longest display name stored; platforms allow long ones, pickers and cards do not need them. */
const NAME_MAX = 200;

function cleanName(person: PlatformPerson): string {
  const name = person.displayName.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, NAME_MAX);
  return name || person.externalId;
}

function cleanEmail(email: string | null | undefined): string | undefined {
  const trimmed = email?.trim();
  return trimmed && trimmed.includes("@") ? trimmed : undefined;
}

/**
 * What to write for `people`. `complete`: the list is everyone on the platform (a Discord guild's
 * full member list), so an active member missing from it has left. A partial list (one event, one
 * page) changes only the people it names.
 */
export function planPeopleSync(input: {
  members: readonly SyncedMember[];
  people: readonly PlatformPerson[];
  complete: boolean;
  /** The zone of a new member the platform gives none for: the workspace's. */
  defaultTimeZone: string;
}): PeopleSyncPlan {
  const byExternalId = new Map(input.members.map((member) => [member.externalId, member]));
  // The last entry for a person wins (an event after a page, a repeated id).
  const people = new Map<string, PlatformPerson>();
  for (const person of input.people) if (person.externalId) people.set(person.externalId, person);
  const plan: PeopleSyncPlan = { create: [], update: [], left: [], returned: [], seen: [] };

  for (const person of people.values()) {
    const zone = person.timeZone && isValidTimeZone(person.timeZone) ? person.timeZone : undefined;
    const email = cleanEmail(person.email);
    const existing = byExternalId.get(person.externalId);
    if (!existing) {
      plan.create.push({
        externalId: person.externalId,
        displayName: cleanName(person),
        email: email ?? null,
        timeZone: zone ?? input.defaultTimeZone,
        platformLocale: localeFromTag(person.locale),
        guest: person.guest ?? false,
        active: !person.gone,
      });
      continue;
    }
    plan.seen.push(existing.id);
    const changes: MemberChanges = {};
    const name = cleanName(person);
    if (name !== existing.displayName) changes.displayName = name;
    if (email && email !== existing.email) changes.email = email;
    if (zone && zone !== existing.timeZone && !existing.timeZoneChosen) changes.timeZone = zone;
    const platformLocale = person.locale === undefined ? undefined : localeFromTag(person.locale);
    if (platformLocale !== undefined && platformLocale !== existing.platformLocale) changes.platformLocale = platformLocale;
    const guest = person.guest ?? existing.guest;
    if (guest !== existing.guest) changes.guest = guest;
    if (guest && existing.role !== "rep") changes.role = "rep";
    if (person.gone && existing.active) {
      changes.active = false;
      plan.left.push(existing.id);
    } else if (!person.gone && !existing.active && !existing.closedAtHandover) {
      changes.active = true;
      plan.returned.push(existing.id);
    }
    if (Object.keys(changes).length) plan.update.push({ id: existing.id, externalId: existing.externalId, changes });
  }

  if (input.complete) {
    for (const member of input.members) {
      if (people.has(member.externalId) || !member.active) continue;
      plan.update.push({ id: member.id, externalId: member.externalId, changes: { active: false } });
      plan.left.push(member.id);
    }
  }
  return plan;
}

export function summarize(plan: PeopleSyncPlan, total: number): PeopleSyncSummary {
  return { created: plan.create.length, updated: plan.update.length, left: plan.left.length, returned: plan.returned.length, total };
}

/** Audit actions of the sync; `member.deactivate` (hand-over) closes access for good. */
export const PEOPLE_AUDIT = { left: "member.left", returned: "member.returned", closed: "member.deactivate" } as const;
