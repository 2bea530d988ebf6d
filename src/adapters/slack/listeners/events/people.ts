/**
 * `team_join` (someone joined the workspace) and `user_change` (a profile changed, an account was
 * deactivated or reactivated, a guest promoted): the one person is synced at once, so a colleague
 * can be given customers before their first command. The event carries the full user object.
 */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../support/deps.js";
import { slackPerson, type SlackUser } from "../../support/people.js";

export function registerPeopleEvents(app: App, deps: SlackDeps): void {
  const syncOne = async (type: string, user: SlackUser, body: unknown) => {
    const teamId = (body as { team_id?: unknown }).team_id;
    const log$ = deps.logger.child({ listener: type, teamId, userId: user.id });
    const person = slackPerson(user);
    if (!person || typeof teamId !== "string" || !deps.api.syncPeople) return;
    // A profile change also changes what users.info said: forget the cached profile.
    deps.actors.forget({ teamId, userId: person.externalId });
    try {
      await deps.api.syncPeople({ platform: "slack", tenantExternalId: teamId, people: [person] });
    } catch (error) {
      log$.error({ err: error }, "Could not sync a person from a Slack event");
    }
  };
  app.event("team_join", async ({ event, body }) => syncOne("team_join", event.user as SlackUser, body));
  app.event("user_change", async ({ event, body }) => syncOne("user_change", event.user as SlackUser, body));
}
