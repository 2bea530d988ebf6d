import type { Installation } from "@slack/oauth";
import { describe, expect, test } from "vitest";
import { installKeyFor, type InstallationRecord, type InstallationRecords } from "../../core/installations.js";
import { createSlackInstallationStore } from "./installation-store.js";

function installation(teamId: string, botToken: string, installer = "U0INSTALLER"): Installation<"v2", false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { token: undefined, scopes: undefined, id: installer },
    bot: { token: botToken, refreshToken: "xoxe-1-refresh-secret", scopes: ["commands", "chat:write"], id: "B0BOT", userId: "U0BOT" },
    appId: "A0RAPPORT",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

/** Records in memory, keyed like the database's rows. */
function memoryRecords(): InstallationRecords & { rows: Map<string, InstallationRecord> } {
  const rows = new Map<string, InstallationRecord>();
  const keyOf = (record: InstallationRecord) =>
    installKeyFor({ teamId: record.teamId ?? undefined, enterpriseId: record.enterpriseId ?? undefined, isEnterpriseInstall: record.isEnterpriseInstall });
  return {
    rows,
    async save(record) {
      rows.set(keyOf(record), record);
    },
    find: async (key) => rows.get(installKeyFor(key)),
    async delete(key) {
      rows.delete(installKeyFor(key));
    },
    async installerOf({ teamId, enterpriseId }) {
      return (rows.get(`team:${teamId}`) ?? rows.get(`enterprise:${enterpriseId}`))?.installerUserId;
    },
    async installedTeams() {
      return [...rows.values()].filter((record) => !record.isEnterpriseInstall && record.teamId).map((record) => record.teamId!);
    },
    async setDeliveryPause() {},
  };
}

describe("Slack installation store over installation records", () => {
  test("should store an installation as its ids and its whole text, and fetch it back whole", async () => {
    const records = memoryRecords();
    const store = createSlackInstallationStore(records);
    await store.storeInstallation(installation("T0ONE", "xoxb-111"));
    expect(records.rows.get("team:T0ONE")).toMatchObject({ teamId: "T0ONE", enterpriseId: null, isEnterpriseInstall: false, installerUserId: "U0INSTALLER" });
    expect(await store.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false })).toEqual(installation("T0ONE", "xoxb-111"));
    expect(await store.installerOf({ teamId: "T0ONE" })).toBe("U0INSTALLER");
  });

  test("should say an unknown workspace is not installed", async () => {
    const store = createSlackInstallationStore(memoryRecords());
    await expect(store.fetchInstallation({ teamId: "T0NOPE", enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({ code: "not_installed" });
  });

  test("should find the org's installation for a workspace of an org-wide install", async () => {
    const store = createSlackInstallationStore(memoryRecords());
    await store.storeInstallation({ ...installation("T0IGNORED", "xoxb-org-token", "U0ORGADMIN"), team: undefined, enterprise: { id: "E0ORG", name: "Org" }, isEnterpriseInstall: true } as Installation);
    const found = await store.fetchInstallation({ teamId: "T0INORG", enterpriseId: "E0ORG", isEnterpriseInstall: false });
    expect(found.bot?.token).toBe("xoxb-org-token");
  });

  test("should find the bot token through the tenant's workspace, never through the channel", async () => {
    const store = createSlackInstallationStore(memoryRecords());
    await store.storeInstallation(installation("T0ONE", "xoxb-one"));
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: "T0ONE" })).toBe("xoxb-one");
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: "T0NOPE" })).toBeUndefined();
  });

  test("should delete an installation", async () => {
    const records = memoryRecords();
    const store = createSlackInstallationStore(records);
    await store.storeInstallation(installation("T0TWO", "xoxb-two"));
    await store.deleteInstallation({ teamId: "T0TWO", enterpriseId: undefined, isEnterpriseInstall: false });
    expect(records.rows.size).toBe(0);
  });
});
