/**
 * Slack's people as Rapport's PlatformPerson list: `users.list` paged with its cursor (200 a page,
 * `include_locale` for each person's language), skipping bots, apps and Slackbot. Deactivated
 * accounts (`deleted`) are listed as gone, so their members turn inactive instead of vanishing.
 */
import type { WebClient } from "@slack/web-api";
import type { PlatformPerson } from "../../../core/people-sync.js";

/** The fields of a users.list / users.info / team_join / user_change user Rapport reads. */
export type SlackUser = {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  tz?: string;
  locale?: string;
  profile?: { display_name?: string; real_name?: string; email?: string };
};

const SLACKBOT = "USLACKBOT";
const PAGE_SIZE = 200;
/** A workspace of 100,000 people is 500 pages; past this something loops (a cursor that never ends). */
const MAX_PAGES = 1_000;

/** A person as Rapport keeps them, or null for bots, apps and Slackbot. */
export function slackPerson(user: SlackUser): PlatformPerson | null {
  if (!user.id || user.id === SLACKBOT || user.is_bot || user.is_app_user) return null;
  const displayName = user.profile?.display_name || user.profile?.real_name || user.real_name || user.name || user.id;
  return {
    externalId: user.id,
    displayName,
    ...(user.profile?.email ? { email: user.profile.email } : {}),
    ...(user.tz ? { timeZone: user.tz } : {}),
    ...(user.locale ? { locale: user.locale } : {}),
    guest: Boolean(user.is_restricted || user.is_ultra_restricted),
    gone: Boolean(user.deleted),
  };
}

/** Everyone in the workspace of `client`'s token (or `token`), page by page. */
export async function listSlackPeople(client: WebClient, token?: string): Promise<{ people: PlatformPerson[]; complete: boolean }> {
  const people: PlatformPerson[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await client.users.list({ limit: PAGE_SIZE, include_locale: true, ...(cursor ? { cursor } : {}), ...(token ? { token } : {}) });
    for (const member of (result.members ?? []) as SlackUser[]) {
      const person = slackPerson(member);
      if (person) people.push(person);
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  // users.list lists deactivated accounts too (deleted: true): departures are explicit, and a
  // member missing from the list is left as it is (Slack Connect guests of other workspaces, say).
  return { people, complete: false };
}
