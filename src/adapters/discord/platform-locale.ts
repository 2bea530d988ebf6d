/**
 * Discord's word on the reader's language: every interaction carries the member's client language
 * (`interaction.locale`) and the server's (`guildLocale`), so what needs no core call (notices,
 * refusals, apologies) speaks it at once.
 */
import type { BaseInteraction } from "discord.js";
import { createTranslator, resolveLocale, type Translate } from "../../core/i18n/index.js";

/** The platform's language for this member: their client's, else the server's, else English. */
export function platformTranslator(interaction: Pick<BaseInteraction, "locale" | "guildLocale">): Translate {
  return createTranslator(resolveLocale({ platformLocale: interaction.locale, workspaceDefault: interaction.guildLocale }));
}
