import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testTargets } from "../../test/support/test-databases.js";
import { openDatabase, type Database } from "./database.js";
import type { InstallationRecord, InstallationRecords } from "../core/installations.js";
import { createInstallationRecords, deriveInstallationKey, InstallationStoreError, seal, unseal } from "./slack-installation-store.js";

const SECRET = "test-secret-key-0123456789abcdefghijklmnop";

function record(teamId: string, botToken: string, installer = "U0INSTALLER"): InstallationRecord {
  return {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    installerUserId: installer,
    secret: JSON.stringify({ team: { id: teamId }, user: { id: installer }, bot: { token: botToken, refreshToken: "xoxe-1-refresh-secret" } }),
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

  test("GIVEN no RAPPORT_SECRET_KEY THEN the installation records fail at start naming it", () => {
    const prisma = {} as never;
    expect(() => createInstallationRecords({ prisma, secretKey: undefined })).toThrow(/RAPPORT_SECRET_KEY/);
  });
});

describe.each(testTargets)("Slack installation records on $name", (target) => {
  let database: Database;
  let drop: () => Promise<void>;
  let records: InstallationRecords;

  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    database = await openDatabase(created.target, { poolSize: 2 });
    records = createInstallationRecords({ prisma: database.prisma, secretKey: SECRET });
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  test("stores an installation sealed: no token in any column; finds it back whole", async () => {
    await records.save(record("T0ONE", "xoxb-111-secret-bot-token"));
    const rows = await database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM slack_installations`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("xox");
    expect(rows[0]).toMatchObject({ install_key: "team:T0ONE", team_id: "T0ONE", installer_user_id: "U0INSTALLER", is_enterprise_install: false });
    expect(await records.find({ teamId: "T0ONE" })).toEqual(record("T0ONE", "xoxb-111-secret-bot-token"));
  });

  test("a reinstall replaces the row (new token, new installer)", async () => {
    await records.save(record("T0ONE", "xoxb-222-rotated", "U0SECOND"));
    expect(await database.prisma.slackInstallation.count({ where: { teamId: "T0ONE" } })).toBe(1);
    expect((await records.find({ teamId: "T0ONE" }))?.secret).toContain("xoxb-222-rotated");
    expect(await records.installerOf({ teamId: "T0ONE" })).toBe("U0SECOND");
  });

  test("an unknown workspace has no record and no installer", async () => {
    expect(await records.find({ teamId: "T0NOPE" })).toBeUndefined();
    expect(await records.installerOf({ teamId: "T0NOPE" })).toBeUndefined();
  });

  test("an org-wide install is keyed by its enterprise; its workspaces' installer is the org's", async () => {
    await records.save({ ...record("T0IGNORED", "xoxb-org-token", "U0ORGADMIN"), teamId: null, enterpriseId: "E0ORG", isEnterpriseInstall: true });
    expect((await records.find({ enterpriseId: "E0ORG", isEnterpriseInstall: true }))?.secret).toContain("xoxb-org-token");
    expect(await records.find({ teamId: "T0INORG", enterpriseId: "E0ORG" })).toBeUndefined();
    expect(await records.installerOf({ teamId: "T0INORG", enterpriseId: "E0ORG" })).toBe("U0ORGADMIN");
  });

  test("installedTeams lists every workspace with its own installation, not org-wide installs", async () => {
    expect(await records.installedTeams()).toEqual(["T0ONE"]);
  });

  test("a sealed blob copied onto another workspace's row does not open", async () => {
    await records.save(record("T0TWO", "xoxb-two"));
    const one = await database.prisma.slackInstallation.findUniqueOrThrow({ where: { installKey: "team:T0ONE" } });
    await database.prisma.slackInstallation.update({ where: { installKey: "team:T0TWO" }, data: { sealed: one.sealed } });
    await expect(records.find({ teamId: "T0TWO" })).rejects.toMatchObject({ code: "corrupt" });
  });

  test("another RAPPORT_SECRET_KEY is detected and named", async () => {
    const other = createInstallationRecords({ prisma: database.prisma, secretKey: `${SECRET}-rotated` });
    await expect(other.find({ teamId: "T0ONE" })).rejects.toThrow(/different RAPPORT_SECRET_KEY/);
  });

  test("deletes an installation", async () => {
    await records.delete({ teamId: "T0TWO" });
    expect(await database.prisma.slackInstallation.count({ where: { teamId: "T0TWO" } })).toBe(0);
  });
});
