/** Every Slack listener, one file per callback. "Where does /crm log happen": commands/crm.ts -> api.runText. */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../support/deps.js";
import { registerFormButton } from "./actions/form.js";
import { registerFormActionSwitch } from "./actions/form-action-switch.js";
import { registerPageButton } from "./actions/page.js";
import { registerRunButton } from "./actions/run.js";
import { registerShareButton } from "./actions/share.js";
import { registerUndoButton } from "./actions/undo.js";
import { registerCrmCommand } from "./commands/crm.js";
import { registerAppHomeOpened } from "./events/app-home-opened.js";
import { dedupeEventDeliveries } from "./events/dedupe-deliveries.js";
import { registerPeopleEvents } from "./events/people.js";
import { registerLinkShared } from "./events/link-shared.js";
import { registerPickerOptions } from "./options/picker.js";
import { registerLogToCrmShortcut } from "./shortcuts/log-to-crm.js";
import { registerMessageLookupShortcuts } from "./shortcuts/message-lookup.js";
import { registerNewCustomerShortcut } from "./shortcuts/new-customer.js";
import { registerCommandFormSubmission } from "./views/command-form.js";

export function registerListeners(app: App, deps: SlackDeps): void {
  app.use(dedupeEventDeliveries(deps));
  registerCrmCommand(app, deps);
  registerLogToCrmShortcut(app, deps);
  registerMessageLookupShortcuts(app, deps);
  registerNewCustomerShortcut(app, deps);
  registerCommandFormSubmission(app, deps);
  registerRunButton(app, deps);
  registerPageButton(app, deps);
  registerFormButton(app, deps);
  registerFormActionSwitch(app, deps);
  registerUndoButton(app, deps);
  registerShareButton(app, deps);
  registerPickerOptions(app, deps);
  registerAppHomeOpened(app, deps);
  registerPeopleEvents(app, deps);
  registerLinkShared(app, deps);
}
