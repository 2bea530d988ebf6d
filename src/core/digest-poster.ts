/**
 * The posting port for digests. The contract (canPost, post, findPosted, delete) is spelled out in
 * src/digests/poster.ts, next to PostError; each platform implements it for its own channels.
 */
import type { Reply } from "./reply.js";

export type CanPostResult = { ok: boolean; external: boolean; reason?: string; channelName?: string };

/** Whose digest this is: the tenant's external id (Slack team id, Discord guild id). */
export type TenantContext = { tenantExternalId: string };

export type DigestPoster = {
  canPost(channelRef: string, context: TenantContext): Promise<CanPostResult>;
  post(channelRef: string, reply: Reply, options: TenantContext & { idempotencyMarker: string }): Promise<{ messageId: string }>;
  findPosted(channelRef: string, idempotencyMarker: string, context: TenantContext): Promise<string | null>;
  delete(channelRef: string, messageId: string, context: TenantContext): Promise<void>;
  /**
   * A direct message to one member (the morning task reminder). `userRef` is the member's platform
   * user id with the platform's prefix: "slack:U123", "discord:123456789", "console:local".
   * Absent on surfaces that cannot message a person.
   */
  postDirect?(userRef: string, reply: Reply, context: TenantContext): Promise<{ messageId: string }>;
};
