/**
 * The posting port. The scheduler and `digest run` post through it; the Slack and Discord
 * adapters implement it (the console/file poster below is the local one). Keep implementations
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
import type { Writable } from "node:stream";
import type { Reply } from "../core/reply.js";
import { renderText } from "../adapters/console/render-text.js";
import { mentionsAsNames } from "./mention.js";
import { appendToDigestFile, checkDigestFile, FILE_PREFIX, flattenControls } from "./file-destination.js";

export type CanPostResult = { ok: boolean; external: boolean; reason?: string; channelName?: string };

/** Whose digest this is: the tenant's external id (Slack team id, Discord guild id). */
export type TenantContext = { tenantExternalId: string };

export type DigestPoster = {
  canPost(channelRef: string, context: TenantContext): Promise<CanPostResult>;
  post(channelRef: string, reply: Reply, options: TenantContext & { idempotencyMarker: string }): Promise<{ messageId: string }>;
  findPosted(channelRef: string, idempotencyMarker: string, context: TenantContext): Promise<string | null>;
  delete(channelRef: string, messageId: string, context: TenantContext): Promise<void>;
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
 * Files are written only inside `fileDirs` (RAPPORT_DIGEST_FILE_DIRS; none by default). With
 * `tenant` (the console tenant's external id) every other tenant is refused too. Both are checked
 * again on every post: a stored subscription may predate the checks.
 */
export function createConsolePoster(options: { output: Writable; now?: () => Date; fileDirs?: readonly string[]; tenant?: string }): DigestPoster {
  const now = options.now ?? (() => new Date());
  const posted = new Map<string, string>();
  let sequence = 0;
  const fileDirs = options.fileDirs ?? [];
  type Target = { kind: "stdout" } | { kind: "file"; path: string } | { kind: "refused"; reason: string };
  const target = (channelRef: string, tenantExternalId: string): Target => {
    if (options.tenant !== undefined && tenantExternalId !== options.tenant) return { kind: "refused", reason: "only the console may post to the Rapport server." };
    if (channelRef === "console:stdout") return { kind: "stdout" };
    if (channelRef.startsWith(FILE_PREFIX)) {
      const check = checkDigestFile(channelRef.slice(FILE_PREFIX.length), fileDirs);
      return check.ok ? { kind: "file", path: check.path } : { kind: "refused", reason: check.reason };
    }
    return { kind: "refused", reason: 'The console can post to "console:stdout" or "console:file:<path>".' };
  };
  return {
    async canPost(channelRef, { tenantExternalId }) {
      const where = target(channelRef, tenantExternalId);
      return where.kind === "refused"
        ? { ok: false, external: false, reason: where.reason }
        : { ok: true, external: false, channelName: channelRef.slice("console:".length) };
    },
    async post(channelRef, reply, { idempotencyMarker, tenantExternalId }) {
      const where = target(channelRef, tenantExternalId);
      if (where.kind === "refused") throw PostError.fatal("channel_refused", `Not posting to ${channelRef}: ${where.reason}`);
      const messageId = `console-${now().getTime()}-${++sequence}`;
      // One line per rendered line: a newline inside a stored value must not start a line of its own.
      const text = `--- ${now().toISOString()} ${idempotencyMarker} ${messageId}\n${mentionsAsNames(renderText(flattenControls(reply)))}\n`;
      if (where.kind === "stdout") options.output.write(text);
      else appendToDigestFile(where.path, text);
      // The first copy stays the answer to findPosted (oldest first, as the contract says).
      const key = `${channelRef} ${idempotencyMarker}`;
      if (!posted.has(key)) posted.set(key, messageId);
      return { messageId };
    },
    async findPosted(channelRef, marker) {
      return posted.get(`${channelRef} ${marker}`) ?? null;
    },
    async delete(channelRef) {
      // Text written to a stream or appended to a file cannot be taken back.
      throw PostError.fatal("cannot_delete", `Console output in ${channelRef} cannot be withdrawn.`);
    },
  };
}
