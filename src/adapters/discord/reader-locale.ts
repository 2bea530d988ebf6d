/**
 * The language of a Discord form. The core is asked first (the member's own `settings language`
 * wins over Discord's), within a budget: a modal must be the first response, within Discord's 3
 * seconds; slow or failing, the form goes by Discord's word (platform-locale.ts).
 */
import type { BaseInteraction } from "discord.js";
import { createTranslator, type Translate } from "../../core/i18n/index.js";
import { actorFromInteraction } from "./actor.js";
import { platformTranslator } from "./platform-locale.js";
import { raceTimer, TIMED_OUT, type HandlerContext } from "./respond.js";

const FORM_LOCALE_BUDGET_MS = 1_000;

/** The language of a form: the member's as the core resolves it, or the platform's when that is slow or fails. */
export async function formTranslator(interaction: BaseInteraction & { guildId: string }, ctx: HandlerContext): Promise<Translate> {
  const localeOf = ctx.api.localeOf;
  if (!localeOf) return platformTranslator(interaction);
  try {
    const found = await raceTimer(localeOf.call(ctx.api, { actor: actorFromInteraction(interaction) }), FORM_LOCALE_BUDGET_MS);
    if (found !== TIMED_OUT) return createTranslator(found);
    ctx.logger.warn({ interactionId: interaction.id }, "The member's language was not known in time; the form uses Discord's");
  } catch (error) {
    ctx.logger.warn({ err: error, interactionId: interaction.id }, "Could not look up the member's language; the form uses Discord's");
  }
  return platformTranslator(interaction);
}
