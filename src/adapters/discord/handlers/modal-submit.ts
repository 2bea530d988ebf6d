/** Modal submissions: the "Log to CRM" form (`L:<channel>:<message>`) and command forms (`F:<command>`). */
import type { ModalSubmitInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import { actorFromInteraction } from "../actor.js";
import { readModalArgs, type SubmittedField } from "../commands/command-modal.js";
import { LOG_COMMAND } from "../../kit/log-from-message.js";
import { answerNotice, answerWithReply, type HandlerContext } from "../respond.js";
import { LOG_MODAL_PREFIX } from "./message-context.js";
import { platformTranslator } from "../platform-locale.js";
import { askTimeZoneOnce } from "../timezone-question.js";

export const FORM_MODAL_PREFIX = "F:";

export function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

function submittedFields(interaction: ModalSubmitInteraction): SubmittedField[] {
  return [...interaction.fields.fields.values()].map((field) => ({
    customId: "customId" in field ? String(field.customId) : "",
    ...("value" in field && typeof field.value === "string" ? { value: field.value } : {}),
    ...("values" in field && Array.isArray(field.values) ? { values: field.values as string[] } : {}),
  }));
}

export async function handleModalSubmit(interaction: ModalSubmitInteraction<"cached" | "raw">, ctx: HandlerContext): Promise<void> {
  const actor = actorFromInteraction(interaction);
  const logTarget = interaction.customId.match(/^L:(\d{1,20}):(\d{1,20})$/);
  const formCommand = interaction.customId.startsWith(FORM_MODAL_PREFIX) ? interaction.customId.slice(FORM_MODAL_PREFIX.length) : undefined;
  const commandName = logTarget ? LOG_COMMAND : formCommand;
  const command = commandName ? ctx.findCommand(commandName) : undefined;
  if (!command || (!logTarget && interaction.customId.startsWith(LOG_MODAL_PREFIX))) {
    await answerNotice(interaction, ctx, reply.error("form_out_of_date", platformTranslator(interaction)("surface.formOutOfDate")));
    return;
  }
  const args: Record<string, unknown> = readModalArgs(command, submittedFields(interaction));
  if (logTarget) args.link = messageLink(interaction.guildId, logTarget[1]!, logTarget[2]!);
  const answered = await answerWithReply(interaction, ctx, () =>
    ctx.api.runArgs({ actor, command: command.name, args, idempotencyKey: interaction.id }),
  );
  if (answered) await askTimeZoneOnce(interaction, ctx, answered);
}
