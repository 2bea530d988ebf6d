/**
 * The posting port. The scheduler and `digest run` post through it; the Slack and Discord
 * adapters implement it (the console/file poster below is the local one). Keep implementations
 * thin: no retries inside (the scheduler retries and decides when a retry is safe).
 *
 * Contract:
 *  - `canPost(channelRef, { tenantExternalId })`: can the bot post into this channel, and is the
 *    channel in that tenant's workspace/guild? `external` is true for channels shared with other
 *    organisations (Slack Connect); digests go there only after explicit confirmation.
 *  - `post(channelRef, reply, { idempotencyMarker })`: posts once and returns the message id. The
 *    marker must travel with the message in a way `findPosted` can search (Slack message metadata
 *    or a context footer, Discord `nonce` / embed footer). Throw `PostError` (or any error: it
 *    is treated as "maybe posted") on failure.
 *  - `findPosted(channelRef, marker)`: the id of a message carrying the marker among the channel's
 *    recent messages (the last day is enough), or null when there is none. THROW when you cannot
 *    tell (history not readable, API down): the scheduler then records the run as `unknown`
 *    instead of risking a second post.
 *
 * Channel refs are "<platform>:<id>": "slack:C0123ABCD", "discord:1234567890", "console:stdout",
 * "console:file:/path/to/digests.log".
 */
import { appendFileSync } from "node:fs";
import type { Writable } from "node:stream";
import type { Reply } from "../core/reply.js";
import { renderText } from "../adapters/console/render-text.js";
import { mentionsAsNames } from "./mention.js";

export type CanPostResult = { ok: boolean; external: boolean; reason?: string; channelName?: string };

export type DigestPoster = {
  canPost(channelRef: string, context: { tenantExternalId: string }): Promise<CanPostResult>;
  post(channelRef: string, reply: Reply, options: { idempotencyMarker: string }): Promise<{ messageId: string }>;
  findPosted(channelRef: string, idempotencyMarker: string): Promise<string | null>;
};

/**
 * A posting failure, classified for the retry policy:
 *  - `retryable`: worth trying again (429, 5xx, network);
 *  - `retryAfterMs`: the platform's Retry-After (429), honoured before the next attempt;
 *  - `maybePosted`: the message may have gone out (timeout / connection lost after sending, 5xx
 *    from a proxy): the scheduler asks `findPosted` before posting again.
 */
export class PostError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly maybePosted: boolean;
  constructor(
    code: string,
    message: string,
    options: { retryable: boolean; retryAfterMs?: number; maybePosted?: boolean; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = "PostError";
    this.code = code;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.maybePosted = options.maybePosted ?? false;
  }

  static rateLimited(retryAfterMs: number): PostError {
    return new PostError("rate_limited", `rate limited (retry after ${retryAfterMs} ms)`, { retryable: true, retryAfterMs });
  }
  static server(status: number): PostError {
    // A 5xx may come from a proxy after the platform accepted the message.
    return new PostError("server_error", `server error ${status}`, { retryable: true, maybePosted: true });
  }
  static lostResponse(): PostError {
    return new PostError("lost_response", "the connection was lost before the response arrived", { retryable: true, maybePosted: true });
  }
  static fatal(code: string, message: string): PostError {
    return new PostError(code, message, { retryable: false });
  }
}

/** Any thrown value as a PostError. Unknown errors may have posted and are worth a retry. */
export function toPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PostError("unexpected", message, { retryable: true, maybePosted: true, cause: error });
}

/** The platform part of a channel ref ("slack", "discord", "console"). */
export function channelPlatform(channelRef: string): string {
  return channelRef.slice(0, Math.max(0, channelRef.indexOf(":")));
}

/**
 * Posts digests as console text: "console:stdout" to the given stream, "console:file:<path>"
 * appended to a file. Every post starts with a header line carrying the marker, and the poster
 * remembers markers it wrote in this process (a file poster also reads them back from the file).
 */
export function createConsolePoster(options: { output: Writable; now?: () => Date }): DigestPoster {
  const now = options.now ?? (() => new Date());
  const posted = new Map<string, string>();
  let sequence = 0;
  const target = (channelRef: string): { kind: "stdout" } | { kind: "file"; path: string } | null => {
    if (channelRef === "console:stdout") return { kind: "stdout" };
    if (channelRef.startsWith("console:file:") && channelRef.length > "console:file:".length) return { kind: "file", path: channelRef.slice("console:file:".length) };
    return null;
  };
  return {
    async canPost(channelRef) {
      return target(channelRef)
        ? { ok: true, external: false, channelName: channelRef.slice("console:".length) }
        : { ok: false, external: false, reason: 'The console can post to "console:stdout" or "console:file:<path>".' };
    },
    async post(channelRef, reply, { idempotencyMarker }) {
      const where = target(channelRef);
      if (!where) throw PostError.fatal("channel_not_found", `Unknown console channel ${channelRef}`);
      const messageId = `console-${now().getTime()}-${++sequence}`;
      const text = `--- ${now().toISOString()} ${idempotencyMarker} ${messageId}\n${mentionsAsNames(renderText(reply))}\n`;
      if (where.kind === "stdout") options.output.write(text);
      else appendFileSync(where.path, text);
      posted.set(`${channelRef} ${idempotencyMarker}`, messageId);
      return { messageId };
    },
    async findPosted(channelRef, marker) {
      return posted.get(`${channelRef} ${marker}`) ?? null;
    },
  };
}
