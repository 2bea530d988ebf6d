/**
 * "Log to CRM" on a message: open the log form at once (a modal must be the first response: only
 * the member's language is looked up before it, within a budget), with the summary prefilled from
 * the message. The message's channel and id travel in the modal's custom_id to build the link on submit.
 */
import type { MessageContextMenuCommandInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import { buildCommandModal } from "../commands/command-modal.js";
import { LOG_COMMAND, logFromMessagePrefill, logFromMessageTitle } from "../../kit/log-from-message.js";
import { formTranslator } from "../reader-locale.js";
import { platformTranslator } from "../platform-locale.js";
import { answerNotice, type HandlerContext } from "../respond.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";

export const LOG_MODAL_PREFIX = "L:";

/** A message's text: its content, or its embeds' text for a bot's message. */
export function messageText(message: MessageContextMenuCommandInteraction["targetMessage"]): string {
  return message.content || message.embeds.map((embed) => embed.description ?? embed.title ?? "").join("\n");
}

export async function handleMessageContext(
  interaction: MessageContextMenuCommandInteraction<"cached" | "raw">,
  ctx: HandlerContext,
): Promise<void> {
  const log = ctx.findCommand(LOG_COMMAND);
  if (!log) {
    await answerNotice(interaction, ctx, reply.error("unknown_command", platformTranslator(interaction)("surface.logUnavailable")));
    return;
  }
  const message = interaction.targetMessage;
  const prefill = logFromMessagePrefill(log, messageText(message), L.textInputValue);
  const t = await formTranslator(interaction, ctx);
  await interaction.showModal(
    buildCommandModal(log, {
      customId: `${LOG_MODAL_PREFIX}${message.channelId}:${message.id}`,
      title: logFromMessageTitle(t),
      prefill,
      omit: ["link"],
      t,
    }),
  );
}
