/**
 * "Log to CRM" on a message: open the log form at once (a modal must be the first response, so no
 * database work happens before it), with the summary prefilled from the message. The message's
 * channel and id travel in the modal's custom_id to build the link on submit.
 */
import type { MessageContextMenuCommandInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import { buildCommandModal } from "../commands/command-modal.js";
import { LOG_COMMAND } from "../commands/slash-commands.js";
import { answerNotice, type HandlerContext } from "../respond.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";

export const LOG_MODAL_PREFIX = "L:";

export function messageSummary(message: MessageContextMenuCommandInteraction["targetMessage"]): string {
  const text = message.content || message.embeds.map((embed) => embed.description ?? embed.title ?? "").join("\n");
  return text.trim().slice(0, L.textInputValue);
}

export async function handleMessageContext(
  interaction: MessageContextMenuCommandInteraction<"cached" | "raw">,
  ctx: HandlerContext,
): Promise<void> {
  const log = ctx.findCommand(LOG_COMMAND);
  if (!log) {
    await answerNotice(interaction, ctx, reply.error("Logging is not available."));
    return;
  }
  const message = interaction.targetMessage;
  const prefill: Record<string, string> = {};
  // It came from a chat message, so "chat" is the likely channel when the registry offers it.
  if (log.options.find((option) => option.name === "channel")?.choices?.includes("chat")) prefill.channel = "chat";
  const summary = messageSummary(message);
  if (summary) prefill.summary = summary;
  await interaction.showModal(
    buildCommandModal(log, {
      customId: `${LOG_MODAL_PREFIX}${message.channelId}:${message.id}`,
      title: "Log to CRM",
      prefill,
      omit: ["link"],
    }),
  );
}
