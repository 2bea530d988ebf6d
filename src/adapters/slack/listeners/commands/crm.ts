/**
 * `/crm <command line>`: run the line as the member and answer in the ack when the answer is ready
 * within the ack budget, else through response_url after an empty ack (support/ack-answer.ts).
 * `/crm log` or `/crm new` alone opens the command's form.
 * Before the ack, admission decides whether Rapport takes the line on; when it is busy (or the
 * member or workspace is sending too fast) the ack itself carries "busy, try again in a moment",
 * so nothing is acknowledged that will not be answered.
 */
import type { App } from "@slack/bolt";
import { buildCommandModal } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { admit, afterAck, refusalAck } from "../../support/reply-delivery.js";
import { answerInAckOrLater } from "../../support/ack-answer.js";
import { identityFrom } from "../identity.js";
import { readerTranslator } from "../../support/reader-locale.js";
import { channelDirectoryOf, linkTypedChannels, takesChannel } from "../../support/channel-names.js";

export function registerCrmCommand(app: App, deps: SlackDeps): void {
  app.command("/crm", async ({ command, ack, respond, client, context }) => {
    const identity = identityFrom({ teamId: command.team_id, userId: command.user_id, teamName: command.team_domain }, context);
    const text = command.text.trim();
    // The trigger_id identifies this request: a repeated delivery neither writes nor uploads twice.
    const target = { ...identity, respond, channelId: command.channel_id, deliveryKey: `trigger:${command.trigger_id}`, ...(context.botToken ? { botToken: context.botToken } : {}) };
    const formOnly = deps.api.commands.find((definition) => definition.writes === true && definition.name === text.toLowerCase() && definition.options.some((option) => option.required));
    if (formOnly) {
      // Opening a form runs no command: no admission. The trigger_id expires within seconds.
      await ack();
      await afterAck(deps, target, { listener: "/crm", teamId: identity.teamId, userId: identity.userId }, async () => {
        const t = await readerTranslator(deps, client, identity);
        await client.views.open({ trigger_id: command.trigger_id, view: buildCommandModal(formOnly, { metadata: { channelId: command.channel_id }, t }) });
      });
      return;
    }
    const admitted = admit(deps, identity);
    if (!admitted.ok) {
      await ack(refusalAck(admitted.refusal));
      return;
    }
    await answerInAckOrLater(deps, { target, ticket: admitted.ticket, ack, context: { listener: "/crm", teamId: identity.teamId, userId: identity.userId } }, async () => {
      const actor = { ...(await deps.actors.resolve(client, identity)), channelRef: `slack:${command.channel_id}` };
      // `#sales` typed as text (the manifest keeps should_escape off) becomes the channel's link.
      // A line without `#` has nothing to link: the command lookup (a second parse) is skipped.
      const line = text.includes("#") && takesChannel(text, deps.api.commands) ? await linkTypedChannels(text, (name) => channelDirectoryOf(deps).idOf(client, identity.teamId, name)) : text;
      return deps.api.runText({ actor, text: line || "help", idempotencyKey: `slack:${identity.teamId}:trigger:${command.trigger_id}` });
    });
  });
}
