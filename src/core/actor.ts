import type { PlatformPerson } from "./people-sync.js";

/**
 * A platform's id: "slack", "discord", "console", ... (src/core/platform.ts). It prefixes the
 * platform's channel refs ("slack:C0123") and is stored with every tenant, so it never changes.
 */
export type PlatformId = string;

/**
 * Who is acting, as an adapter knows it. The core turns this into a tenant and a member
 * (creating them on first use), so adapters never touch the database.
 */
export type Actor = {
  platform: PlatformId;
  /** Slack team id, Discord guild id, or "local" for the console. */
  tenantExternalId: string;
  tenantName?: string;
  /** Slack user id, Discord user id, or a console handle. */
  userExternalId: string;
  /** The channel the command came from ("slack:C0123"), where the surface knows it: an order remembers it for shipment notices. */
  channelRef?: string;
  /**
   * Everyone in the workspace as the platform lists them (Slack users.list, Discord guild members),
   * for `sync` on demand; asked only after the core allowed it. `complete`: the list is everyone,
   * so a member missing from it has left. Absent where the surface cannot list people (console).
   */
  listPeople?: () => Promise<{ people: readonly PlatformPerson[]; complete: boolean }>;
  profile?: {
    displayName?: string;
    email?: string;
    /** IANA zone, e.g. "Asia/Shanghai". */
    timeZone?: string;
    /** The platform's language tag for this person: Slack `users.info` locale, Discord `interaction.locale`, console `--locale`. */
    locale?: string;
    /** The workspace's language as the platform has it (Discord's guild locale); `settings workspace language` wins over it. */
    workspaceLocale?: string;
    /**
     * Workspace admin/owner or the app's installer (Slack), Manage Server (Discord), the local
     * user (console): a Rapport admin. Nobody else becomes admin without an admin's `role`.
     */
    isPlatformAdmin?: boolean;
    /** A Slack guest (restricted / ultra-restricted): stays a rep whatever else says otherwise. Undefined: unknown, left as stored. */
    isGuest?: boolean;
  };
};
