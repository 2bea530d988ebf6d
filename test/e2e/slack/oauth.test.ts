/**
 * Multi-workspace install: the real Bolt App with @slack/oauth's InstallProvider over HTTP, the
 * installation store on the real database (PGlite), the fake Slack answering oauth.v2.access.
 * /slack/install -> Slack's consent screen (skipped: the fake hands out the code) ->
 * /slack/oauth_redirect -> encrypted row -> commands from that workspace use its own bot token.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createSlackApp, type SlackApp } from "../../../src/adapters/slack/app.js";
import { SLACK_BOT_SCOPES } from "../../../src/adapters/slack/config.js";
import { createInstallationRecords } from "../../../src/data/slack-installation-store.js";
import { createSlackInstallationStore } from "../../../src/adapters/slack/installation-store.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { slashCommand, type Who } from "../../fakes/slack/payloads.js";
import { signSlashCommand } from "../../fakes/slack/sign-request.js";
import { OAUTH_APP, oauthSlackConfig, recordingLogger, SIGNING_SECRET } from "./harness.js";

const { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } = OAUTH_APP;
const SECRET_KEY = "rapport-secret-key-for-tests-0123456789";
const NEW_TEAM = "T0NEWCO";
const GRANTED_TOKEN = "xoxb-2000-newco-granted-bot-token";
const INSTALLER: Who = { teamId: NEW_TEAM, userId: "U0INSTALL", userName: "ines", teamDomain: "newco" };
const FIRST: Who = { teamId: NEW_TEAM, userId: "U0FIRST", userName: "fred", teamDomain: "newco" };
const LATER: Who = { teamId: NEW_TEAM, userId: "U0LATER", userName: "lara", teamDomain: "newco" };

describe("OAuth install flow with installations in the database", () => {
  let core: App;
  let slack: FakeSlackApi;
  let app: SlackApp;
  let base: string;

  beforeAll(async () => {
    slack = await startFakeSlackApi({
      tokens: ["xoxb-nobody-has-this"], // only tokens granted through oauth.v2.access work
      users: [
        { id: INSTALLER.userId, teamId: NEW_TEAM, name: "ines", realName: "Ines Installer", email: "ines@newco.example", tz: "Europe/Paris" },
        { id: FIRST.userId, teamId: NEW_TEAM, name: "fred", realName: "Fred First", tz: "UTC" },
        { id: LATER.userId, teamId: NEW_TEAM, name: "lara", realName: "Lara Later", tz: "UTC" },
      ],
      channels: [{ id: "C0NEWCO", name: "general" }],
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        grants: { "code-from-slack": { teamId: NEW_TEAM, teamName: "NewCo", botToken: GRANTED_TOKEN, botUserId: "U0BOTNEW", installerUserId: INSTALLER.userId, scopes: SLACK_BOT_SCOPES } },
      },
    });
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => new Date("2026-11-23T09:00:00Z") });
    app = createSlackApp({
      api: core.rapport,
      logger: recordingLogger(),
      installationStore: createSlackInstallationStore(createInstallationRecords({ prisma: core.database.prisma, secretKey: SECRET_KEY })),
      config: oauthSlackConfig(slack.apiUrl),
    });
    const { port } = await app.start(0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await slack?.stop();
    await core?.close();
  });

  async function command(who: Who, text: string, id: string): Promise<{ status: number; body?: Record<string, unknown> }> {
    const sent = await slack.sendSlashCommand(`${base}/slack/events`, signSlashCommand(slashCommand(who, { text, responseUrl: slack.responseUrl(id), channelId: "C0NEWCO" }), { signingSecret: SIGNING_SECRET }));
    if (sent.status !== 200) return { status: sent.status };
    const [response] = await slack.waitForResponses(id);
    return { status: sent.status, body: response!.body };
  }

  test("a command from a workspace that has not installed the app reaches nothing", async () => {
    const sent = await slack.sendSlashCommand(`${base}/slack/events`, signSlashCommand(slashCommand(FIRST, { text: "help", responseUrl: slack.responseUrl("before") }), { signingSecret: SIGNING_SECRET }));
    // Bolt answers (authorization failed: no listener runs) without running anything.
    expect(sent.status).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slack.responsesTo("before")).toHaveLength(0);
    expect(await core.database.prisma.tenant.count({ where: { externalId: NEW_TEAM } })).toBe(0);
  });

  test("install -> redirect -> stored encrypted -> commands use the workspace's own token", async () => {
    // 1. /slack/install sends the browser to Slack's consent screen with a state bound to a cookie.
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get("location")!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
    expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(authorize.searchParams.get("scope")!.split(",")).toEqual([...SLACK_BOT_SCOPES]);
    const state = authorize.searchParams.get("state")!;
    const cookie = install.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toContain(state);

    // A redirect without the browser's state cookie (CSRF) is refused and stores nothing.
    const forged = await fetch(`${base}/slack/oauth_redirect?code=code-from-slack&state=${encodeURIComponent(state)}`, { redirect: "manual" });
    expect(forged.status).not.toBe(200);
    expect(await core.database.prisma.slackInstallation.count()).toBe(0);

    // 2. Slack sends the browser back with a code; the app exchanges it (oauth.v2.access).
    const back = await fetch(`${base}/slack/oauth_redirect?code=code-from-slack&state=${encodeURIComponent(state)}`, { redirect: "manual", headers: { cookie } });
    expect(back.status).toBe(200);
    const [exchange] = slack.callsOf("oauth.v2.access");
    expect(exchange!.args).toMatchObject({ code: "code-from-slack", client_id: CLIENT_ID });

    // 3. One row, sealed: no token (xoxb-/xoxe-/xoxp-) anywhere in it.
    const rows = await core.database.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM slack_installations`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("xox");
    expect(rows[0]).toMatchObject({ team_id: NEW_TEAM, installer_user_id: INSTALLER.userId });

    // 4. A command from that workspace authorizes with the stored token.
    slack.reset();
    const first = await command(FIRST, "help", "first");
    expect(first.status).toBe(200);
    expect(first.body?.text).toBe("Rapport commands");
    const [lookup] = slack.callsOf("users.info");
    expect(lookup!.token).toBe(GRANTED_TOKEN);
  });

  test("the installing user becomes a Rapport admin of that workspace; others stay reps", async () => {
    await command(LATER, "help", "later");
    await command(INSTALLER, "help", "installer");
    const tenant = await core.database.prisma.tenant.findFirstOrThrow({ where: { platform: "slack", externalId: NEW_TEAM } });
    const roles = Object.fromEntries((await core.database.prisma.member.findMany({ where: { tenantId: tenant.id } })).map((member) => [member.externalId, member.role]));
    expect(roles[INSTALLER.userId]).toBe("admin");
    expect(roles[LATER.userId]).toBe("rep");
    // ...and can use admin-only commands at once.
    const granted = await command(INSTALLER, `role <@${LATER.userId}> manager`, "role");
    expect(String(granted.body?.text)).not.toContain("Only admins");
  });

  test("after a restart, the daily people sync reaches every stored installation, even one nobody has used since", async () => {
    // A second process over the same database: it has seen no command and no install.
    const restarted = createSlackApp({
      api: core.rapport,
      logger: recordingLogger(),
      installationStore: createSlackInstallationStore(createInstallationRecords({ prisma: core.database.prisma, secretKey: SECRET_KEY })),
      config: oauthSlackConfig(slack.apiUrl),
      peopleSync: { atStart: false, intervalMs: 0 },
    });
    await restarted.start(0);
    try {
      slack.reset();
      await restarted.syncPeople();
      const lists = slack.callsOf("users.list");
      expect(lists.length).toBeGreaterThan(0);
      expect(lists.every((call) => call.token === GRANTED_TOKEN)).toBe(true);
    } finally {
      await restarted.stop();
    }
  });
});
