/**
 * Slack installations (multi-workspace OAuth) in the database, tokens encrypted at rest: the
 * InstallationRecords port of src/core/installations.ts.
 *
 * The whole installation (bot token, refresh token, installing user, scopes), handed over as
 * text, is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from RAPPORT_SECRET_KEY; the
 * row keeps in the clear only what lookups need (team / enterprise id and the installing user).
 * The lookup key is bound into the ciphertext as associated data, so a sealed blob copied onto
 * another workspace's row does not open. This is the only file that touches Prisma for Slack
 * installations; src/adapters/slack/installation-store.ts maps @slack/oauth's objects onto it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { InstallationStoreError, installKeyFor, type InstallationRecord, type InstallationRecords } from "../core/installations.js";
import type { PrismaClient } from "../generated/prisma/client.js";

export { InstallationStoreError, installKeyFor };

export const SECRET_KEY_VARIABLE = "RAPPORT_SECRET_KEY";
const MIN_SECRET_LENGTH = 32;
const SEAL_VERSION = "v1";

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

export function createInstallationRecords(options: { prisma: PrismaClient; secretKey: string | undefined; clock?: () => Date }): InstallationRecords {
  const { prisma } = options;
  const clock = options.clock ?? (() => new Date());
  const { key, keyId } = deriveInstallationKey(options.secretKey);

  return {
    async save(record) {
      const installKey = installKeyFor({ teamId: record.teamId ?? undefined, enterpriseId: record.enterpriseId ?? undefined, isEnterpriseInstall: record.isEnterpriseInstall });
      const sealed = seal(key, record.secret, installKey);
      const data = { teamId: record.teamId, enterpriseId: record.enterpriseId, isEnterpriseInstall: record.isEnterpriseInstall, installerUserId: record.installerUserId, sealed, keyId };
      await prisma.slackInstallation.upsert({ where: { installKey }, create: { installKey, ...data }, update: data });
    },
    async find(query) {
      const installKey = installKeyFor(query);
      const row = await prisma.slackInstallation.findUnique({ where: { installKey } });
      if (!row) return undefined;
      if (row.keyId !== keyId) {
        throw new InstallationStoreError("key_changed", `The Slack installation ${installKey} was encrypted with a different ${SECRET_KEY_VARIABLE}. Restore the old key or install the app again.`);
      }
      const record: InstallationRecord = {
        teamId: row.teamId,
        enterpriseId: row.enterpriseId,
        isEnterpriseInstall: row.isEnterpriseInstall,
        installerUserId: row.installerUserId,
        secret: unseal(key, row.sealed, installKey),
      };
      return record;
    },
    async delete(query) {
      await prisma.slackInstallation.deleteMany({ where: { installKey: installKeyFor(query) } });
    },
    async installerOf({ teamId, enterpriseId }) {
      const keys = [teamId ? `team:${teamId}` : undefined, enterpriseId ? `enterprise:${enterpriseId}` : undefined].filter((value): value is string => Boolean(value));
      const row = await prisma.slackInstallation.findFirst({ where: { installKey: { in: keys } }, orderBy: { installKey: "desc" }, select: { installerUserId: true } });
      return row?.installerUserId;
    },
    async installedTeams() {
      const rows = await prisma.slackInstallation.findMany({ where: { isEnterpriseInstall: false, teamId: { not: null } }, select: { teamId: true }, orderBy: { id: "asc" } });
      return rows.map((row) => row.teamId!);
    },
    async setDeliveryPause({ teamId }, pause) {
      if (!teamId) return;
      const tenant = { platform: "slack", externalId: teamId };
      // Conditional updates: pausing twice keeps the first reason; resuming a tenant never paused
      // leaves deliveries_resumed_at alone (a first install must not hide earlier slots).
      if (pause) {
        await prisma.tenant.updateMany({ where: { ...tenant, deliveriesPausedAt: null }, data: { deliveriesPausedAt: clock(), deliveriesPausedReason: pause.reason } });
      } else {
        await prisma.tenant.updateMany({ where: { ...tenant, deliveriesPausedAt: { not: null } }, data: { deliveriesPausedAt: null, deliveriesPausedReason: null, deliveriesResumedAt: clock() } });
      }
    },
  };
}
