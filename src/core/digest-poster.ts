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
};
