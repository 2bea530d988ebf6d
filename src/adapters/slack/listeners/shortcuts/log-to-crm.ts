/**
 * Message shortcut "Log to CRM": the modal opens right after the ack, prefilled with the message
 * text (the trigger_id expires within seconds); the permalink is fetched afterwards and added to
 * the open view (its hash guards against overwriting a newer version of the view).
 */
import type { App, MessageShortcut } from "@slack/bolt";
import { buildCommandModal, type FormMetadata } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { identityFrom } from "../identity.js";
import { readerTranslator } from "../../support/reader-locale.js";
import { findLogCommand, logFromMessagePrefill } from "../../../kit/log-from-message.js";
import { plainMessageText } from "../../support/message-text.js";

export const LOG_TO_CRM_CALLBACK_ID = "log_to_crm";

export function registerLogToCrmShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: LOG_TO_CRM_CALLBACK_ID, type: "message_action" }, async ({ shortcut, ack, client, context }) => {
    await ack();
    const log = findLogCommand(deps.api.commands);
    const log$ = deps.logger.child({ listener: LOG_TO_CRM_CALLBACK_ID });
    if (!log) {
      log$.error({}, "The core has no log command");
      return;
    }
    const identity = identityFrom({ teamId: shortcut.team?.id ?? null, userId: shortcut.user.id }, context);
    // The summary as people read the message, not its raw mrkdwn (`<@U123>` -> `@Pat`, `&amp;` -> `&`).
    const prefill = logFromMessagePrefill(log, await plainMessageText(deps, client, identity.teamId, shortcut.message.text));
    const metadata: FormMetadata = { channelId: shortcut.channel.id };
    try {
      const t = await readerTranslator(deps, client, identity);
      const opened = await client.views.open({ trigger_id: shortcut.trigger_id, view: buildCommandModal(log, { prefill, metadata, t }) });
      const { permalink } = await client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts });
      if (!permalink || !opened.view?.id) return;
      const withLink = { ...prefill, link: permalink };
      await client.views.update({
        view_id: opened.view.id,
        ...(opened.view.hash ? { hash: opened.view.hash } : {}),
        view: buildCommandModal(log, { prefill: withLink, metadata: { ...metadata, messageLink: permalink }, t }),
      });
    } catch (error) {
      // A hash_conflict means the member already changed the view; the link is optional.
      log$.warn({ err: error, teamId: identity.teamId, userId: identity.userId }, "Log to CRM: could not open or complete the modal");
    }
  });
}
