/**
 * A workspace that takes Rapport's access away has its scheduled digests and alerts paused in the
 * database, and an install through OAuth resumes them: the real Bolt app with @slack/oauth, the
 * installation store and the schedulers on PGlite, the fake Slack. While paused, a scheduled run
 * calls nothing and records nothing (no failure, no miss); after the reinstall the next run posts
 * with the new token, and the slots that fell due while paused stay unrecorded.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Installation } from "@slack/oauth";
import { createApp, type App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createSlackApp, type SlackApp } from "../../../src/adapters/slack/app.js";
import { SLACK_BOT_SCOPES } from "../../../src/adapters/slack/config.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createSlackInstallationStore, guardDeadTokens, type SlackInstallationStore } from "../../../src/adapters/slack/installation-store.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createDigestStore } from "../../../src/data/digest-store.js";
import { createInstallationRecords } from "../../../src/data/slack-installation-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createDigestScheduler } from "../../../src/digests/scheduler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { eventCallback, slashCommand, type Who } from "../../fakes/slack/payloads.js";
import { sendSigned, signEvent, signSlashCommand } from "../../fakes/slack/sign-request.js";
import { OAUTH_APP, oauthSlackConfig, recordingLogger, SIGNING_SECRET } from "./harness.js";

const { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } = OAUTH_APP;
const SECRET_KEY = "rapport-secret-key-for-pause-tests-0123456789";
const TEAM = "T0PAUSE";
const STALE_TEAM = "T0STALE";
const GRANTED_TOKEN = "xoxb-3000-pause-granted-bot-token";
const INSTALLER: Who = { teamId: TEAM, userId: "U0INSTALL", userName: "ines", teamDomain: "pause" };

describe("an uninstalled workspace's digests and alerts pause in the database until it installs again", () => {
  let core: App;
  let slack: FakeSlackApi;
  let app: SlackApp;
  let store: SlackInstallationStore;
  let base: string;
  let now = new Date("2026-11-23T08:00:00Z");
  const clock = () => now;

  beforeAll(async () => {
    slack = await startFakeSlackApi({
      tokens: ["xoxb-nobody-has-this"], // only tokens granted through oauth.v2.access work
      users: [{ id: INSTALLER.userId, teamId: TEAM, name: "ines", realName: "Ines Installer", tz: "UTC" }],
      channels: [{ id: "C0SALES", name: "sales" }, { id: "C0STALE", name: "stale-sales" }],
      oauth: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        grants: { "code-from-slack": { teamId: TEAM, teamName: "PauseCo", botToken: GRANTED_TOKEN, botUserId: "U0BOTPAUSE", installerUserId: INSTALLER.userId, scopes: SLACK_BOT_SCOPES } },
      },
    });
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock });
    store = createSlackInstallationStore(createInstallationRecords({ prisma: core.database.prisma, secretKey: SECRET_KEY, clock }));
    app = createSlackApp({
      api: core.rapport,
      logger: recordingLogger(),
      installationStore: store,
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

  /** /slack/install -> consent (the fake hands out the code) -> /slack/oauth_redirect. */
  async function installThroughOAuth(): Promise<void> {
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    const state = new URL(install.headers.get("location")!).searchParams.get("state")!;
    const cookie = install.headers.get("set-cookie")!.split(";")[0]!;
    const back = await fetch(`${base}/slack/oauth_redirect?code=code-from-slack&state=${encodeURIComponent(state)}`, { redirect: "manual", headers: { cookie } });
    expect(back.status).toBe(200);
  }

  // A poster and schedulers made afresh for every run, as after a restart: only the database remembers.
  const poster = () =>
    guardDeadTokens(createSlackDigestPoster({ botToken: (target) => store.botTokenFor(target), apiUrl: slack.apiUrl, logger: silentLogger }), { installations: store, logger: silentLogger });
  const digestTick = (at: Date) => createDigestScheduler({ store: createDigestStore(core.database.prisma), poster: poster(), clock: () => at, sleep: async () => undefined, processId: "pause-test" }).tick(at);
  const alertTick = (at: Date) => createAlertScheduler({ store: createAlertDeliveryStore(core.database.prisma), poster: poster(), clock: () => at }).tick(at);
  const tenantOf = (teamId: string) => core.database.prisma.tenant.findFirstOrThrow({ where: { platform: "slack", externalId: teamId } });
  const runDates = async (tenantId: number) =>
    (await core.database.prisma.digestRun.findMany({ where: { tenantId }, orderBy: { localDate: "asc" } })).map((run) => `${run.localDate.toISOString().slice(0, 10)} ${run.state}`);
  const postsTo = (channel: string) => slack.callsOf("chat.postMessage").filter((call) => call.args.channel === channel);

  async function subscribe(tenantId: number, createdAt: Date, channel = "C0SALES"): Promise<void> {
    await core.database.prisma.digestSubscription.create({
      data: { tenantId, kind: "followups", channelRef: `slack:${channel}`, localTime: "08:30", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7], postWhenEmpty: true, createdAt },
    });
  }

  test("uninstall -> scheduled runs post nothing and record nothing; reinstall -> the next run posts", async () => {
    await installThroughOAuth();
    const help = await slack.sendSlashCommand(`${base}/slack/events`, signSlashCommand(slashCommand(INSTALLER, { text: "help", responseUrl: slack.responseUrl("help"), channelId: "C0SALES" }), { signingSecret: SIGNING_SECRET }));
    expect(help.status).toBe(200);
    await slack.waitForResponses("help");
    const tenant = await tenantOf(TEAM);
    const member = await core.database.prisma.member.findFirstOrThrow({ where: { tenantId: tenant.id, externalId: INSTALLER.userId } });
    await subscribe(tenant.id, new Date("2026-11-23T00:00:00Z"));

    expect(await digestTick(new Date("2026-11-23T08:31:00Z"))).toMatchObject({ posted: 1, failed: 0 });
    expect(postsTo("C0SALES").map((call) => call.token)).toEqual([GRANTED_TOKEN]);

    now = new Date("2026-11-23T12:00:00Z");
    const event = signEvent(eventCallback(INSTALLER, { type: "app_uninstalled", event_ts: `${now.getTime() / 1000}` }), { signingSecret: SIGNING_SECRET });
    expect((await sendSigned(`${base}/slack/events`, event)).status).toBe(200);
    for (let attempt = 0; attempt < 100 && (await tenantOf(TEAM)).deliveriesPausedAt === null; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tenantOf(TEAM)).toMatchObject({ deliveriesPausedAt: now, deliveriesPausedReason: "app_uninstalled" });

    // Paused: the next day's run, and a tick past its cut-off, touch neither Slack nor the run table.
    await core.database.prisma.alert.create({
      data: { tenantId: tenant.id, memberId: member.id, kind: "overdue", dedupeKey: "overdue:invoice:1", payload: { customer: { id: 1, name: "Acme" }, number: "INV-1", amount: 120, currency: "USD", date: "2026-11-20" }, dueAt: new Date("2026-11-24T08:00:00Z") },
    });
    slack.reset();
    const quiet = { claimed: 0, posted: 0, skipped: 0, missed: 0, failed: 0, unknown: 0, tookOver: 0 };
    expect(await digestTick(new Date("2026-11-24T08:31:00Z"))).toEqual(quiet);
    expect(await digestTick(new Date("2026-11-24T15:00:00Z"))).toEqual(quiet);
    expect(await alertTick(new Date("2026-11-24T08:31:00Z"))).toMatchObject({ scanned: 0, sent: 0, failed: 0 });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(0);
    expect(await runDates(tenant.id)).toEqual(["2026-11-23 posted"]);
    expect((await core.database.prisma.alert.findFirstOrThrow({ where: { memberId: member.id } })).sentAt).toBeNull();

    // Installed again: the pause is cleared, the next run posts; the paused day is not "missed".
    now = new Date("2026-11-25T07:00:00Z");
    await installThroughOAuth();
    expect(await tenantOf(TEAM)).toMatchObject({ deliveriesPausedAt: null, deliveriesPausedReason: null, deliveriesResumedAt: now });
    expect(await digestTick(new Date("2026-11-25T08:31:00Z"))).toMatchObject({ posted: 1, missed: 0, failed: 0 });
    expect(postsTo("C0SALES").map((call) => call.token)).toEqual([GRANTED_TOKEN]);
    expect(await runDates(tenant.id)).toEqual(["2026-11-23 posted", "2026-11-25 posted"]);
    expect(await alertTick(new Date("2026-11-25T08:31:00Z"))).toMatchObject({ sent: 1, failed: 0 });
    expect(postsTo(INSTALLER.userId).map((call) => call.token)).toEqual([GRANTED_TOKEN]);
    expect((await core.database.prisma.alert.findFirstOrThrow({ where: { memberId: member.id, dedupeKey: "overdue:invoice:1" } })).sentAt).not.toBeNull();
  });

  test("invalid_auth on a scheduled post pauses the workspace: after a restart nothing is tried", async () => {
    const stale: Installation = {
      team: { id: STALE_TEAM, name: "StaleCo" },
      enterprise: undefined,
      user: { id: "U0OLD", token: undefined, scopes: undefined },
      bot: { id: "B0OLD", userId: "U0BOTOLD", token: "xoxb-slack-no-longer-accepts-this", scopes: [...SLACK_BOT_SCOPES] },
      isEnterpriseInstall: false,
      tokenType: "bot",
      appId: "A0RAPPORT",
    };
    await store.storeInstallation(stale);
    const tenant = await core.database.prisma.tenant.create({ data: { platform: "slack", externalId: STALE_TEAM, name: "StaleCo" } });
    await subscribe(tenant.id, new Date("2026-11-26T00:00:00Z"), "C0STALE");

    slack.reset();
    now = new Date("2026-11-26T08:31:00Z");
    await digestTick(now);
    expect(postsTo("C0STALE")).toHaveLength(1);
    expect(await runDates(tenant.id)).toEqual(["2026-11-26 failed"]);
    expect(await tenantOf(STALE_TEAM)).toMatchObject({ deliveriesPausedAt: now, deliveriesPausedReason: "invalid_auth" });

    slack.reset();
    await digestTick(new Date("2026-11-27T08:31:00Z"));
    expect(postsTo("C0STALE")).toHaveLength(0);
    expect(await runDates(tenant.id)).toEqual(["2026-11-26 failed"]);
  });
});
