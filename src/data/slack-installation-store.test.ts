import type { Installation } from "@slack/oauth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../../test/support/test-databases.js";
import { openDatabase, type Database } from "./database.js";
import {
  createSlackInstallationStore,
  deriveInstallationKey,
  InstallationStoreError,
  seal,
  slackInstallationStoreFromEnv,
  unseal,
  type SlackInstallationStore,
} from "./slack-installation-store.js";

const SECRET = "test-secret-key-0123456789abcdefghijklmnop";

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

describe("sealing", () => {
  const { key } = deriveInstallationKey(SECRET);

  test("GIVEN a sealed text THEN it opens with the same key and associated data only", () => {
    const sealed = seal(key, "xoxb-secret", "team:T1");
    expect(sealed).not.toContain("xox");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(unseal(key, sealed, "team:T1")).toBe("xoxb-secret");
    expect(() => unseal(key, sealed, "team:T2")).toThrow(InstallationStoreError);
    expect(() => unseal(deriveInstallationKey(`${SECRET}x`).key, sealed, "team:T1")).toThrow(/could not be decrypted/);
  });

  test("GIVEN the same text twice THEN two different ciphertexts (random IV)", () => {
    expect(seal(key, "same", "a")).not.toBe(seal(key, "same", "a"));
  });

  test.each([
    ["missing", undefined, /RAPPORT_SECRET_KEY is required/],
    ["blank", "   ", /RAPPORT_SECRET_KEY is required/],
    ["short", "short-secret", /RAPPORT_SECRET_KEY must be at least 32 characters/],
  ])("GIVEN a %s secret THEN deriving the key fails naming the variable", (_case, secret, message) => {
    expect(() => deriveInstallationKey(secret)).toThrow(message);
  });

  test("GIVEN OAuth variables without RAPPORT_SECRET_KEY THEN the store from env fails at start", () => {
    const prisma = {} as never;
    expect(() => slackInstallationStoreFromEnv(prisma, { SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "s", SLACK_STATE_SECRET: "t" })).toThrow(/RAPPORT_SECRET_KEY/);
    expect(slackInstallationStoreFromEnv(prisma, { SLACK_BOT_TOKEN: "xoxb-1" })).toBeUndefined();
  });
});

describe.each(testTargets)("Slack installation store on $name", (target) => {
  let database: Database;
  let drop: () => Promise<void>;
  let store: SlackInstallationStore;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    database = await openDatabase(created.target, { poolSize: 2 });
    store = createSlackInstallationStore({ prisma: database.prisma, secretKey: SECRET });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  test("stores an installation sealed: no token in any column; fetches it back whole", async () => {
    await store.storeInstallation(installation("T0ONE", "xoxb-111-secret-bot-token"));
    const rows = await database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM slack_installations`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("xox");
    expect(rows[0]).toMatchObject({ install_key: "team:T0ONE", team_id: "T0ONE", installer_user_id: "U0INSTALLER", is_enterprise_install: false });
    expect(await store.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false })).toEqual(installation("T0ONE", "xoxb-111-secret-bot-token"));
  });

  test("a reinstall replaces the row (new token, new installer)", async () => {
    await store.storeInstallation(installation("T0ONE", "xoxb-222-rotated", "U0SECOND"));
    expect(await database.prisma.slackInstallation.count({ where: { teamId: "T0ONE" } })).toBe(1);
    expect((await store.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe("xoxb-222-rotated");
    expect(await store.installerOf({ teamId: "T0ONE" })).toBe("U0SECOND");
  });

  test("an unknown workspace is not installed", async () => {
    await expect(store.fetchInstallation({ teamId: "T0NOPE", enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({ code: "not_installed" });
    expect(await store.installerOf({ teamId: "T0NOPE" })).toBeUndefined();
  });

  test("a workspace of an org-wide install finds the org's installation", async () => {
    await store.storeInstallation({ ...installation("T0IGNORED", "xoxb-org-token", "U0ORGADMIN"), team: undefined, enterprise: { id: "E0ORG", name: "Org" }, isEnterpriseInstall: true } as Installation);
    const found = await store.fetchInstallation({ teamId: "T0INORG", enterpriseId: "E0ORG", isEnterpriseInstall: false });
    expect(found.bot?.token).toBe("xoxb-org-token");
    expect(await store.installerOf({ teamId: "T0INORG", enterpriseId: "E0ORG" })).toBe("U0ORGADMIN");
  });

  test("a sealed blob copied onto another workspace's row does not open", async () => {
    await store.storeInstallation(installation("T0TWO", "xoxb-two"));
    const one = await database.prisma.slackInstallation.findUniqueOrThrow({ where: { installKey: "team:T0ONE" } });
    await database.prisma.slackInstallation.update({ where: { installKey: "team:T0TWO" }, data: { sealed: one.sealed } });
    await expect(store.fetchInstallation({ teamId: "T0TWO", enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toMatchObject({ code: "corrupt" });
  });

  test("another RAPPORT_SECRET_KEY is detected and named", async () => {
    const other = createSlackInstallationStore({ prisma: database.prisma, secretKey: `${SECRET}-rotated` });
    await expect(other.fetchInstallation({ teamId: "T0ONE", enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/different RAPPORT_SECRET_KEY/);
  });

  test("finds the bot token through the tenant's workspace, never through the channel", async () => {
    // Another workspace's subscription naming the channel must not lend it its token (Slack Connect).
    const tenant = await database.prisma.tenant.create({ data: { platform: "slack", externalId: "T0ONE", name: "one" } });
    await database.prisma.digestSubscription.create({ data: { tenantId: tenant.id, kind: "followups", channelRef: "slack:C0DIGEST", localTime: "09:00", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5] } });
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: "T0ONE" })).toBe("xoxb-222-rotated");
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: "T0NOPE" })).toBeUndefined();
    expect(await store.botTokenFor({ channelRef: "slack:C0NEW", tenantExternalId: "T0ONE" })).toBe("xoxb-222-rotated");
  });

  test("deletes an installation", async () => {
    await store.deleteInstallation({ teamId: "T0TWO", enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await database.prisma.slackInstallation.count({ where: { teamId: "T0TWO" } })).toBe(0);
  });
});
