/**
 * Getting a Reply to the person: through `respond()` (response_url) when Slack gave one, else as an
 * ephemeral message in the channel, else in the app's DM. A reply's files are uploaded too (see
 * reply-files.ts: an ephemeral reply's files go to the requester's DM, a channel reply's into the
 * channel). Also the one place where unexpected errors become a short apology with an id (user
 * errors are ordinary replies from the core).
 */
import { randomBytes } from "node:crypto";
import type { RespondFn } from "@slack/bolt";
import { ErrorCode } from "@slack/web-api";
import type { AdmissionDecision, Refusal } from "../../../core/admission.js";
import type { Block, Reply } from "../../../core/reply.js";
import { apologyReply, newErrorId } from "../../../core/apology.js";
import { createTranslator } from "../../../core/i18n/index.js";
import { translatorFor } from "../../kit/paging.js";
import { renderMessage, type SlackMessage } from "../render/render-reply.js";
import type { SlackDeps } from "./deps.js";
import { fileNotes, sendReplyFiles } from "./reply-files.js";
import { withoutUnfurls } from "./no-unfurls.js";

export type DeliveryTarget = {
  teamId: string;
  userId: string;
  botToken?: string;
  respond?: RespondFn;
  /** With respond: replace the message the button sat on (paging, undo). */
  replaceOriginal?: boolean;
  channelId?: string;
  /**
   * The platform's id of this delivery (trigger_id, view hash): a repeated delivery of the same
   * request joins the first one's file upload instead of uploading the files again.
   */
  deliveryKey?: string;
};

/**
 * Renders a reply for its owner; ephemeral replies get a Share button backed by the share cache,
 * which keeps the reply as the core made it (files included, `notes` not).
 */
export function messageFor(deps: SlackDeps, reply: Reply, owner: { teamId: string; userId: string }, notes: Block[] = []): SlackMessage {
  const shown = notes.length ? { ...reply, blocks: [...(reply.blocks.length ? reply.blocks : [{ type: "text" as const, text: reply.title }]), ...notes] } : reply;
  if (reply.visibility !== "ephemeral" || reply.isError) return renderMessage(shown);
  const shareToken = randomBytes(16).toString("base64url");
  deps.shares.set(shareToken, { reply, teamId: owner.teamId, userId: owner.userId });
  return renderMessage(shown, { shareToken });
}

/**
 * Delivers a reply and its files. Ephemeral: the files go to the requester's DM first, then the
 * reply arrives saying where they went (or why not). Channel: the reply is posted, then the files
 * are uploaded into the channel; anything the requester should know goes to them ephemerally.
 */
export async function deliver(deps: SlackDeps, target: DeliveryTarget, reply: Reply): Promise<void> {
  if (!reply.attachments?.length) return deliverMessage(deps, target, reply);
  if (reply.visibility === "channel" && target.channelId) {
    await deliverMessage(deps, target, reply);
    const notes = fileNotes(await sendReplyFiles(deps, target, reply, "channel"), { shownIn: "channel", t: translatorFor(reply) });
    await deliverNotes(deps, target, notes);
    return;
  }
  const outcomes = await sendReplyFiles(deps, target, reply, "dm");
  await deliverMessage(deps, target, reply, fileNotes(outcomes, { shownIn: "dm", t: translatorFor(reply) }));
}

/** Notes (about files) for the requester only, as a new ephemeral message without a Share button. */
export async function deliverNotes(deps: SlackDeps, target: DeliveryTarget, notes: Block[]): Promise<void> {
  const first = notes[0];
  if (!first) return;
  const title = first.type === "text" ? first.text : createTranslator(deps.locales.get(target) ?? "en")("surface.aboutFiles");
  await deliverMessage(deps, { ...target, replaceOriginal: false }, { title, blocks: notes, visibility: "ephemeral" }, [], { shareable: false });
}

async function deliverMessage(deps: SlackDeps, target: DeliveryTarget, reply: Reply, notes: Block[] = [], options: { shareable?: boolean } = {}): Promise<void> {
  const message = options.shareable === false ? renderMessage(reply) : messageFor(deps, reply, target, notes);
  const inChannel = reply.visibility === "channel";
  if (target.respond) {
    await target.respond(
      withoutUnfurls({
        response_type: inChannel ? "in_channel" : "ephemeral",
        replace_original: target.replaceOriginal ?? false,
        text: message.text,
        blocks: message.blocks,
      }),
    );
    return;
  }
  if (!target.botToken) throw new Error("No response_url and no bot token: cannot deliver the reply.");
  if (target.channelId) {
    try {
      if (inChannel) await deps.poster.postMessage(target.botToken, { channel: target.channelId, text: message.text, blocks: message.blocks });
      else await deps.poster.postEphemeral(target.botToken, { channel: target.channelId, user: target.userId, text: message.text, blocks: message.blocks });
      return;
    } catch (error) {
      // Slack said no (e.g. not_in_channel): answer in the app DM instead. A lost response is
      // different: Slack may have posted, so posting again could duplicate the message.
      if (!isPlatformError(error)) throw error;
      deps.logger.warn({ err: error, channelId: target.channelId }, "Could not answer in the channel; answering in the app DM");
    }
  }
  await deps.poster.postMessage(target.botToken, { channel: target.userId, text: message.text, blocks: message.blocks });
}

/** Logs an unexpected error with an id and returns the apology the user sees (`member`: in the language they were last answered in). */
export function apology(deps: SlackDeps, error: unknown, context: Record<string, unknown>, member?: { teamId: string; userId: string }): Reply {
  const errorId = newErrorId();
  deps.logger.error({ err: error, errorId, ...context }, "Slack interaction failed");
  return apologyReply(errorId, createTranslator((member && deps.locales.get(member)) ?? "en"));
}

/**
 * Runs the work after the ack; an unexpected error is logged and answered with an apology on the
 * same target (and if even that fails, only logged).
 */
export async function afterAck(deps: SlackDeps, target: DeliveryTarget, context: Record<string, unknown>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const sorry = apology(deps, error, context, target);
    try {
      await deliver(deps, { ...target, replaceOriginal: false }, sorry);
    } catch (deliveryError) {
      deps.logger.error({ err: deliveryError, ...context }, "Could not deliver the apology either");
    }
  }
}

/**
 * Asks admission whether Rapport takes this member's request on, before the ack. `lookup`:
 * pickers, which respect the bound on work in flight but spend no rate tokens.
 */
export function admit(deps: SlackDeps, who: { teamId: string; userId: string }, options: { lookup?: boolean } = {}): AdmissionDecision {
  // The profile is not loaded yet: a refusal speaks the language this member was last answered in.
  const locale = deps.locales.get(who);
  return deps.admission.tryAdmit({ platform: "slack", workspace: who.teamId, member: who.userId, ...(locale ? { locale } : {}), ...(options.lookup ? { lookup: true } : {}) });
}

/**
 * A refused request's answer as the ack body of a slash command: shown at once, only to the
 * person, and costs nothing but the HTTP response.
 */
/** A rendered message as the body of a slash command's ack, which Slack shows at once. */
export function ackBody<const R extends "ephemeral" | "in_channel">(
  message: SlackMessage,
  responseType: R,
): { response_type: R; text: string; blocks: SlackMessage["blocks"]; unfurl_links: false; unfurl_media: false } {
  return withoutUnfurls({ response_type: responseType, text: message.text, blocks: message.blocks });
}

export function refusalAck(refusal: Refusal): ReturnType<typeof ackBody<"ephemeral">> {
  return ackBody(renderMessage(refusal.reply), "ephemeral");
}

/**
 * Tells the person (after an empty ack: buttons) that their request was turned away, as a new
 * ephemeral message that never replaces the one the button sits on. No core call, no database.
 */
export async function deliverRefusal(deps: SlackDeps, target: DeliveryTarget, refusal: Refusal, context: Record<string, unknown>): Promise<void> {
  try {
    await deliverMessage(deps, { ...target, replaceOriginal: false }, refusal.reply, [], { shareable: false });
  } catch (error) {
    deps.logger.warn({ err: error, reason: refusal.reason, ...context }, "Could not tell the member their request was turned away");
  }
}

/** Waits for `promise` at most `ms`; `undefined` when it did not settle in time (it keeps running). */
export async function withinBudget<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    const settled = promise.then((value) => ({ value }));
    // A rejection after the budget is handled by whoever awaits `promise` later.
    settled.catch(() => undefined);
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error Slack answered with (`ok: false`), as opposed to a lost request or response. */
export function isPlatformError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === ErrorCode.PlatformError;
}

/**
 * A button press: admission is decided before the ack (the ticket is given back if the ack
 * fails), a refusal is answered as a new ephemeral message, and admitted work runs after the ack
 * with failures turned into an apology.
 */
export async function ackAndRunAdmitted(
  deps: SlackDeps,
  press: { ack: () => Promise<void>; identity: { teamId: string; userId: string }; target: DeliveryTarget; listener: string },
  work: () => Promise<void>,
): Promise<void> {
  const { identity, target } = press;
  const context = { listener: press.listener, teamId: identity.teamId, userId: identity.userId };
  const admitted = admit(deps, identity);
  try {
    await press.ack();
  } catch (error) {
    if (admitted.ok) admitted.ticket.cancel();
    throw error;
  }
  if (!admitted.ok) {
    await deliverRefusal(deps, target, admitted.refusal, context);
    return;
  }
  await afterAck(deps, target, context, () => admitted.ticket.run(work));
}
