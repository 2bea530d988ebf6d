/**
 * Submission of any command form (`rapport:form:<command>`), including "Log to CRM".
 *
 * Slack needs the ack within 3 s, and only the ack can show errors on the fields. So: the command's
 * own schema checks the input first (no database); then the core gets `ackBudgetMs` to answer. In
 * time: its field errors go on the form, or the modal closes and the confirmation follows. Too slow:
 * the modal closes and the answer follows as a message. The idempotency key is the view id, its hash
 * and the submitted values, so a repeated delivery of the same submission runs the command once
 * (it joins the first call), while a corrected resubmission runs again.
 */
import { createHash } from "node:crypto";
import type { App, ViewSubmitAction } from "@slack/bolt";
import type { CommandDefinition } from "../../../../core/command.js";
import type { Reply } from "../../../../core/reply.js";
import { decodeMetadata, fieldErrorsForView, FORM_CALLBACK_PATTERN, FORM_CALLBACK_PREFIX, formOptions, readSubmission } from "../../render/modal.js";
import type { SlackDeps } from "../../support/deps.js";
import { admit, afterAck, deliver, withinBudget, type DeliveryTarget } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";
import { createTranslator } from "../../../../core/i18n/index.js";
import { ACTION_OPTION } from "../../../kit/form-options.js";
import { localizeMessage } from "../../../../core/i18n/localized-messages.js";

export function registerCommandFormSubmission(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>({ callback_id: FORM_CALLBACK_PATTERN, type: "view_submission" }, async ({ ack, body, view, client, context }) => {
    const name = view.callback_id.slice(FORM_CALLBACK_PREFIX.length);
    const command = deps.api.commands.find((definition) => definition.name === name);
    if (!command) {
      await ack();
      return;
    }
    const args = readSubmission(command, view.state.values);
    const metadata = decodeMetadata(view.private_metadata);
    if (command.options.some((option) => option.name === "link") && args.link === undefined && metadata.messageLink) args.link = metadata.messageLink;

    const identity = identityFrom({ teamId: view.team_id || body.team?.id || null, userId: body.user.id }, context);
    const schemaErrors = localFieldErrors(command, args);
    if (schemaErrors) {
      // No database before this ack: the language this member was last answered in.
      const t = createTranslator(deps.locales.get(identity) ?? "en");
      const localized = Object.fromEntries(Object.entries(schemaErrors).map(([name, message]) => [name, localizeMessage(message, t)]));
      await ack({ response_action: "errors", errors: fieldErrorsForView(command, localized, undefined, chosenAction(args)) });
      return;
    }

    const digest = createHash("sha256").update(JSON.stringify(view.state.values)).digest("base64url").slice(0, 16);
    const idempotencyKey = `slack:${identity.teamId}:view:${view.id}:${view.hash}:${digest}`;
    // A repeated delivery joins the running submission; a new one must be admitted first. Refused,
    // the form stays open saying so, with everything typed still in it: submit again in a moment.
    const joining = deps.inFlight.get(idempotencyKey);
    const admitted = joining ? undefined : admit(deps, identity);
    if (admitted && !admitted.ok) {
      await ack({ response_action: "errors", errors: fieldErrorsForView(command, { "": admitted.refusal.message }, undefined, chosenAction(args)) });
      return;
    }
    const ticket = admitted?.ticket;
    const { value: running, created } = deps.inFlight.getOrCreate(idempotencyKey, async () => {
      const work = async () => {
        const actor = await deps.actors.resolve(client, identity);
        const channelRef = metadata.channelId ? `slack:${metadata.channelId}` : undefined;
        return deps.api.runArgs({ actor: channelRef ? { ...actor, channelRef } : actor, command: command.name, args, idempotencyKey });
      };
      return ticket ? ticket.run(work) : work();
    });

    let early: { value: Reply } | undefined;
    try {
      early = await withinBudget(running, deps.config.ackBudgetMs);
    } catch {
      early = undefined; // reported below, after the ack
    }
    const errors = early ? formErrors(command, early.value, chosenAction(args)) : undefined;
    if (errors) {
      deps.inFlight.delete(idempotencyKey);
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();
    if (!created) return; // a repeated delivery: the first one answers

    const target: DeliveryTarget = {
      ...identity,
      ...(metadata.channelId ? { channelId: metadata.channelId } : {}),
      ...(context.botToken ? { botToken: context.botToken } : {}),
      deliveryKey: idempotencyKey,
    };
    await afterAck(deps, target, { listener: "view_submission", command: command.name, teamId: identity.teamId, userId: identity.userId }, async () => {
      const reply = await running;
      await deliver(deps, target, reply);
    });
  });
}

/** The command's schema, run on the submitted args: option name -> first message. */
function localFieldErrors(command: CommandDefinition, args: Record<string, unknown>): Record<string, string> | undefined {
  let result;
  try {
    result = command.schema.safeParse(args);
  } catch {
    return undefined; // async refinements: the core checks them
  }
  if (result.success) return undefined;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? formOptions(command)[0]?.name ?? "");
    errors[name] ??= issue.message;
  }
  return errors;
}

/** A user-error reply from the core, as errors on the form; `undefined` when the reply is a success. */
function formErrors(command: CommandDefinition, reply: Reply, action: string | undefined): Record<string, string> | undefined {
  if (reply.fieldErrors && Object.keys(reply.fieldErrors).length) return fieldErrorsForView(command, reply.fieldErrors, undefined, action);
  if (reply.isError) return fieldErrorsForView(command, { "": reply.title }, undefined, action);
  return undefined;
}

/** The action a per-action form was submitted with: its errors go on the inputs that form shows. */
function chosenAction(args: Record<string, unknown>): string | undefined {
  return typeof args[ACTION_OPTION] === "string" ? args[ACTION_OPTION] : undefined;
}
