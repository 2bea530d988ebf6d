/**
 * @slack/oauth's InstallationStore over Rapport's InstallationRecords port: an Installation
 * travels as its JSON text, which storage keeps encrypted (src/data/slack-installation-store.ts).
 *
 * An installation whose bot token stopped working (revoked, or Slack answered invalid_auth) is
 * disabled: its tokens are deleted and the row keeps only who installed it and why it stopped, so
 * nothing posts with it and an install through /slack/install replaces it. Disabling or deleting
 * an installation also pauses its workspace's scheduled digests and alerts in the database (the
 * schedulers skip it, in every process and after restarts); storing an installation resumes them.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";
import { InstallationStoreError, installKeyFor, type InstallationKey, type InstallationRecords } from "../../core/installations.js";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/reply.js";
import { PostError, type DigestPoster, type TenantContext } from "../../digests/poster.js";

/** Why an installation was disabled: Slack's event or error that said its token no longer works. */
export type DisabledReason = "tokens_revoked" | "invalid_auth" | "account_inactive" | "token_revoked";

/** What a disabled installation keeps: no token of any kind. */
type DisabledInstallation = {
  team?: { id: string };
  enterprise?: { id: string };
  isEnterpriseInstall: boolean;
  user: { id: string };
  rapportDisabled: { reason: DisabledReason; at: string };
};

function isDisabled(installation: Installation | DisabledInstallation): installation is DisabledInstallation {
  return "rapportDisabled" in installation;
}

export type SlackInstallationStore = InstallationStore & {
  fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation>;
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** The Slack user who installed the app in this workspace (becomes a Rapport admin there). */
  installerOf(query: { teamId?: string; enterpriseId?: string }): Promise<string | undefined>;
  /**
   * The bot token for posting into a channel on behalf of a tenant: that workspace's installation
   * (tenant = Slack team id). Never chosen by the channel: a Slack Connect channel can be shared
   * by several workspaces that installed Rapport, and each must post with its own token.
   * Undefined when the workspace has no installation. Fits createSlackDigestPoster's `botToken`.
   */
  botTokenFor(target: { channelRef: string; tenantExternalId: string }): Promise<string | undefined>;
  /** Every workspace with its own installation (disabled ones included: their token lookup finds none). */
  installedTeams(): Promise<string[]>;
  /** Deletes the installation's tokens and keeps it marked as disabled; false when there is none. */
  disableInstallation(query: InstallationKey, reason: DisabledReason): Promise<boolean>;
  /** Why the installation is disabled, if it is. */
  disabledReason(query: InstallationKey): Promise<DisabledReason | undefined>;
  /** Deletes the installing user's token (tokens_revoked for users): Rapport posts with the bot token only. */
  forgetUserTokens(query: InstallationKey, userIds: readonly string[]): Promise<void>;
};

export function createSlackInstallationStore(records: InstallationRecords): SlackInstallationStore {
  async function stored(query: InstallationKey): Promise<{ key: InstallationKey; installation: Installation | DisabledInstallation } | undefined> {
    // A workspace inside an org-wide install has no row of its own: fall back to the org's.
    const keys: InstallationKey[] = query.isEnterpriseInstall || !query.enterpriseId ? [query] : [query, { enterpriseId: query.enterpriseId, isEnterpriseInstall: true }];
    for (const key of keys) {
      const found = await records.find(key);
      if (found) return { key: { teamId: found.teamId ?? undefined, enterpriseId: found.enterpriseId ?? undefined, isEnterpriseInstall: found.isEnterpriseInstall }, installation: JSON.parse(found.secret) };
    }
    return undefined;
  }

  async function fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await stored(query);
    const installation = found?.installation;
    if (installation && isDisabled(installation)) {
      const { reason } = installation.rapportDisabled;
      throw new InstallationStoreError("not_installed", `Rapport's Slack installation in ${installKeyFor(found.key)} was disabled (${reason}): its tokens were deleted. Install it again through /slack/install.`);
    }
    if (installation) return installation;
    throw new InstallationStoreError("not_installed", `Rapport is not installed in ${installKeyFor(query)}. Install it through /slack/install.`);
  }

  async function saveInstallation(installation: Installation | DisabledInstallation, installerUserId: string): Promise<void> {
    await records.save({
      teamId: installation.team?.id ?? null,
      enterpriseId: installation.enterprise?.id ?? null,
      isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
      installerUserId,
      secret: JSON.stringify(installation),
    });
  }

  return {
    async storeInstallation(installation) {
      await saveInstallation(installation, installation.user.id);
      await records.setDeliveryPause({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: Boolean(installation.isEnterpriseInstall) }, null);
    },
    fetchInstallation,
    async deleteInstallation(query) {
      await records.delete(query);
      await records.setDeliveryPause(query, { reason: "app_uninstalled" });
    },
    installerOf: (query) => records.installerOf(query),
    installedTeams: () => records.installedTeams(),
    async botTokenFor({ tenantExternalId }) {
      try {
        return (await fetchInstallation({ teamId: tenantExternalId, enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token;
      } catch (error) {
        if (error instanceof InstallationStoreError && error.code === "not_installed") return undefined;
        throw error;
      }
    },
    async disableInstallation(query, reason) {
      const found = await stored(query);
      if (!found) return false;
      const { installation } = found;
      const disabled: DisabledInstallation = {
        ...(installation.team ? { team: { id: installation.team.id } } : {}),
        ...(installation.enterprise ? { enterprise: { id: installation.enterprise.id } } : {}),
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        user: { id: installation.user.id },
        rapportDisabled: { reason, at: new Date().toISOString() },
      };
      await saveInstallation(disabled, installation.user.id);
      await records.setDeliveryPause({ ...found.key, teamId: query.teamId ?? found.key.teamId }, { reason });
      return true;
    },
    async disabledReason(query) {
      const found = await stored(query);
      return found && isDisabled(found.installation) ? found.installation.rapportDisabled.reason : undefined;
    },
    async forgetUserTokens(query, userIds) {
      const found = await stored(query);
      if (!found || isDisabled(found.installation) || !userIds.includes(found.installation.user.id)) return;
      const installation = found.installation;
      const { id, scopes } = installation.user;
      await saveInstallation({ ...installation, user: { id, scopes } as Installation["user"] }, id);
    },
  };
}

/** Slack errors meaning the bot token itself no longer works: retrying cannot help. */
const DEAD_TOKEN_ERRORS = new Set<string>(["invalid_auth", "account_inactive", "token_revoked"]);

/**
 * The digest poster, aware that a workspace's token can die (app removed, token revoked, workspace
 * deleted): the first post Slack refuses with invalid_auth disables that installation (OAuth:
 * tokens deleted; one bot token: remembered in this process) and is logged once, as an error; later
 * digests for that workspace fail at once, without calling Slack or logging again.
 */
export function guardDeadTokens(poster: DigestPoster, options: { installations?: SlackInstallationStore; logger: Logger }): DigestPoster {
  const dead = new Map<string, string>();
  const refuse = (tenantExternalId: string) =>
    PostError.fatal("invalid_auth", `Slack no longer accepts Rapport's token for workspace ${tenantExternalId} (${dead.get(tenantExternalId)}): install the app again.`);
  const guarded = async <T>(tenantExternalId: string, call: () => Promise<T>): Promise<T> => {
    if (dead.has(tenantExternalId)) throw refuse(tenantExternalId);
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof PostError) || !DEAD_TOKEN_ERRORS.has(error.code)) throw error;
      dead.set(tenantExternalId, error.code);
      const key = { teamId: tenantExternalId, isEnterpriseInstall: false };
      const disabled = options.installations ? await options.installations.disableInstallation(key, error.code as DisabledReason).catch(() => false) : false;
      options.logger.error(
        { teamId: tenantExternalId, slackError: error.code, installationDisabled: disabled },
        options.installations
          ? "Slack refused the workspace's bot token: its installation is disabled (tokens deleted) and its digests stop until the app is installed again"
          : "Slack refused SLACK_BOT_TOKEN: digests stop until a working token is configured and Rapport restarted",
      );
      throw refuse(tenantExternalId);
    }
  };
  return {
    canPost: (channelRef, target) => (dead.has(target.tenantExternalId) ? Promise.resolve({ ok: false, external: false, reason: refuse(target.tenantExternalId).message }) : poster.canPost(channelRef, target)),
    post: (channelRef, reply, target) => guarded(target.tenantExternalId, () => poster.post(channelRef, reply, target)),
    findPosted: (channelRef, marker, target) => guarded(target.tenantExternalId, () => poster.findPosted(channelRef, marker, target)),
    delete: (channelRef, messageId, target) => guarded(target.tenantExternalId, () => poster.delete(channelRef, messageId, target)),
    // Alerts go out as direct messages: the guard must keep that ability, not hide it.
    ...(poster.postDirect ? { postDirect: (userRef: string, reply: Reply, target: TenantContext) => guarded(target.tenantExternalId, () => poster.postDirect!(userRef, reply, target)) } : {}),
  };
}
