/**
 * Autocomplete for customer / order / member options, for free text whose values the core knows
 * (dates, deal stages, deal ids, quote numbers: `api.suggest`) and choice lists too long to register: at
 * most 25 choices, names and values within 100 characters, answered within the time budget even when
 * the database is slow (then with no choices rather than a dead interaction).
 */
import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from "discord.js";
import type { PickerOption } from "../../../core/service-api.js";
import { actorFromInteraction } from "../actor.js";
import { truncate } from "../render/escape.js";
import { neutraliseText, type Neutraliser } from "../../../core/text/neutralise.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";
import { admit, type HandlerContext } from "../respond.js";
import { choiceLabel } from "../../kit/form-options.js";
import { subcommandKey } from "../commands/slash-commands.js";
import { platformTranslator } from "../platform-locale.js";
import { suggestionKindOf } from "../../../core/suggestions.js";

/** Choice names are customer and member names: neutralised (`neutralise` is for tests) and cut on grapheme boundaries. */
export function toChoices(options: readonly PickerOption[], neutralise: Neutraliser = neutraliseText): ApplicationCommandOptionChoiceData<string>[] {
  const seen = new Set<string>();
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  for (const option of options) {
    // A value over 100 characters cannot be sent back by Discord; skip it rather than cut it.
    if (!option.value || option.value.length > L.choiceValue || seen.has(option.value)) continue;
    seen.add(option.value);
    choices.push({ name: truncate(neutralise(option.label) || option.value, L.choiceName), value: option.value });
    if (choices.length === L.autocompleteChoices) break;
  }
  return choices;
}

async function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** The scope words of a member option matching what was typed (in the reader's words or canonical), sent back canonical. */
function scopeChoices(scopes: readonly string[], query: string, t: ReturnType<typeof platformTranslator>): PickerOption[] {
  const needle = query.trim().toLowerCase();
  return scopes
    .map((scope) => ({ label: choiceLabel(scope, t), value: scope }))
    .filter(({ label, value }) => !needle || value.includes(needle) || label.toLowerCase().includes(needle));
}

export async function handleAutocomplete(interaction: AutocompleteInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const subcommand = interaction.options.getSubcommand(false);
  const binding = subcommand ? ctx.commandSet.subcommands.get(subcommandKey(interaction.commandName, subcommand)) : undefined;
  const option = binding?.options.get(focused.name);
  const query = String(focused.value ?? "").slice(0, 100);
  let picked: PickerOption[] = [];
  const kind = option?.kind === "customer" || option?.kind === "order" || option?.kind === "member" ? option.kind : undefined;
  // Under load: no choices at once rather than adding to the queue.
  const admitted = kind ? admit(interaction, ctx, { lookup: true }) : undefined;
  if (kind && admitted?.ok) {
    const actor = actorFromInteraction(interaction);
    // A member option that also takes words (`mine`, `all`) offers them first, in the reader's words.
    const scopes = kind === "member" ? scopeChoices(option?.scopes ?? [], query, platformTranslator(interaction)) : [];
    picked = scopes.concat(await within(
      admitted.ticket.run(() => ctx.api.pick({ actor, kind, query, limit: L.autocompleteChoices })).catch((error: unknown) => {
        ctx.logger.warn({ err: error, interactionId: interaction.id }, "autocomplete pick failed");
        return [];
      }),
      ctx.autocompleteTimeoutMs,
      [],
    ));
  } else if (option && binding && ctx.api.suggest && suggestionKindOf(binding.command.name, option)) {
    // Dates, deal stages, deal ids, quote numbers, open invoices: the core suggests, in the member's language and zone.
    const admittedSuggest = admit(interaction, ctx, { lookup: true });
    if (admittedSuggest.ok) {
      const actor = actorFromInteraction(interaction);
      const suggest = ctx.api.suggest.bind(ctx.api);
      picked = await within(
        admittedSuggest.ticket.run(() => suggest({ actor, command: binding.command.name, option: option.name, query, limit: L.autocompleteChoices })).catch((error: unknown) => {
          ctx.logger.warn({ err: error, interactionId: interaction.id }, "autocomplete suggest failed");
          return [];
        }),
        ctx.autocompleteTimeoutMs,
        [],
      );
    }
  } else if (option?.kind === "choice") {
    // Shown in the reader's words, matched on those or the canonical value, sent back canonical.
    const t = platformTranslator(interaction);
    const needle = query.toLowerCase();
    picked = (option.choices ?? [])
      .map((choice) => ({ label: choiceLabel(choice, t), value: choice }))
      .filter(({ label, value }) => value.toLowerCase().includes(needle) || label.toLowerCase().includes(needle));
  }
  await interaction.respond(toChoices(picked));
}
