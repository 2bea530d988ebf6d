/**
 * `/crm <command line>`: ack at once (empty ack: nothing shown yet), then run the line as the
 * member and answer through response_url. `/crm log` or `/crm new` alone opens the command's form.
 */
import type { App } from "@slack/bolt";
import { buildCommandModal } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { afterAck, deliver } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";

export function registerCrmCommand(app: App, deps: SlackDeps): void {
  app.command("/crm", async ({ command, ack, respond, client, context }) => {
    await ack();
    const identity = identityFrom({ teamId: command.team_id, userId: command.user_id, teamName: command.team_domain }, context);
    const text = command.text.trim();
    // The trigger_id identifies this request: a repeated delivery neither writes nor uploads twice.
    const target = { ...identity, respond, channelId: command.channel_id, deliveryKey: `trigger:${command.trigger_id}`, ...(context.botToken ? { botToken: context.botToken } : {}) };
    await afterAck(deps, target, { listener: "/crm", teamId: identity.teamId, userId: identity.userId }, async () => {
      // The trigger_id expires within seconds: a form opens before any slow work.
      const formOnly = deps.api.commands.find((definition) => definition.writes && definition.name === text.toLowerCase() && definition.options.some((option) => option.required));
      if (formOnly) {
        await client.views.open({ trigger_id: command.trigger_id, view: buildCommandModal(formOnly, { metadata: { channelId: command.channel_id } }) });
        return;
      }
      const actor = await deps.actors.resolve(client, identity);
      const reply = await deps.api.runText({ actor, text: text || "help", idempotencyKey: `slack:${identity.teamId}:trigger:${command.trigger_id}` });
      await deliver(deps, target, reply);
    });
  });
}
