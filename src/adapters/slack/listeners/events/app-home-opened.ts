/**
 * App Home: the member's workbench, published on every visit of the Home tab. Sections are command
 * replies run in parallel; one failing section shows an apology without hiding the others.
 */
import type { App } from "@slack/bolt";
import type { Reply } from "../../../../core/reply.js";
import type { MessageKey } from "../../../../core/i18n/index.js";
import { buildHomeView, type HomeSection } from "../../render/home.js";
import type { SlackDeps } from "../../support/deps.js";
import { admit, apology } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";

/** Headings are catalog keys, shown in the language the sections' replies come in. */
export const HOME_SECTIONS: readonly { heading: MessageKey; command: string }[] = [
  // One workbench: overdue, due today and the rest of this week, grouped, with Done and Snooze.
  { heading: "home.tasks", command: "tasks week" },
  { heading: "home.overduePayments", command: "overdue" },
  { heading: "home.expiringQuotes", command: "quote expiring" },
  // The member's open pipeline in four figures: count, open, weighted, closing this month.
  { heading: "home.pipeline", command: "deals mine --summary" },
];

export function registerAppHomeOpened(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client, context }) => {
    if (event.tab !== "home") return;
    const teamId = typeof body.team_id === "string" ? body.team_id : null;
    const identity = identityFrom({ teamId, userId: event.user }, context);
    const log$ = deps.logger.child({ listener: "app_home_opened", teamId: identity.teamId, userId: identity.userId });
    // Opening a tab is not a command: it spends no rate tokens but waits its turn like one. Busy:
    // the Home tab keeps what it last showed; the next visit refreshes it.
    const admitted = admit(deps, identity, { lookup: true });
    if (!admitted.ok) {
      log$.info({ reason: admitted.refusal.reason }, "Home tab not refreshed: request turned away");
      return;
    }
    try {
      await admitted.ticket.run(async () => {
        const actor = await deps.actors.resolve(client, identity);
        const sections: HomeSection[] = await Promise.all(
          HOME_SECTIONS.map(async ({ heading, command }): Promise<HomeSection> => {
            let reply: Reply;
            try {
              reply = await deps.api.runText({ actor, text: command });
            } catch (error) {
              reply = apology(deps, error, { listener: "app_home_opened", command });
            }
            return { heading, reply };
          }),
        );
        await client.views.publish({ user_id: identity.userId, view: buildHomeView(sections) });
      });
    } catch (error) {
      log$.error({ err: error }, "Could not publish the Home tab");
    }
  });
}
