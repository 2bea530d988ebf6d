/** A "form" button (Log call, Set follow-up, New customer): opens the command's modal at once, prefilled. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_ID_PATTERN, decodeButton } from "../../render/button-codec.js";
import { buildCommandModal } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { pressed } from "./button-context.js";
import { readerTranslator } from "../../support/reader-locale.js";

export function registerFormButton(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>({ action_id: ACTION_ID_PATTERN.form, type: "block_actions" }, async ({ ack, body, action, client, context }) => {
    await ack();
    const decoded = decodeButton(action.action_id, action.value);
    if (decoded?.kind !== "form") return;
    const command = deps.api.commands.find((definition) => definition.name === decoded.command);
    if (!command) return;
    const { identity, channelId, triggerId } = pressed(body, context, undefined, false);
    try {
      const t = await readerTranslator(deps, client, identity);
      await client.views.open({ trigger_id: triggerId, view: buildCommandModal(command, { prefill: decoded.prefill, metadata: channelId ? { channelId } : {}, t }) });
    } catch (error) {
      deps.logger.warn({ err: error, listener: "button:form", command: command.name }, "Could not open the form");
    }
  });
}
