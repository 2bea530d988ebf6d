/**
 * Undo: the core checks the token against tenant, member and the time window; the answer replaces
 * the confirmation, so the Undo button disappears. A repeated delivery of the same press (same
 * trigger_id) reaches the core with the same idempotency key.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import type { SlackDeps } from "../../support/deps.js";
import { ackAndRunAdmitted, deliver } from "../../support/reply-delivery.js";
import { pressed } from "./button-context.js";

export function registerUndoButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.undo, type: "block_actions" }, async ({ ack, body, action, respond, client, context }) => {
    const decoded = decodeButton(action.action_id, action.value);
    if (decoded?.kind !== "undo") {
      await ack();
      return;
    }
    const { identity, target, triggerId } = pressed(body, context, respond, true);
    await ackAndRunAdmitted(deps, { ack, identity, target, listener: "button:undo" }, async () => {
      const actor = await deps.actors.resolve(client, identity);
      const reply = await deps.api.undo({ actor, token: decoded.token, idempotencyKey: `slack:${identity.teamId}:trigger:${triggerId}` });
      await deliver(deps, target, { ...reply, visibility: "ephemeral" });
    });
  });
}
