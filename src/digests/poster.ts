/**
 * The posting port. The scheduler and `digest run` post through it; the Slack and Discord
 * adapters implement it (src/adapters/console/digest-poster.ts is the local one). Keep implementations
 * thin: no retries inside (the scheduler retries and decides when a retry is safe).
 *
 * Contract:
 *  - `canPost(channelRef, { tenantExternalId })`: can the bot post into this channel, and is the
 *    channel in that tenant's workspace/guild? `external` is true for channels shared with other
 *    organisations (Slack Connect); digests go there only after explicit confirmation.
 *  - `post(channelRef, reply, { idempotencyMarker, tenantExternalId })`: posts once and returns
 *    the message id. The marker must travel with the message in a way `findPosted` can search
 *    (Slack message metadata or a context footer, Discord `nonce` / embed footer). Throw
 *    `PostError` (or any error: it is treated as "maybe posted") on failure.
 *  - `findPosted(channelRef, marker, { tenantExternalId })`: the id of the OLDEST message carrying
 *    the marker among the channel's recent messages (the last day is enough), or null when there
 *    is none. THROW when you cannot tell (history not readable, API down): the scheduler then
 *    records the run as `unknown` instead of risking a second post. Oldest, because a process
 *    that stalled past its lease may have posted a second copy: every process keeps the oldest.
 *  - `delete(channelRef, messageId, { tenantExternalId })`: withdraws a duplicate; a message
 *    already gone is not an error.
 *
 * Every call names the tenant (Slack team id, Discord guild id, console tenant) because one channel
 * can belong to several tenants (a Slack Connect channel with Rapport installed on both sides):
 * the channel alone does not say whose bot token to use.
 *
 * Channel refs are "<platform>:<id>": "slack:C0123ABCD", "discord:1234567890", "console:stdout",
 * "console:file:/path/to/digests.log".
 */
import type { Reply } from "../core/reply.js";

import type { DigestPoster } from "../core/digest-poster.js";

export type { CanPostResult, DigestPoster, TenantContext } from "../core/digest-poster.js";

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
