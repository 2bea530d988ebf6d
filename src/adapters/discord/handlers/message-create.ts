/**
 * Record links posted in a Discord channel: where a manager turned previews on (`settings previews
 * on`, stored per channel), the bot answers the message with one compact embed per Rapport link (at
 * most MAX_PREVIEWS), each read as the message's author (kit/record-preview.ts): a record they may
 * not see, one of another server or one that is gone gets no embed, and with none left nothing is
 * posted. Off by default.
 *
 * Reading messages needs the GuildMessages intent and the privileged MessageContent intent (enabled
 * under Bot -> Privileged Gateway Intents in the Developer Portal); the bot asks for both only when
 * RAPPORT_PUBLIC_URL is set (bot.ts). Messages of bots and webhooks, Rapport's own included, are
 * never answered.
 */
import { PermissionFlagsBits, type Message } from "discord.js";
import type { Actor } from "../../../core/actor.js";
import { findRecordLinks } from "../../../core/record-links.js";
import type { Reply } from "../../../core/reply.js";
import { previewRecord } from "../../kit/record-preview.js";
import { renderReply } from "../render/render-reply.js";
import type { HandlerContext } from "../respond.js";

/** Embeds per answered message: a message full of links gets a short answer, not a wall. */
export const MAX_PREVIEWS = 3;

/** The author of a guild message as an Actor (no interaction: no client locale; the server's applies). */
export function actorFromMessage(message: Message<true>): Actor {
  const member = message.member;
  const isPlatformAdmin = member ? member.permissions.has(PermissionFlagsBits.ManageGuild) : undefined;
  return {
    platform: "discord",
    tenantExternalId: message.guildId,
    tenantName: message.guild.name,
    userExternalId: message.author.id,
    channelRef: `discord:${message.channelId}`,
    profile: {
      displayName: member?.displayName ?? message.author.globalName ?? message.author.username,
      ...(message.guild.preferredLocale ? { workspaceLocale: message.guild.preferredLocale } : {}),
      ...(isPlatformAdmin !== undefined ? { isPlatformAdmin } : {}),
    },
  };
}

export async function handleMessageCreate(message: Message, ctx: HandlerContext & { publicUrl?: string }): Promise<void> {
  const base = ctx.publicUrl;
  if (!base || !message.inGuild() || message.author.bot || message.webhookId || message.system) return;
  const links = findRecordLinks(message.content, base).slice(0, MAX_PREVIEWS);
  if (!links.length || !ctx.api.linkPreviews) return;
  const admitted = ctx.admission.tryAdmit({ platform: "discord", workspace: message.guildId, member: message.author.id, lookup: true });
  if (!admitted.ok) {
    ctx.logger.info({ reason: admitted.refusal.reason, channelId: message.channelId }, "link previews skipped: request turned away");
    return;
  }
  await admitted.ticket.run(async () => {
    const actor = actorFromMessage(message);
    if (!(await ctx.api.linkPreviews!({ actor, channelRef: `discord:${message.channelId}` }))) return;
    const previews = (await Promise.all(links.map((link) => previewRecord(ctx.api, actor, link)))).filter((preview): preview is Reply => preview !== null);
    if (!previews.length) return;
    const embeds = previews.flatMap((preview) => renderReply(preview, ctx.codec).embeds.slice(0, 1));
    await message.reply({ embeds, allowedMentions: { parse: [], repliedUser: false } });
  });
}
