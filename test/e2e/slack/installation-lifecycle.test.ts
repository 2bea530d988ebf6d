/**
 * A workspace taking Rapport's access away, on the real Bolt app, the real installation store
 * (PGlite) and the fake Slack: `app_uninstalled` deletes the installation, `tokens_revoked`
 * disables it (tokens deleted), and a digest post Slack refuses with invalid_auth disables it and
 * is logged once. Afterwards nothing calls Slack with the dead token and the workspace's digests
 * fail at once.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Installation } from "@slack/oauth";
import { createApp, type App } from "../../../src/app.js";
import { silentLogger } from "../../../src/core/logger.js";
import type { Reply } from "../../../src/core/reply.js";
import { createSlackApp, type SlackApp } from "../../../src/adapters/slack/app.js";
import { SLACK_BOT_SCOPES } from "../../../src/adapters/slack/config.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createSlackInstallationStore, guardDeadTokens, type SlackInstallationStore } from "../../../src/adapters/slack/installation-store.js";
import { createInstallationRecords } from "../../../src/data/slack-installation-store.js";
import { PostError } from "../../../src/digests/poster.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { eventCallback, slashCommand, type Who } from "../../fakes/slack/payloads.js";
import { sendSigned, signEvent, signSlashCommand } from "../../fakes/slack/sign-request.js";
import { oauthSlackConfig, recordingLogger, SIGNING_SECRET, type LogEntry } from "./harness.js";

const SECRET_KEY = "rapport-secret-key-for-lifecycle-tests-0123";
const TEAMS = { uninstalled: "T0GONE", revoked: "T0REVOKED", invalid: "T0INVALID", users: "T0USERS" } as const;
const tokenOf = (teamId: string) => `xoxb-${teamId.toLowerCase()}-bot-token`;
const who = (teamId: string): Who => ({ teamId, userId: "U0MEMBER", userName: "mia" });

function installation(teamId: string): Installation {
  return {
    team: { id: teamId, name: teamId },
    enterprise: undefined,
    user: { id: "U0INSTALLER", token: `xoxp-${teamId.toLowerCase()}-user-token`, scopes: ["identify"] },
    bot: { id: "B0RAPPORT", userId: "U0BOT", token: tokenOf(teamId), scopes: [...SLACK_BOT_SCOPES] },
    isEnterpriseInstall: false,
    tokenType: "bot",
    appId: "A0RAPPORT",
  };
}

const digest: Reply = { title: "Overdue payments", blocks: [], visibility: "channel" } as unknown as Reply;

describe("Slack installation lifecycle", () => {
  let core: App;
  let slack: FakeSlackApi;
  let app: SlackApp;
  let store: SlackInstallationStore;
  let base: string;
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    // The invalid workspace's token is not among those the fake accepts: Slack answers invalid_auth.
    slack = await startFakeSlackApi({ tokens: [tokenOf(TEAMS.uninstalled), tokenOf(TEAMS.revoked), tokenOf(TEAMS.users)], channels: [{ id: "C0DIGEST", name: "sales" }] });
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger });
    store = createSlackInstallationStore(createInstallationRecords({ prisma: core.database.prisma, secretKey: SECRET_KEY }));
    for (const teamId of Object.values(TEAMS)) await store.storeInstallation(installation(teamId));
    app = createSlackApp({
      api: core.rapport,
      logger: recordingLogger(logs),
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

  const sendEvent = (teamId: string, event: Record<string, unknown>) => sendSigned(`${base}/slack/events`, signEvent(eventCallback(who(teamId), event), { signingSecret: SIGNING_SECRET }));
  const rowsOf = (teamId: string) => core.database.prisma.slackInstallation.count({ where: { teamId } });
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 100 && !(await check()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await check()).toBe(true);
  }
  const guardedPoster = (logger = recordingLogger(logs)) =>
    guardDeadTokens(createSlackDigestPoster({ botToken: (target) => store.botTokenFor(target), apiUrl: slack.apiUrl, logger }), { installations: store, logger });

  test("app_uninstalled deletes the workspace's installation; its digests fail without calling Slack", async () => {
    expect((await sendEvent(TEAMS.uninstalled, { type: "app_uninstalled", event_ts: `${Date.now() / 1000}` })).status).toBe(200);
    await eventually(async () => (await rowsOf(TEAMS.uninstalled)) === 0);
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: TEAMS.uninstalled })).toBeUndefined();

    slack.reset();
    const posting = guardedPoster().post("slack:C0DIGEST", digest, { idempotencyMarker: "m-1", tenantExternalId: TEAMS.uninstalled });
    await expect(posting).rejects.toMatchObject({ code: "not_installed", retryable: false });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  test("tokens_revoked for the bot disables the installation: tokens deleted, the row kept, commands no longer answered", async () => {
    expect((await sendEvent(TEAMS.revoked, { type: "tokens_revoked", tokens: { bot: ["U0BOT"] }, event_ts: `${Date.now() / 1000}` })).status).toBe(200);
    await eventually(async () => (await store.disabledReason({ teamId: TEAMS.revoked, enterpriseId: undefined, isEnterpriseInstall: false })) === "tokens_revoked");
    expect(await rowsOf(TEAMS.revoked)).toBe(1);
    await expect(store.fetchInstallation({ teamId: TEAMS.revoked, enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(
      "Rapport's Slack installation in team:T0REVOKED was disabled (tokens_revoked): its tokens were deleted. Install it again through /slack/install.",
    );
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: TEAMS.revoked })).toBeUndefined();

    slack.reset();
    await slack.sendSlashCommand(`${base}/slack/events`, signSlashCommand(slashCommand(who(TEAMS.revoked), { text: "help", responseUrl: slack.responseUrl("revoked") }), { signingSecret: SIGNING_SECRET }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.responsesTo("revoked")).toHaveLength(0);

    // Installing again replaces the disabled row.
    await store.storeInstallation(installation(TEAMS.revoked));
    expect(await store.botTokenFor({ channelRef: "slack:C0DIGEST", tenantExternalId: TEAMS.revoked })).toBe(tokenOf(TEAMS.revoked));
  });

  test("tokens_revoked for the installer's user token forgets that token and keeps the bot's", async () => {
    expect((await sendEvent(TEAMS.users, { type: "tokens_revoked", tokens: { oauth: ["U0INSTALLER"] }, event_ts: `${Date.now() / 1000}` })).status).toBe(200);
    await eventually(async () => (await store.fetchInstallation({ teamId: TEAMS.users, enterpriseId: undefined, isEnterpriseInstall: false })).user.token === undefined);
    const kept = await store.fetchInstallation({ teamId: TEAMS.users, enterpriseId: undefined, isEnterpriseInstall: false });
    expect(kept.bot?.token).toBe(tokenOf(TEAMS.users));
    expect(kept.user.id).toBe("U0INSTALLER");
  });

  test("invalid_auth on a digest post disables the installation and is logged once; later posts do not reach Slack", async () => {
    const entries: LogEntry[] = [];
    const poster = guardedPoster(recordingLogger(entries));
    slack.reset();
    const first = poster.post("slack:C0DIGEST", digest, { idempotencyMarker: "m-2", tenantExternalId: TEAMS.invalid });
    await expect(first).rejects.toBeInstanceOf(PostError);
    await expect(first).rejects.toMatchObject({ code: "invalid_auth", retryable: false });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(await store.disabledReason({ teamId: TEAMS.invalid, enterpriseId: undefined, isEnterpriseInstall: false })).toBe("invalid_auth");

    await expect(poster.post("slack:C0DIGEST", digest, { idempotencyMarker: "m-3", tenantExternalId: TEAMS.invalid })).rejects.toMatchObject({ code: "invalid_auth" });
    await expect(poster.findPosted("slack:C0DIGEST", "m-3", { tenantExternalId: TEAMS.invalid })).rejects.toMatchObject({ code: "invalid_auth" });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    const errors = entries.filter((entry) => entry.level === "error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.object).toMatchObject({ teamId: TEAMS.invalid, slackError: "invalid_auth", installationDisabled: true });
    expect(JSON.stringify(entries)).not.toContain(tokenOf(TEAMS.invalid));
  });

  test("with a single bot token (no stored installations) invalid_auth is logged once and later posts stop at once", async () => {
    const entries: LogEntry[] = [];
    const logger = recordingLogger(entries);
    const poster = guardDeadTokens(createSlackDigestPoster({ botToken: "xoxb-revoked-single-token", apiUrl: slack.apiUrl, logger }), { logger });
    slack.reset();
    for (const marker of ["s-1", "s-2", "s-3"]) {
      await expect(poster.post("slack:C0DIGEST", digest, { idempotencyMarker: marker, tenantExternalId: "T0SINGLE" })).rejects.toMatchObject({ code: "invalid_auth", retryable: false });
    }
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(entries.filter((entry) => entry.level === "error")).toHaveLength(1);
    expect((await poster.canPost("slack:C0DIGEST", { tenantExternalId: "T0SINGLE" })).ok).toBe(false);
  });
});
