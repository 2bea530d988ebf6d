/**
 * An in-memory DigestPoster for tests, with fault injection. It records every message that
 * "reached the channel", so tests can assert exactly-once delivery, and it can fail the way
 * platforms do: 429 with Retry-After, 5xx before posting, and a lost response (the message was
 * posted but the caller got an error), or stall until released (a process stuck past its lease).
 * `findPosted` can be made to fail too ("cannot tell"). `posts` is what the channel shows now:
 * a deleted duplicate moves to `deleted`.
 */
import type { Reply } from "../core/reply.js";
import { PostError, type CanPostResult, type DigestPoster } from "./poster.js";

export type Fault =
  | { kind: "rate-limit"; retryAfterMs: number }
  | { kind: "server-error"; status?: number }
  | { kind: "lost-response" }
  /** The call never returns (a process killed mid-post); `posts` says whether it reached the channel. */
  | { kind: "hang"; posts: boolean }
  /**
   * The call returns only once `until` settles. `lands: "start"`: the message reaches the channel
   * at once and only the answer is late; `"end"`: it lands when the stall ends (after anything
   * posted meanwhile, so a history check during the stall cannot see it).
   */
  | { kind: "stall"; until: Promise<unknown>; lands: "start" | "end" }
  | { kind: "fatal"; code: string };

export type RecordedPost = { channelRef: string; marker: string; messageId: string; reply: Reply; at: number; tenantExternalId: string };

export type RecordingPoster = DigestPoster & {
  readonly posts: RecordedPost[];
  /** Posts withdrawn through `delete`, in the order they were deleted. */
  readonly deleted: RecordedPost[];
  /** Direct messages (`postDirect`): `channelRef` is the user ref, `marker` empty. */
  readonly directs: RecordedPost[];
  /** Faults consumed one per post or direct message, in order. */
  failNextPosts(...faults: Fault[]): void;
  /** Fault decided per call (return undefined to succeed). */
  faultWith(decide: ((call: { channelRef: string; marker: string; attempt: number }) => Fault | undefined) | null): void;
  /** Make the next `count` findPosted calls throw. */
  failNextFinds(count: number): void;
  channels: Map<string, CanPostResult & { tenantExternalId?: string }>;
  calls: { post: number; findPosted: number; delete: number };
};

export function createRecordingPoster(options: { clock?: () => number } = {}): RecordingPoster {
  const clock = options.clock ?? (() => Date.now());
  const posts: RecordedPost[] = [];
  const deleted: RecordedPost[] = [];
  const directs: RecordedPost[] = [];
  const queued: Fault[] = [];
  let decide: ((call: { channelRef: string; marker: string; attempt: number }) => Fault | undefined) | null = null;
  let failingFinds = 0;
  const attempts = new Map<string, number>();
  let sequence = 0;
  const channels = new Map<string, CanPostResult & { tenantExternalId?: string }>();
  const calls = { post: 0, findPosted: 0, delete: 0 };

  const record = (channelRef: string, marker: string, reply: Reply, tenantExternalId: string) => {
    const messageId = `m${++sequence}`;
    posts.push({ channelRef, marker, messageId, reply, at: clock(), tenantExternalId });
    return messageId;
  };

  return {
    posts,
    deleted,
    directs,
    channels,
    calls,
    failNextPosts: (...faults) => void queued.push(...faults),
    faultWith: (fn) => void (decide = fn),
    failNextFinds: (count) => void (failingFinds = count),
    async canPost(channelRef, { tenantExternalId }) {
      const known = channels.get(channelRef);
      if (!known) return { ok: true, external: false };
      if (known.tenantExternalId && known.tenantExternalId !== tenantExternalId) return { ok: false, external: false, reason: "That channel is not in this workspace." };
      return known;
    },
    async post(channelRef, reply, { idempotencyMarker, tenantExternalId }) {
      const land = () => record(channelRef, idempotencyMarker, reply, tenantExternalId);
      calls.post++;
      const attempt = (attempts.get(idempotencyMarker) ?? 0) + 1;
      attempts.set(idempotencyMarker, attempt);
      const fault = queued.shift() ?? decide?.({ channelRef, marker: idempotencyMarker, attempt });
      switch (fault?.kind) {
        case undefined:
          return { messageId: land() };
        case "rate-limit":
          throw PostError.rateLimited(fault.retryAfterMs);
        case "server-error":
          throw PostError.server(fault.status ?? 503);
        case "lost-response":
          land();
          throw PostError.lostResponse();
        case "hang":
          if (fault.posts) land();
          return new Promise<never>(() => undefined);
        case "stall": {
          const early = fault.lands === "start" ? land() : undefined;
          await fault.until;
          return { messageId: early ?? land() };
        }
        case "fatal":
          throw PostError.fatal(fault.code, `fatal: ${fault.code}`);
      }
    },
    async postDirect(userRef, reply, { tenantExternalId }) {
      const fault = queued.shift();
      if (fault?.kind === "rate-limit") throw PostError.rateLimited(fault.retryAfterMs);
      if (fault?.kind === "server-error") throw PostError.server(fault.status ?? 503);
      if (fault?.kind === "fatal") throw PostError.fatal(fault.code, `fatal: ${fault.code}`);
      const messageId = `d${++sequence}`;
      directs.push({ channelRef: userRef, marker: "", messageId, reply, at: clock(), tenantExternalId });
      return { messageId };
    },
    async findPosted(channelRef, marker) {
      calls.findPosted++;
      if (failingFinds > 0) {
        failingFinds--;
        throw new Error("channel history unavailable");
      }
      // `posts` is in channel order: the first match is the oldest copy.
      return posts.find((post) => post.channelRef === channelRef && post.marker === marker)?.messageId ?? null;
    },
    async delete(channelRef, messageId) {
      calls.delete++;
      const index = posts.findIndex((post) => post.channelRef === channelRef && post.messageId === messageId);
      if (index >= 0) deleted.push(...posts.splice(index, 1));
    },
  };
}
