/** A "run" button (e.g. Orders on a customer card): runs its command line as the presser, answered as a new ephemeral reply. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import type { SlackDeps } from "../../support/deps.js";
import { ackAndRunAdmitted, deliver } from "../../support/reply-delivery.js";
import { pressed } from "./button-context.js";

export function registerRunButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.run, type: "block_actions" }, async ({ ack, body, action, respond, client, context }) => {
    const decoded = decodeButton(action.action_id, action.value);
    if (decoded?.kind !== "run") {
      await ack();
      return;
    }
    const { identity, target, triggerId } = pressed(body, context, respond, false);
    await ackAndRunAdmitted(deps, { ack, identity, target, listener: "button:run" }, async () => {
      const actor = await deps.actors.resolve(client, identity);
      const channelRef = body.channel?.id ? `slack:${body.channel.id}` : undefined;
      const reply = await deps.api.runText({ actor: channelRef ? { ...actor, channelRef } : actor, text: decoded.command, idempotencyKey: `slack:${identity.teamId}:trigger:${triggerId}` });
      await deliver(deps, { ...target, deliveryKey: `trigger:${triggerId}` }, reply);
    });
  });
}
