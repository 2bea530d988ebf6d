/**
 * Slack user -> Actor. The team id and user id come from the (signed) payload; the profile (name,
 * email, time zone, admin/owner) from `users.info`, cached per user for a while because every
 * interaction needs it and users.info is rate limited (Tier 4).
 *
 * Platform admins (Rapport admins) are the workspace's admins and owners, the user who installed
 * the app there (OAuth install flow), and the users the operator names in SLACK_ADMIN_USER_IDS
 * (a single-workspace token records no installer). Guests (restricted and ultra-restricted
 * accounts) are flagged so the core keeps them reps, even when one of the above also applies.
 */
import type { WebClient } from "@slack/web-api";
import type { Actor } from "../../../core/actor.js";
import type { Logger } from "../../../core/logger.js";
import { TtlMap } from "./ttl-map.js";
import { listSlackPeople } from "./people.js";

export type SlackIdentity = { teamId: string; userId: string; teamName?: string; enterpriseId?: string };
type Profile = NonNullable<Actor["profile"]>;

/** Who installed the app in a workspace (OAuth installs); undefined when unknown. */
export type InstallerLookup = (workspace: { teamId: string; enterpriseId?: string }) => Promise<string | undefined>;

export class SlackActorResolver {
  private readonly profiles: TtlMap<string, Promise<Profile | undefined>>;
  private readonly installers: TtlMap<string, Promise<string | undefined>>;

  constructor(
    ttlMs: number,
    private readonly logger: Logger,
    now: () => number = Date.now,
    private readonly installerOf?: InstallerLookup,
    private readonly namedAdmins: ReadonlySet<string> = new Set(),
  ) {
    this.profiles = new TtlMap(ttlMs, 5_000, now);
    this.installers = new TtlMap(ttlMs, 5_000, now);
  }

  async resolve(client: WebClient, identity: SlackIdentity): Promise<Actor> {
    const key = `${identity.teamId}:${identity.userId}`;
    const { value } = this.profiles.getOrCreate(key, () => this.fetchProfile(client, identity));
    let profile = await value;
    // A failed lookup is retried on the next interaction instead of being cached.
    if (!profile) this.profiles.delete(key);
    if (!profile?.isPlatformAdmin && (this.namedAdmins.has(identity.userId) || (await this.isInstaller(identity)))) profile = { ...profile, isPlatformAdmin: true };
    this.knownTeams.add(identity.teamId);
    return {
      platform: "slack",
      tenantExternalId: identity.teamId,
      ...(identity.teamName ? { tenantName: identity.teamName } : {}),
      userExternalId: identity.userId,
      ...(profile ? { profile } : {}),
      // `sync` on demand: the workspace's people through the same token the request came with.
      listPeople: () => listSlackPeople(client),
    };
  }

  /** Drops a cached profile (a user_change event said it changed). */
  forget(identity: { teamId: string; userId: string }): void {
    this.profiles.delete(`${identity.teamId}:${identity.userId}`);
  }

  /** Workspaces this process has acted in (the daily people sync of OAuth installs covers them). */
  readonly knownTeams = new Set<string>();

  private async isInstaller(identity: SlackIdentity): Promise<boolean> {
    const installerOf = this.installerOf;
    if (!installerOf) return false;
    const key = `${identity.enterpriseId ?? ""}:${identity.teamId}`;
    const { value } = this.installers.getOrCreate(key, () =>
      installerOf({ teamId: identity.teamId, ...(identity.enterpriseId ? { enterpriseId: identity.enterpriseId } : {}) }).catch((error: unknown) => {
        this.logger.warn({ err: error, teamId: identity.teamId }, "Could not look up who installed the app");
        this.installers.delete(key);
        return undefined;
      }),
    );
    return (await value) === identity.userId;
  }

  private async fetchProfile(client: WebClient, identity: SlackIdentity): Promise<Profile | undefined> {
    try {
      const { user } = await client.users.info({ user: identity.userId, include_locale: true });
      if (!user) return undefined;
      const profile: Profile = {
        isPlatformAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
        isGuest: Boolean(user.is_restricted || user.is_ultra_restricted),
      };
      const displayName = user.profile?.display_name || user.profile?.real_name || user.real_name || user.name;
      if (displayName) profile.displayName = displayName;
      if (user.profile?.email) profile.email = user.profile.email;
      if (user.tz) profile.timeZone = user.tz;
      if (user.locale) profile.locale = user.locale;
      return profile;
    } catch (error) {
      this.logger.warn({ err: error, teamId: identity.teamId, userId: identity.userId }, "users.info failed; acting without a profile");
      return undefined;
    }
  }
}
