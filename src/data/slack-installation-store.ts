/**
 * Slack installations (multi-workspace OAuth) in the database, tokens encrypted at rest.
 *
 * The whole installation object @slack/oauth hands over (bot token, refresh token, installing
 * user, scopes) is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
 * RAPPORT_SECRET_KEY; the row keeps in the clear only what lookups need (team / enterprise id and
 * the installing user). The lookup key is bound into the ciphertext as associated data, so a
 * sealed blob copied onto another workspace's row does not open. This is the only file that
 * touches Prisma for Slack installations; it implements @slack/oauth's InstallationStore
 * interface (a type-only import: nothing of the Slack SDK runs here).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import type { Installation, InstallationQuery, InstallationStore } from "@slack/oauth";
import type { PrismaClient } from "../generated/prisma/client.js";

export const SECRET_KEY_VARIABLE = "RAPPORT_SECRET_KEY";
const MIN_SECRET_LENGTH = 32;
const SEAL_VERSION = "v1";

export class InstallationStoreError extends Error {
  constructor(
    readonly code: "secret_key_missing" | "secret_key_weak" | "not_installed" | "key_changed" | "corrupt",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "InstallationStoreError";
  }
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
};

/** A 32-byte AES key from the secret; fails naming the variable when it is missing or short. */
export function deriveInstallationKey(secret: string | undefined): { key: Buffer; keyId: string } {
  if (!secret || !secret.trim()) {
    throw new InstallationStoreError(
      "secret_key_missing",
      `${SECRET_KEY_VARIABLE} is required for the Slack OAuth install flow: installation tokens are encrypted with it. Set ${SECRET_KEY_VARIABLE} (e.g. \`openssl rand -base64 32\`).`,
    );
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new InstallationStoreError("secret_key_weak", `${SECRET_KEY_VARIABLE} must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`).`);
  }
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("rapport"), Buffer.from("slack-installations/v1"), 32));
  const keyId = createHmac("sha256", key).update("rapport:key-id").digest("hex").slice(0, 16);
  return { key, keyId };
}

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>", base64url parts; `aad` must match to open. */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [SEAL_VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function unseal(key: Buffer, sealed: string, aad: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== SEAL_VERSION || !iv || !tag || ciphertext === undefined) throw new InstallationStoreError("corrupt", "A stored Slack installation has an unknown format.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch (error) {
    throw new InstallationStoreError("corrupt", "A stored Slack installation could not be decrypted (tampered with, or moved to another workspace's row).", { cause: error });
  }
}

/** Org-wide (Enterprise Grid) installs are keyed by enterprise, the others by team. */
export function installKeyFor(query: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string {
  if (query.isEnterpriseInstall) {
    if (!query.enterpriseId) throw new InstallationStoreError("not_installed", "An org-wide installation needs an enterprise id.");
    return `enterprise:${query.enterpriseId}`;
  }
  if (!query.teamId) throw new InstallationStoreError("not_installed", "A workspace installation needs a team id.");
  return `team:${query.teamId}`;
}

export function createSlackInstallationStore(options: { prisma: PrismaClient; secretKey: string | undefined }): SlackInstallationStore {
  const { prisma } = options;
  const { key, keyId } = deriveInstallationKey(options.secretKey);

  async function load(installKey: string): Promise<Installation | undefined> {
    const row = await prisma.slackInstallation.findUnique({ where: { installKey } });
    if (!row) return undefined;
    if (row.keyId !== keyId) {
      throw new InstallationStoreError("key_changed", `The Slack installation ${installKey} was encrypted with a different ${SECRET_KEY_VARIABLE}. Restore the old key or install the app again.`);
    }
    return JSON.parse(unseal(key, row.sealed, installKey)) as Installation;
  }

  async function fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    // A workspace inside an org-wide install has no row of its own: fall back to the org's.
    const keys = query.isEnterpriseInstall || !query.enterpriseId ? [installKeyFor(query)] : [installKeyFor(query), `enterprise:${query.enterpriseId}`];
    for (const installKey of keys) {
      const found = await load(installKey);
      if (found) return found;
    }
    throw new InstallationStoreError("not_installed", `Rapport is not installed in ${keys[0]}. Install it through /slack/install.`);
  }

  const store: SlackInstallationStore = {
    async storeInstallation(installation) {
      const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
      const teamId = installation.team?.id;
      const enterpriseId = installation.enterprise?.id;
      const installKey = installKeyFor({ teamId, enterpriseId, isEnterpriseInstall });
      const sealed = seal(key, JSON.stringify(installation), installKey);
      const data = { teamId: teamId ?? null, enterpriseId: enterpriseId ?? null, isEnterpriseInstall, installerUserId: installation.user.id, sealed, keyId };
      await prisma.slackInstallation.upsert({ where: { installKey }, create: { installKey, ...data }, update: data });
    },
    fetchInstallation,
    async deleteInstallation(query) {
      await prisma.slackInstallation.deleteMany({ where: { installKey: installKeyFor(query) } });
    },
    async installerOf({ teamId, enterpriseId }) {
      const keys = [teamId ? `team:${teamId}` : undefined, enterpriseId ? `enterprise:${enterpriseId}` : undefined].filter((value): value is string => Boolean(value));
      const row = await prisma.slackInstallation.findFirst({ where: { installKey: { in: keys } }, orderBy: { installKey: "desc" }, select: { installerUserId: true } });
      return row?.installerUserId;
    },
    async botTokenFor({ tenantExternalId }) {
      try {
        return (await fetchInstallation({ teamId: tenantExternalId, enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token;
      } catch (error) {
        if (error instanceof InstallationStoreError && error.code === "not_installed") return undefined;
        throw error;
      }
    },
  };
  return store;
}

/**
 * For `rapport start`: the database-backed store when the Slack OAuth variables are set, else
 * undefined (single-workspace token mode). Fails naming RAPPORT_SECRET_KEY when it is missing.
 */
export function slackInstallationStoreFromEnv(prisma: PrismaClient, env: NodeJS.ProcessEnv = process.env): SlackInstallationStore | undefined {
  if (!env.SLACK_CLIENT_ID?.trim()) return undefined;
  return createSlackInstallationStore({ prisma, secretKey: env[SECRET_KEY_VARIABLE] });
}
