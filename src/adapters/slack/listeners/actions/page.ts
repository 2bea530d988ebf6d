/** Previous/Next: runs the neighbouring page's command line and replaces the message in place. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import type { SlackDeps } from "../../support/deps.js";
import { ackAndRunAdmitted, deliver } from "../../support/reply-delivery.js";
import { pressed } from "./button-context.js";

export function registerPageButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.page, type: "block_actions" }, async ({ ack, body, action, respond, client, context }) => {
    const decoded = decodeButton(action.action_id, action.value);
    if (decoded?.kind !== "page") {
      await ack();
      return;
    }
    const { identity, target, triggerId } = pressed(body, context, respond, true);
    await ackAndRunAdmitted(deps, { ack, identity, target, listener: "button:page" }, async () => {
      const actor = await deps.actors.resolve(client, identity);
      const reply = await deps.api.runText({ actor, text: decoded.command, idempotencyKey: `slack:${identity.teamId}:trigger:${triggerId}` });
      await deliver(deps, { ...target, deliveryKey: `trigger:${triggerId}` }, reply);
    });
  });
}
