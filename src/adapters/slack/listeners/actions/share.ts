/**
 * "Share in channel" on an ephemeral reply: Slack does not send the content of ephemeral messages
 * with the click, so the reply was kept under the button's token (for its owner only). It is posted
 * by the bot with who shared it; if the bot cannot post there, through response_url in_channel.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import { renderMessage } from "../../render/render-reply.js";
import type { SlackDeps } from "../../support/deps.js";
import { afterAck, deliver, isPlatformError } from "../../support/reply-delivery.js";
import { isUserId } from "../identity.js";
import { pressed } from "./button-context.js";

export function registerShareButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.share, type: "block_actions" }, async ({ ack, body, action, respond, context }) => {
    await ack();
    if (decodeButton(action.action_id, action.value)?.kind !== "share" || !action.value) return;
    const { identity, target, channelId } = pressed(body, context, respond, false);
    await afterAck(deps, target, { listener: "button:share", teamId: identity.teamId, userId: identity.userId }, async () => {
      const shared = deps.shares.get(action.value!);
      if (!shared || shared.teamId !== identity.teamId || shared.userId !== identity.userId) {
        await deliver(deps, target, { title: "That result can no longer be shared", blocks: [{ type: "text", text: "That result can no longer be shared. Run the command again, then share it." }], visibility: "ephemeral", isError: true });
        return;
      }
      const byline = isUserId(identity.userId) ? `Shared by <@${identity.userId}>` : "Shared";
      const reply = { ...shared.reply, visibility: "channel" as const, blocks: [...shared.reply.blocks] };
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
        await respond({ response_type: "in_channel", replace_original: false, text: message.text, blocks });
        posted = true;
      }
      if (!posted) throw new Error("Share: nowhere to post");
      deps.shares.delete(action.value!);
      if (respond && body.response_url) await respond({ delete_original: true });
    });
  });
}
