/**
 * A slash command answered in its ack: Slack shows an ack's message at once, so an answer ready
 * within the ack budget costs one HTTP exchange instead of two (the ack, then a POST to
 * response_url), and arrives sooner. A slower answer, or one with files to upload, follows an
 * empty ack through the usual delivery.
 */
import type { RespondArguments } from "@slack/bolt";
import type { Ticket } from "../../../core/admission.js";
import type { Reply } from "../../../core/reply.js";
import type { SlackDeps } from "./deps.js";
import { ackBody, afterAck, deliver, messageFor, withinBudget, type DeliveryTarget } from "./reply-delivery.js";

export type AckedCommand = {
  target: DeliveryTarget & { teamId: string; userId: string };
  ticket: Ticket;
  ack: (response?: RespondArguments) => Promise<void>;
  /** For the log, when the work or its delivery fails. */
  context: Record<string, unknown>;
};

export async function answerInAckOrLater(deps: SlackDeps, command: AckedCommand, work: () => Promise<Reply>): Promise<void> {
  const { target, ticket, ack, context } = command;
  let settleAck!: (answeredInAck: boolean) => void;
  const answeredInAck = new Promise<boolean>((resolve) => (settleAck = resolve));
  let replyReady!: (reply: Reply) => void;
  const ready = new Promise<Reply>((resolve) => (replyReady = resolve));
  const finished = ticket.run(async () => {
    const reply = await work();
    replyReady(reply);
    // The slot covers a late answer's delivery too: what is held in memory is bounded by admission.
    if (!(await answeredInAck)) await deliver(deps, target, reply);
  });
  // A failure is answered with an apology after an empty ack (afterAck), never in the ack.
  const waitMs = deps.config.answerInAckMs ?? deps.config.ackBudgetMs;
  const early = waitMs > 0 ? await withinBudget(Promise.race([ready, finished.then(() => undefined)]), waitMs).catch(() => undefined) : undefined;
  const reply = early?.value;
  if (reply && !reply.attachments?.length) {
    try {
      await ack(ackBody(messageFor(deps, reply, target), reply.visibility === "channel" ? "in_channel" : "ephemeral"));
      settleAck(true);
      return;
    } catch (error) {
      deps.logger.warn({ err: error, ...context }, "Could not answer in the ack; answering through response_url");
      settleAck(false);
      await afterAck(deps, target, context, () => finished);
      return;
    }
  }
  settleAck(false);
  try {
    await ack();
  } finally {
    await afterAck(deps, target, context, () => finished);
  }
}
