/**
 * The language of a form opened before any command runs. A trigger_id lives 3 seconds, so the
 * language this member was last answered in is used when known; otherwise the core looks the member
 * up (their own setting, Slack's locale for them, the workspace's) within a budget, and a slow
 * answer leaves the form in English rather than losing the trigger.
 */
import type { WebClient } from "@slack/web-api";
import { createTranslator, localeFromTag, type Locale, type Translate } from "../../../core/i18n/index.js";
import type { SlackIdentity } from "./actor.js";
import type { SlackDeps } from "./deps.js";
import { withinBudget } from "./reply-delivery.js";

export async function readerTranslator(deps: SlackDeps, client: WebClient, identity: SlackIdentity): Promise<Translate> {
  return createTranslator(await readerLocale(deps, client, identity));
}

async function readerLocale(deps: SlackDeps, client: WebClient, identity: SlackIdentity): Promise<Locale> {
  const known = deps.locales.get(identity);
  if (known) return known;
  const lookup = (async () => {
    const actor = await deps.actors.resolve(client, identity);
    if (deps.api.localeOf) return deps.api.localeOf({ actor });
    return localeFromTag(actor.profile?.locale) ?? "en";
  })();
  try {
    const found = await withinBudget(lookup, Math.min(deps.config.ackBudgetMs, 1_500));
    if (found) return found.value;
    deps.logger.warn({ teamId: identity.teamId, userId: identity.userId }, "The member's language was not known in time; the form is in English");
  } catch (error) {
    deps.logger.warn({ err: error, teamId: identity.teamId, userId: identity.userId }, "Could not look up the member's language; the form is in English");
  }
  return "en";
}
