/**
 * The one answer to an unexpected error, on every surface: a short apology with an error id that
 * is also in the log line, so a support request finds the failure.
 */
import { randomBytes } from "node:crypto";
import { reply, type Reply } from "./reply.js";

/** The code of a reply that apologises for an unexpected error (anything else is the user's). */
export const INTERNAL_ERROR = "internal";

export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}

export function apologyText(errorId: string): string {
  return `Sorry, something went wrong on our side. If it keeps happening, mention error id ${errorId}.`;
}

export function apologyReply(errorId: string): Reply {
  return reply.error(INTERNAL_ERROR, apologyText(errorId));
}
