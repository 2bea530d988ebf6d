/**
 * Bolt's `respond()` for a response_url (same JSON POST, same RespondError when Slack says no),
 * over the kept-alive transport's `postJson`: the reply's POST is on every command's path, and
 * Bolt's own respond builds a WHATWG Response that nothing here reads.
 */
import { RespondError, type RespondArguments } from "@slack/bolt";
import type { KeepAliveTransport } from "./keep-alive-fetch.js";

/** What delivery needs of a respond(): Bolt's RespondFn is one, and so is `respondVia`'s. */
export type Respond = (message: string | RespondArguments) => Promise<unknown>;

export function respondVia(postJson: KeepAliveTransport["postJson"], responseUrl: string): Respond {
  return async (message) => {
    const { status, statusText } = await postJson(responseUrl, typeof message === "string" ? { text: message } : message);
    if (status < 200 || status > 299) throw new RespondError(`Failed to respond to the response_url: ${status} ${statusText}`, status);
  };
}
