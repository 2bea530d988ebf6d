/**
 * Message shortcuts "Find in CRM" (the customers a message names, as cards) and "Order status"
 * (each order number's status, shipments and open amount). The core reads the message
 * (api.lookupMessage); this listener acks, passes the text on and answers ephemerally through the
 * shortcut's response_url (else as an ephemeral message in the channel).
 */
import type { App, MessageShortcut } from "@slack/bolt";
import { reply } from "../../../../core/reply.js";
import { createTranslator } from "../../../../core/i18n/index.js";
import type { SlackDeps } from "../../support/deps.js";
import { ackAndRunAdmitted, deliver, type DeliveryTarget } from "../../support/reply-delivery.js";
import { identityFrom } from "../identity.js";

export const FIND_IN_CRM_CALLBACK_ID = "find_in_crm";
export const ORDER_STATUS_CALLBACK_ID = "order_status";

type Shortcut = MessageShortcut & { message: MessageShortcut["message"] & { attachments?: { text?: string; fallback?: string }[] } };

/** The message's text; a bot's message may carry its words in legacy attachments only. */
export function shortcutMessageText(shortcut: Shortcut): string {
  const attachments = (shortcut.message.attachments ?? []).map((attachment) => attachment.text ?? attachment.fallback ?? "");
  return [shortcut.message.text ?? "", ...attachments].filter(Boolean).join("\n");
}

function registerLookup(app: App, deps: SlackDeps, callbackId: string, kind: "customers" | "orders"): void {
  app.shortcut<MessageShortcut>({ callback_id: callbackId, type: "message_action" }, async ({ shortcut, ack, respond, client, context }) => {
    const identity = identityFrom({ teamId: shortcut.team?.id ?? null, userId: shortcut.user.id }, context);
    const channelId = shortcut.channel.id;
    const target: DeliveryTarget = {
      ...identity,
      ...(shortcut.response_url ? { respond } : {}),
      channelId,
      ...(context.botToken ? { botToken: context.botToken } : {}),
    };
    await ackAndRunAdmitted(deps, { ack, identity, target, listener: `shortcut:${callbackId}` }, async () => {
      const actor = await deps.actors.resolve(client, identity);
      const lookup = deps.api.lookupMessage;
      const answer = lookup
        ? await lookup.call(deps.api, { actor: { ...actor, channelRef: `slack:${channelId}` }, text: shortcutMessageText(shortcut as Shortcut), kind })
        : reply.error("unavailable", createTranslator(deps.locales.get(identity) ?? "en")("messageLookup.unavailable"));
      await deliver(deps, { ...target, deliveryKey: `trigger:${shortcut.trigger_id}` }, answer);
    });
  });
}

export function registerMessageLookupShortcuts(app: App, deps: SlackDeps): void {
  registerLookup(app, deps, FIND_IN_CRM_CALLBACK_ID, "customers");
  registerLookup(app, deps, ORDER_STATUS_CALLBACK_ID, "orders");
}
