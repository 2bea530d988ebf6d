/**
 * "Share in channel" on an ephemeral reply: Slack does not send the content of ephemeral messages
 * with the click, so the reply was kept under the button's token (for its owner only). It is posted
 * by the bot with who shared it; if the bot cannot post there, through response_url in_channel.
 *
 * Slack Connect: a channel shared with another organisation (is_ext_shared) gets no CRM data: the
 * share is refused with an explanation. A channel Rapport cannot look at (private without the bot,
 * a DM) might be one, so it is refused too, with what to do instead.
 *
 * Files: sharing a reply that carries files (an export, a chart) shares them too: after the
 * message, the same files are uploaded into the channel, because a person who shares a chart means
 * the chart. Where Slack refuses the upload (not_in_channel: Rapport was never invited, even if
 * chat:write.public let it post the message; channel_not_found) they go to the presser's DM
 * instead, and the presser is told so. A repeated press (same token) does not upload them twice.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import { renderMessage } from "../../render/render-reply.js";
import type { SlackDeps } from "../../support/deps.js";
import { afterAck, deliver, deliverNotes, isPlatformError } from "../../support/reply-delivery.js";
import { withoutUnfurls } from "../../support/no-unfurls.js";
import { fileNotes, sendReplyFiles } from "../../support/reply-files.js";
import { isUserId } from "../identity.js";
import { pressed } from "./button-context.js";
import { forSharing } from "../../../../core/reply.js";
import { createTranslator, type Translate } from "../../../../core/i18n/index.js";
import { translatorFor } from "../../../kit/paging.js";

export function registerShareButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.share, type: "block_actions" }, async ({ ack, body, action, respond, context, client }) => {
    await ack();
    if (decodeButton(action.action_id, action.value)?.kind !== "share" || !action.value) return;
    const { identity, target, channelId } = pressed(body, context, respond, false);
    await afterAck(deps, target, { listener: "button:share", teamId: identity.teamId, userId: identity.userId }, async () => {
      const shared = deps.shares.get(action.value!);
      if (!shared || shared.teamId !== identity.teamId || shared.userId !== identity.userId) {
        const t = createTranslator(deps.locales.get(identity) ?? "en");
        await deliver(deps, target, { title: t("share.expiredTitle"), blocks: [{ type: "text", text: t("share.expired") }], visibility: "ephemeral", isError: true, code: "share_expired", ...(t.locale === "en" ? {} : { locale: t.locale }) });
        return;
      }
      // The sharer's language: the reply was written for them.
      const t = translatorFor(shared.reply);
      const audience = channelId ? await channelAudience(client, channelId) : "unknown";
      if (audience !== "internal") {
        deps.logger.info({ channelId, audience, teamId: identity.teamId }, "Share refused: the channel may be shared with another organisation");
        const refusal = shareRefusal(audience, t);
        await deliver(deps, target, { title: refusal, blocks: [{ type: "text", text: refusal, tone: "warning" }], visibility: "ephemeral", isError: true, code: "share_refused", ...(shared.reply.locale ? { locale: shared.reply.locale } : {}) });
        return;
      }
      const byline = isUserId(identity.userId) ? t("share.sharedBy", { user: `<@${identity.userId}>` }) : t("share.shared");
      const reply = forSharing(shared.reply);
      const message = renderMessage(reply);
      const blocks = [...message.blocks.slice(0, 49), { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: byline }] }];
      let posted = false;
      if (channelId && context.botToken) {
        try {
          await deps.poster.postMessage(context.botToken, { channel: channelId, text: message.text, blocks });
          posted = true;
        } catch (error) {
          // Only when Slack refused (not_in_channel ...): after a lost response the post may exist.
          if (!isPlatformError(error)) throw error;
          deps.logger.warn({ err: error, channelId }, "Share: the bot could not post in the channel; using response_url");
        }
      }
      if (!posted && respond && body.response_url) {
        await respond(withoutUnfurls({ response_type: "in_channel", replace_original: false, text: message.text, blocks }));
        posted = true;
      }
      if (!posted) throw new Error("Share: nowhere to post");
      deps.shares.delete(action.value!);
      const files = await sendReplyFiles(
        deps,
        { ...identity, ...(channelId ? { channelId } : {}), ...(context.botToken ? { botToken: context.botToken } : {}), deliveryKey: `share:${action.value!}` },
        shared.reply,
        "channel",
      );
      if (respond && body.response_url) await respond({ delete_original: true });
      await deliverNotes(deps, target, fileNotes(files, { shownIn: "channel", t }));
    });
  });
}

/** Why a share was refused, in the sharer's language. */
export function shareRefusal(audience: "external" | "unknown", t: Translate = createTranslator("en")): string {
  return t(audience === "external" ? "share.externalChannel" : "share.unknownChannel");
}

/** internal: a channel of this workspace only; external: Slack Connect; unknown: Slack would not tell. */
export async function channelAudience(client: WebClient, channelId: string): Promise<"internal" | "external" | "unknown"> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    if (!channel) return "unknown";
    return channel.is_ext_shared || channel.is_pending_ext_shared ? "external" : "internal";
  } catch (error) {
    if (isPlatformError(error)) return "unknown"; // channel_not_found, missing_scope ...
    throw error;
  }
}
