/**
 * What the record web page (src/adapters/web) keeps between requests: a session per signed-in
 * browser, stored by the SHA-256 of its cookie token (the token itself is never stored), bound to
 * one workspace and one member. The data layer implements it (src/data/web-session-store.ts).
 */
import type { PlatformId } from "./actor.js";

/** A workspace Rapport knows (a tenant): only these may be signed in to. */
export type WebTenant = { id: number; platform: PlatformId; externalId: string; name: string };

/** A live session: who the browser acts as. */
export type WebSession = {
  tenantId: number;
  memberId: number;
  platform: PlatformId;
  tenantExternalId: string;
  tenantName: string;
  userExternalId: string;
  displayName: string;
  /** The member's `settings language`, when they chose one. */
  locale: string | null;
  expiresAt: Date;
};

export type WebSessionStore = {
  /** The workspaces among `externalIds` of a platform that use Rapport. */
  tenants(platform: PlatformId, externalIds: readonly string[]): Promise<WebTenant[]>;
  /** Of `tenantIds`, those holding the record (customer or deal id, order or quote number). */
  tenantsHolding(record: { kind: "customer" | "order" | "deal" | "quote"; key: string }, tenantIds: readonly number[]): Promise<number[]>;
  /** The member id of a platform user in a tenant, or null when they have never been seen. */
  memberId(tenantId: number, userExternalId: string): Promise<number | null>;
  create(session: { tokenHash: string; tenantId: number; memberId: number; expiresAt: Date }): Promise<void>;
  /** The session for a token hash, unless expired (expired ones are deleted). */
  find(tokenHash: string, now: Date): Promise<WebSession | null>;
  delete(tokenHash: string): Promise<void>;
};
