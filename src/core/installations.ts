/**
 * Chat workspace installations (multi-workspace OAuth) as storage keeps them, in Rapport's own
 * terms: where the app is installed, who installed it, and the platform's whole installation
 * (tokens included) as text that storage keeps encrypted. Implemented in
 * src/data/slack-installation-store.ts; the Slack adapter maps @slack/oauth's objects onto it.
 */
import { RapportError } from "./errors.js";

export type InstallationKey = { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined };

export type InstallationRecord = {
  teamId: string | null;
  enterpriseId: string | null;
  /** An org-wide install (Enterprise Grid): keyed by the enterprise, not a team. */
  isEnterpriseInstall: boolean;
  installerUserId: string;
  /** The platform's installation object, tokens included, as text: never stored in the clear. */
  secret: string;
};

export type InstallationRecords = {
  /** Stores (or replaces) the installation under its key. */
  save(record: InstallationRecord): Promise<void>;
  /** The installation stored under exactly this key, if any. */
  find(key: InstallationKey): Promise<InstallationRecord | undefined>;
  delete(key: InstallationKey): Promise<void>;
  /** The user who installed the app for this team (its own install first, else its enterprise's). */
  installerOf(where: { teamId?: string; enterpriseId?: string }): Promise<string | undefined>;
  /** The team ids of every workspace installed on its own (not through an org-wide install). */
  installedTeams(): Promise<string[]>;
  /**
   * Pauses the scheduled digests and alerts of the key's team (the platform took Rapport's access
   * away: `reason` says how) or, with null, resumes them (installed again). No team, or no tenant
   * for it yet: nothing to do.
   */
  setDeliveryPause(key: InstallationKey, pause: { reason: string } | null): Promise<void>;
};

export class InstallationStoreError extends RapportError {
  constructor(
    override readonly code: "secret_key_missing" | "secret_key_weak" | "not_installed" | "key_changed" | "corrupt",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** Org-wide (Enterprise Grid) installs are keyed by enterprise, the others by team. */
export function installKeyFor(query: InstallationKey): string {
  if (query.isEnterpriseInstall) {
    if (!query.enterpriseId) throw new InstallationStoreError("not_installed", "An org-wide installation needs an enterprise id.");
    return `enterprise:${query.enterpriseId}`;
  }
  if (!query.teamId) throw new InstallationStoreError("not_installed", "A workspace installation needs a team id.");
  return `team:${query.teamId}`;
}
