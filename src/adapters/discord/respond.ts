/**
 * Answering an interaction exactly once, within Discord's 3 s.
 *
 * The api call races a timer (`deferAfterMs`, default 2 s). Fast: the reply is the first and only
 * callback. Slow: defer first (the token then lives 15 minutes), then edit the deferred message.
 * Failures become a short apology carrying an id that is also in the log.
 *
 * Before any of that, admission decides whether Rapport takes the request on: turned away (busy,
 * or the member or server sending too fast), the first and only response is an ephemeral
 * "busy, try again in a moment", with no deferral and no core call.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from "discord.js";
import type { Admission, AdmissionDecision } from "../../core/admission.js";
import type { CommandDefinition } from "../../core/command.js";
import type { Reply } from "../../core/reply.js";
import { apologyReply, newErrorId } from "../../core/apology.js";
import type { RapportApi } from "../../core/service-api.js";
import type { Logger } from "../../core/logger.js";
import type { ButtonCodec } from "./render/button-codec.js";
import { renderReply, type DiscordMessage } from "./render/render-reply.js";
import type { DiscordCommandSet } from "./commands/slash-commands.js";
import { platformTranslator } from "./platform-locale.js";
import type { SettledMembers } from "./settled-members.js";

export type HandlerContext = {
  api: RapportApi;
  /** Consulted before the first response of anything that runs the core. */
  admission: Admission;
  codec: ButtonCodec;
  commandSet: DiscordCommandSet;
  logger: Logger;
  /** Defer when the api has not answered after this long (Discord kills the token at 3 s). */
  deferAfterMs: number;
  /** Autocomplete answers with what it has after this long. */
  autocompleteTimeoutMs: number;
  findCommand(name: string): CommandDefinition | undefined;
  /** Share: origins trusted for downloading a message's files besides Discord's CDN (the configured REST origin). */
  attachmentOrigins: readonly string[];
  /** Share: how long downloading a message's files may take before it is shared without them. */
  shareDownloadTimeoutMs: number;
  /** Members already asked for a time zone (or with one of their own), seen by this process. */
  timeZoneSettled: SettledMembers;
};

type ReplyTarget = ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | ModalSubmitInteraction | StringSelectMenuInteraction;

export const TIMED_OUT = Symbol("timed out");

type Outcome = { reply: Reply } | { error: unknown };


function settle(work: () => Promise<Reply>): Promise<Outcome> {
  return Promise.resolve()
    .then(work)
    .then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
}

export async function raceTimer<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Attachments go as multipart/form-data; discord.js adds `attachments[{ id, description }]` to the JSON part. */
export function toFileOptions(message: DiscordMessage): { files?: { attachment: Buffer; name: string; description: string }[] } {
  return message.files?.length
    ? { files: message.files.map((file) => ({ attachment: file.data, name: file.name, description: file.description })) }
    : {};
}

function toReplyOptions(message: DiscordMessage): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return {
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowedMentions,
    ...toFileOptions(message),
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function toEditOptions(message: DiscordMessage): InteractionEditReplyOptions & InteractionUpdateOptions {
  // An edit replaces the message's files: none in the reply means none left (e.g. paging away from a chart).
  return { embeds: message.embeds, components: message.components, allowedMentions: message.allowedMentions, attachments: [], ...toFileOptions(message) };
}

function render(reply: Reply, ctx: HandlerContext, interaction: ReplyTarget): DiscordMessage {
  const limit = interaction.attachmentSizeLimit;
  return renderReply(reply, ctx.codec, typeof limit === "number" && limit > 0 ? { attachmentSizeLimit: limit } : {});
}

function resolveOutcome(outcome: Outcome, ctx: HandlerContext, interaction: ReplyTarget): Reply {
  if ("reply" in outcome) return outcome.reply;
  const id = newErrorId();
  ctx.logger.error({ err: outcome.error, errorId: id, interactionId: interaction.id }, "discord interaction failed");
  return apologyReply(id, platformTranslator(interaction));
}

/**
 * Answer with a new message (slash commands, run buttons, modal submissions). A slow answer is
 * deferred ephemerally; if it turns out to be a channel reply, the placeholder is replaced by a
 * public follow-up. Returns the reply shown; undefined when admission turned the request away.
 */
export async function answerWithReply(interaction: ReplyTarget, ctx: HandlerContext, work: () => Promise<Reply>): Promise<Reply | undefined> {
  const admitted = admit(interaction, ctx);
  if (!admitted.ok) {
    await answerNotice(interaction, ctx, admitted.refusal.reply);
    return undefined;
  }
  const pending = settle(() => admitted.ticket.run(work));
  const early = await raceTimer(pending, ctx.deferAfterMs);
  if (early !== TIMED_OUT) {
    const reply = resolveOutcome(early, ctx, interaction);
    await interaction.reply(toReplyOptions(render(reply, ctx, interaction)));
    return reply;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const reply = resolveOutcome(await pending, ctx, interaction);
  const message = render(reply, ctx, interaction);
  if (message.ephemeral) {
    await interaction.editReply(toEditOptions(message));
    return reply;
  }
  await interaction.deleteReply();
  await interaction.followUp(toReplyOptions(message));
  return reply;
}

/**
 * Answer by updating the message the button sits on (paging, undo). Errors are not written over a
 * possibly shared message: they go to the presser alone.
 */
export async function answerWithUpdate(interaction: ButtonInteraction | StringSelectMenuInteraction, ctx: HandlerContext, work: () => Promise<Reply>): Promise<void> {
  const admitted = admit(interaction, ctx);
  if (!admitted.ok) {
    // Never over the message the button sits on (it may be shared): to the presser alone.
    await answerNotice(interaction, ctx, admitted.refusal.reply);
    return;
  }
  const pending = settle(() => admitted.ticket.run(work));
  const early = await raceTimer(pending, ctx.deferAfterMs);
  if (early !== TIMED_OUT) {
    const reply = resolveOutcome(early, ctx, interaction);
    const message = render(reply, ctx, interaction);
    if (reply.isError) await interaction.reply(toReplyOptions({ ...message, ephemeral: true }));
    else await interaction.update(toEditOptions(message));
    return;
  }
  await interaction.deferUpdate();
  const reply = resolveOutcome(await pending, ctx, interaction);
  const message = render(reply, ctx, interaction);
  if (reply.isError) await interaction.followUp(toReplyOptions({ ...message, ephemeral: true }));
  else await interaction.editReply(toEditOptions(message));
}

/** Asks admission for this member of this server; `lookup`: autocomplete (spends no rate tokens). */
export function admit(
  interaction: { guildId: string | null; user: { id: string }; locale?: string },
  ctx: HandlerContext,
  options: { lookup?: boolean } = {},
): AdmissionDecision {
  return ctx.admission.tryAdmit({
    platform: "discord",
    workspace: interaction.guildId ?? "dm",
    member: interaction.user.id,
    ...(interaction.locale ? { locale: interaction.locale } : {}),
    ...(options.lookup ? { lookup: true } : {}),
  });
}

/** A quick ephemeral notice that needs no api call. */
export async function answerNotice(interaction: ReplyTarget, ctx: HandlerContext, reply: Reply): Promise<void> {
  await interaction.reply(toReplyOptions({ ...render(reply, ctx, interaction), ephemeral: true }));
}
