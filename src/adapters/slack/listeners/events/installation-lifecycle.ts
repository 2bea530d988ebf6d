/**
 * A workspace takes Rapport's access away: `app_uninstalled` (the app was removed) deletes its
 * installation, tokens included; `tokens_revoked` with the bot token disables it (tokens deleted,
 * the row kept so the next install replaces it), with user tokens only it forgets those. Either way
 * nothing posts with the old token again and the workspace's digests and alerts are paused in the
 * database until it installs again (the store does both). A single-workspace bot token
 * (SLACK_BOT_TOKEN) is not stored here: the operator is told, once, as an error.
 */
import type { App } from "@slack/bolt";
import type { InstallationStore } from "@slack/oauth";
import type { Logger } from "../../../../core/logger.js";
import type { SlackInstallationStore } from "../../installation-store.js";

type Envelope = { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean; authorizations?: { is_enterprise_install?: boolean }[] };

function installationKey(body: unknown): { teamId: string | undefined; enterpriseId: string | undefined; isEnterpriseInstall: boolean } {
  const envelope = body as Envelope;
  const isEnterpriseInstall = Boolean(envelope.authorizations?.[0]?.is_enterprise_install ?? envelope.is_enterprise_install);
  return { teamId: envelope.team_id || undefined, enterpriseId: envelope.enterprise_id || undefined, isEnterpriseInstall };
}

function canDisable(store: InstallationStore | undefined): store is SlackInstallationStore {
  return typeof (store as Partial<SlackInstallationStore> | undefined)?.disableInstallation === "function";
}

export function registerInstallationLifecycle(app: App, options: { installationStore?: InstallationStore; logger: Logger }): void {
  const { installationStore: store } = options;

  app.event("app_uninstalled", async ({ body }) => {
    const key = installationKey(body);
    const log$ = options.logger.child({ listener: "app_uninstalled", teamId: key.teamId, enterpriseId: key.enterpriseId });
    if (!store?.deleteInstallation) {
      log$.error("Rapport was uninstalled from the workspace of SLACK_BOT_TOKEN: the token no longer works and digests stop. Install the app again and set the new token.");
      return;
    }
    await store.deleteInstallation(key);
    log$.info("Rapport was uninstalled from a workspace: its installation and tokens are deleted and its digests stop");
  });

  app.event("tokens_revoked", async ({ event, body }) => {
    const key = installationKey(body);
    const revoked = { bot: event.tokens.bot ?? [], user: event.tokens.oauth ?? [] };
    const log$ = options.logger.child({ listener: "tokens_revoked", teamId: key.teamId, enterpriseId: key.enterpriseId, botTokens: revoked.bot.length, userTokens: revoked.user.length });
    if (!store) {
      if (revoked.bot.length) log$.error("Slack revoked SLACK_BOT_TOKEN: digests stop and commands cannot be answered. Install the app again and set the new token.");
      return;
    }
    if (revoked.bot.length) {
      if (canDisable(store)) await store.disableInstallation(key, "tokens_revoked");
      else await store.deleteInstallation?.(key);
      log$.warn("Slack revoked the workspace's bot token: its installation is disabled (tokens deleted) and its digests stop until the app is installed again");
    } else if (revoked.user.length && canDisable(store)) {
      await store.forgetUserTokens(key, revoked.user);
      log$.info("Slack revoked user tokens: forgotten (Rapport posts with the bot token)");
    }
  });
}
