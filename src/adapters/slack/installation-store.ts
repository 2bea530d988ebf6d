/**
 * @slack/oauth's InstallationStore over Rapport's InstallationRecords port: an Installation
 * travels as its JSON text, which storage keeps encrypted (src/data/slack-installation-store.ts).
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";
import { InstallationStoreError, installKeyFor, type InstallationKey, type InstallationRecords } from "../../core/installations.js";

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
};

export function createSlackInstallationStore(records: InstallationRecords): SlackInstallationStore {
  async function fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    // A workspace inside an org-wide install has no row of its own: fall back to the org's.
    const keys: InstallationKey[] = query.isEnterpriseInstall || !query.enterpriseId ? [query] : [query, { enterpriseId: query.enterpriseId, isEnterpriseInstall: true }];
    for (const key of keys) {
      const found = await records.find(key);
      if (found) return JSON.parse(found.secret) as Installation;
    }
    throw new InstallationStoreError("not_installed", `Rapport is not installed in ${installKeyFor(query)}. Install it through /slack/install.`);
  }

  return {
    async storeInstallation(installation) {
      await records.save({
        teamId: installation.team?.id ?? null,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: Boolean(installation.isEnterpriseInstall),
        installerUserId: installation.user.id,
        secret: JSON.stringify(installation),
      });
    },
    fetchInstallation,
    async deleteInstallation(query) {
      await records.delete(query);
    },
    installerOf: (query) => records.installerOf(query),
    async botTokenFor({ tenantExternalId }) {
      try {
        return (await fetchInstallation({ teamId: tenantExternalId, enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token;
      } catch (error) {
        if (error instanceof InstallationStoreError && error.code === "not_installed") return undefined;
        throw error;
      }
    },
  };
}
