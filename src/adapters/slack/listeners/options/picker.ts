/**
 * External selects (customer / order / member pickers): options come from `api.pick`. The options
 * list is the ack itself, so the core gets `ackBudgetMs`; a slower answer yields an empty list
 * rather than a timed-out picker.
 */
import type { App, BlockSuggestion } from "@slack/bolt";
import { PICK_ACTION_PATTERN, pickerOptions } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { admit, withinBudget } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";

const PICK_LIMIT = 20;

export function registerPickerOptions(app: App, deps: SlackDeps): void {
  app.options<"block_suggestion">({ action_id: PICK_ACTION_PATTERN, type: "block_suggestion" }, async ({ ack, body, client, context }) => {
    const suggestion = body as BlockSuggestion;
    const kind = PICK_ACTION_PATTERN.exec(suggestion.action_id)?.[1] as "customer" | "order" | "member" | undefined;
    if (!kind) {
      await ack({ options: [] });
      return;
    }
    const identity = identityFrom({ teamId: suggestion.team?.id ?? suggestion.user.team_id ?? null, userId: suggestion.user.id }, context);
    // Under load a picker gets no options at once rather than adding to the queue.
    const admitted = admit(deps, identity, { lookup: true });
    if (!admitted.ok) {
      await ack({ options: [] });
      return;
    }
    const picking = admitted.ticket.run(async () => {
      const actor = await deps.actors.resolve(client, identity);
      return deps.api.pick({ actor, kind, query: suggestion.value.slice(0, 200), limit: PICK_LIMIT });
    });
    let found;
    try {
      found = await withinBudget(picking, deps.config.ackBudgetMs);
    } catch (error) {
      deps.logger.warn({ err: error, listener: "options", kind }, "Picker search failed");
    }
    if (!found) deps.logger.warn({ listener: "options", kind }, "Picker search did not answer in time; sent no options");
    await ack({ options: pickerOptions(found?.value ?? []) });
  });
}
