/**
 * Choosing the action in a form whose inputs depend on it (`deal`: new, stage, lost ...) redraws the
 * open form with that action's inputs, keeping what was already entered. The view's hash guards
 * against overwriting a newer version of the view.
 */
import type { App, BlockAction, StaticSelectAction } from "@slack/bolt";
import { ACTION_OPTION } from "../../../kit/form-options.js";
import { buildCommandModal, decodeMetadata, FORM_ACTION_SWITCH, FORM_CALLBACK_PREFIX, prefillFromState } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { readerTranslator } from "../../support/reader-locale.js";
import { identityFrom } from "../identity.js";

export function registerFormActionSwitch(app: App, deps: SlackDeps): void {
  app.action<BlockAction<StaticSelectAction>>({ action_id: FORM_ACTION_SWITCH, type: "block_actions" }, async ({ ack, body, action, client, context }) => {
    await ack();
    const view = body.view;
    if (!view?.callback_id?.startsWith(FORM_CALLBACK_PREFIX)) return;
    const command = deps.api.commands.find((definition) => definition.name === view.callback_id.slice(FORM_CALLBACK_PREFIX.length));
    if (!command) return;
    const { prefill, labels } = prefillFromState(command, (view.state?.values ?? {}) as Parameters<typeof prefillFromState>[1]);
    const chosen = action.selected_option?.value;
    if (chosen) prefill[ACTION_OPTION] = chosen;
    const identity = identityFrom({ teamId: body.team?.id ?? null, userId: body.user.id }, context);
    try {
      const t = await readerTranslator(deps, client, identity);
      await client.views.update({
        view_id: view.id,
        ...(view.hash ? { hash: view.hash } : {}),
        view: buildCommandModal(command, { prefill, prefillLabels: labels, metadata: decodeMetadata(view.private_metadata), t }),
      });
    } catch (error) {
      // A hash_conflict: the reader changed the form meanwhile; their next choice redraws it.
      deps.logger.warn({ err: error, listener: FORM_ACTION_SWITCH, command: command.name }, "Could not redraw the form for the chosen action");
    }
  });
}
