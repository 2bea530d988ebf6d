/**
 * A Slack message's text as a person reads it (see plainTextFromSlackMrkdwn), with the people it
 * mentions named: users.info through the actor cache, bounded by `budgetMs` because a form has to
 * open before the trigger_id expires (an unnamed mention stays `@U123`).
 */
import type { WebClient } from "@slack/web-api";
import { mentionedSlackUsers, plainTextFromSlackMrkdwn } from "../../kit/log-from-message.js";
import type { SlackDeps } from "./deps.js";

/** Mentions named per message at most: a message tagging a whole team does not hold the form up. */
const MAX_NAMED = 10;

export async function plainMessageText(
  deps: Pick<SlackDeps, "actors" | "logger">,
  client: WebClient,
  teamId: string,
  text: string | undefined,
  budgetMs = 800,
): Promise<string> {
  if (!text) return "";
  const ids = mentionedSlackUsers(text).slice(0, MAX_NAMED);
  const names = new Map<string, string>();
  if (ids.length) {
    const lookups = Promise.all(
      ids.map(async (userId) => {
        try {
          const actor = await deps.actors.resolve(client, { teamId, userId });
          const name = actor.profile?.displayName;
          if (name) names.set(userId, name);
        } catch (error) {
          deps.logger.debug({ err: error, userId }, "Log to CRM: could not name a mentioned user");
        }
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([lookups, new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs)))]);
    clearTimeout(timer);
  }
  return plainTextFromSlackMrkdwn(text, { user: (id) => names.get(id) });
}
