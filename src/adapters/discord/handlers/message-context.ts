/**
 * Message context menus, by command name:
 * - "Log to CRM": open the log form at once (a modal must be the first response: only the member's
 *   language and the customers the message names are looked up before it, within a budget), with
 *   the summary prefilled from the message and the customer field from the best match (the other
 *   matches are named under the field). The message's channel and id travel in the modal's
 *   custom_id to build the link on submit.
 * - "Find in CRM" and "Order status": the core reads the message (api.lookupMessage); the answer
 *   is an ephemeral reply (deferred when slow).
 */
import type { MessageContextMenuCommandInteraction } from "discord.js";
import { reply } from "../../../core/reply.js";
import type { Translate } from "../../../core/i18n/index.js";
import type { PickerOption } from "../../../core/service-api.js";
import { actorFromInteraction } from "../actor.js";
import { buildCommandModal } from "../commands/command-modal.js";
import { LOG_COMMAND, LOG_FROM_MESSAGE_TITLE, logFromMessagePrefill, logFromMessageTitle } from "../../kit/log-from-message.js";
import { messageLookupNamed, type MessageLookupShortcut } from "../../kit/message-lookup.js";
import { formTranslator } from "../reader-locale.js";
import { platformTranslator } from "../platform-locale.js";
import { answerNotice, answerWithReply, raceTimer, TIMED_OUT, type HandlerContext } from "../respond.js";
import { truncate } from "../render/escape.js";
import { DISCORD_LIMITS as L } from "../render/limits.js";

export const LOG_MODAL_PREFIX = "L:";
/** The customers a message names, looked up before the log form opens (it must open within 3 s). */
const MESSAGE_CUSTOMERS_BUDGET_MS = 1_000;
const MESSAGE_CUSTOMERS_LIMIT = 5;
/** Discord's limit for a Label's description. */
const LABEL_DESCRIPTION_MAX = 100;

type ContextInteraction = MessageContextMenuCommandInteraction<"cached" | "raw">;

/** A message's text: its content, or its embeds' text for a bot's message. */
export function messageText(message: MessageContextMenuCommandInteraction["targetMessage"]): string {
  return message.content || message.embeds.map((embed) => embed.description ?? embed.title ?? "").join("\n");
}

export async function handleMessageContext(interaction: ContextInteraction, ctx: HandlerContext): Promise<void> {
  if (interaction.commandName === LOG_FROM_MESSAGE_TITLE) {
    await openLogForm(interaction, ctx);
    return;
  }
  const lookup = messageLookupNamed(interaction.commandName);
  if (lookup) await answerLookup(interaction, ctx, lookup);
  else await answerNotice(interaction, ctx, reply.error("unknown_command", platformTranslator(interaction)("surface.unknownCommand")));
}

async function answerLookup(interaction: ContextInteraction, ctx: HandlerContext, shortcut: MessageLookupShortcut): Promise<void> {
  const lookupMessage = ctx.api.lookupMessage;
  if (!lookupMessage) {
    await answerNotice(interaction, ctx, reply.error("unavailable", platformTranslator(interaction)("messageLookup.unavailable")));
    return;
  }
  const actor = { ...actorFromInteraction(interaction), channelRef: `discord:${interaction.channelId}` };
  const text = messageText(interaction.targetMessage);
  await answerWithReply(interaction, ctx, () => lookupMessage.call(ctx.api, { actor, text, kind: shortcut.kind }));
}

/** The customers the message names, within the budget; none when slow, failing or not offered by the core. */
async function customersInMessage(interaction: ContextInteraction, ctx: HandlerContext, text: string): Promise<PickerOption[]> {
  const find = ctx.api.customersInMessage;
  if (!find || !text.trim()) return [];
  try {
    const found = await raceTimer(find.call(ctx.api, { actor: actorFromInteraction(interaction), text, limit: MESSAGE_CUSTOMERS_LIMIT }), MESSAGE_CUSTOMERS_BUDGET_MS);
    if (found !== TIMED_OUT) return found;
    ctx.logger.warn({ interactionId: interaction.id }, "The customers in the message were not found in time; the form opens without them");
  } catch (error) {
    ctx.logger.warn({ err: error, interactionId: interaction.id }, "Could not look up the customers in the message; the form opens without them");
  }
  return [];
}

/**
 * The customer field: the best match as its value (the name, which finds that customer exactly;
 * the member may still type another), every match named under it with its #id.
 */
function withCustomerMatches(modal: ReturnType<typeof buildCommandModal>, matches: readonly PickerOption[], t: Translate): ReturnType<typeof buildCommandModal> {
  if (matches.length < 2) return modal;
  const listed = matches.map((match) => `${match.label} ${match.value}`).join(", ");
  const description = truncate(t("messageLookup.logCustomersHint", { customers: listed }), LABEL_DESCRIPTION_MAX);
  return {
    ...modal,
    components: modal.components.map((component) =>
      component.type === 18 && "custom_id" in component.component && component.component.custom_id === "customer" ? { ...component, description } : component,
    ),
  };
}

async function openLogForm(interaction: ContextInteraction, ctx: HandlerContext): Promise<void> {
  const log = ctx.findCommand(LOG_COMMAND);
  if (!log) {
    await answerNotice(interaction, ctx, reply.error("unknown_command", platformTranslator(interaction)("surface.logUnavailable")));
    return;
  }
  const message = interaction.targetMessage;
  const text = messageText(message);
  const [t, matches] = await Promise.all([formTranslator(interaction, ctx), customersInMessage(interaction, ctx, text)]);
  const prefill = logFromMessagePrefill(log, text, L.textInputValue);
  const best = matches[0];
  if (best) prefill.customer = best.label;
  const modal = buildCommandModal(log, {
    customId: `${LOG_MODAL_PREFIX}${message.channelId}:${message.id}`,
    title: logFromMessageTitle(t),
    prefill,
    omit: ["link"],
    t,
  });
  await interaction.showModal(withCustomerMatches(modal, matches, t));
}
