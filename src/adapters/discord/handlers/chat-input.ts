/** `/crm <subcommand> ...`, `/sales`, `/team`, `/crm-admin`: options back to registry arguments, run as the member, answered once. */
import type { ChatInputCommandInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import { splitFields, tokenize } from "../../../core/tokenize.js";
import { actorFromInteraction } from "../actor.js";
import { subcommandKey } from "../commands/slash-commands.js";
import { channelMention } from "../commands/command-modal.js";
import { answerNotice, answerWithReply, type HandlerContext } from "../respond.js";
import { platformTranslator } from "../platform-locale.js";
import { askTimeZoneOnce } from "../timezone-question.js";

export async function handleChatInput(interaction: ChatInputCommandInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const subcommand = interaction.options.getSubcommand(false);
  const binding = subcommand ? ctx.commandSet.subcommands.get(subcommandKey(interaction.commandName, subcommand)) : undefined;
  const t = platformTranslator(interaction);
  if (!binding) {
    await answerNotice(interaction, ctx, reply.error("command_out_of_date", t("surface.commandOutOfDate")));
    return;
  }
  const args: Record<string, unknown> = {};
  const given = interaction.options.data[0]?.options ?? [];
  for (const option of given) {
    const target = binding.options.get(option.name);
    if (!target || option.value === undefined) continue;
    if (target.kind === "fields") {
      // A string option on Discord; the registry wants { key: value }, parsed like typed text.
      const { words, fields } = splitFields(tokenize(String(option.value)));
      if (words.length) {
        await answerNotice(
          interaction,
          ctx,
          reply.error("bad_argument", t("surface.fieldsAsPairs", { field: target.name, words: words.join(" ") })),
        );
        return;
      }
      args[target.name] = fields;
    } else if (target.kind === "channel") {
      // Discord's channel picker sends the id; the core reads channels as a mention, as typed.
      args[target.name] = channelMention(String(option.value));
    }
    // A member from Discord's user picker arrives as the user id, which the core reads as the member's own id.
    else args[target.name] = option.value;
  }
  const actor = actorFromInteraction(interaction);
  const answered = await answerWithReply(interaction, ctx, () =>
    ctx.api.runArgs({ actor, command: binding.command.name, args, idempotencyKey: interaction.id }),
  );
  if (answered) await askTimeZoneOnce(interaction, ctx, answered);
}
