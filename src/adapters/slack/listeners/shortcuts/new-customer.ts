/** Global shortcut "New customer": opens the `new` command's form. */
import type { App, GlobalShortcut } from "@slack/bolt";
import { buildCommandModal } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { readerTranslator } from "../../support/reader-locale.js";
import { identityFrom } from "../identity.js";

export const NEW_CUSTOMER_CALLBACK_ID = "new_customer";

export function registerNewCustomerShortcut(app: App, deps: SlackDeps): void {
  app.shortcut<GlobalShortcut>({ callback_id: NEW_CUSTOMER_CALLBACK_ID, type: "shortcut" }, async ({ shortcut, ack, client, context }) => {
    await ack();
    const command = deps.api.commands.find((definition) => definition.name === "new");
    if (!command) return;
    try {
      const identity = identityFrom({ teamId: shortcut.team?.id ?? null, userId: shortcut.user.id }, context);
      const t = await readerTranslator(deps, client, identity);
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildCommandModal(command, { t }) });
    } catch (error) {
      deps.logger.warn({ err: error, listener: NEW_CUSTOMER_CALLBACK_ID }, "Could not open the New customer modal");
    }
  });
}
