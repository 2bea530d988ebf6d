/**
 * People known before first use on Slack, end to end: the real Bolt app pages through the fake's
 * users.list (cursor, include_locale) into the real core (PGlite, demo data), team_join and
 * user_change events update one person, a colleague who never typed is assignable, and a
 * deactivated one is not.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { eventCallback } from "../../fakes/slack/payloads.js";
import type { FakeSlackUser } from "../../fakes/slack/fake-slack-api.js";
import { silentLogger } from "../../../src/core/logger.js";
import { createSlackDigestPoster } from "../../../src/adapters/slack/digest-poster.js";
import { createAlertDeliveryStore } from "../../../src/data/alert-store.js";
import { createAlertScheduler } from "../../../src/digests/alerts.js";
import { createRoutingPoster } from "../../../src/digests/routing-poster.js";
import { FIXED_NOW, startDemoCore } from "./demo-core.js";
import { allText, BOT_TOKEN, DEFAULT_FAKE_SLACK, PAT, TEAM_ID, startHarnessWith, type Harness } from "./harness.js";

const MIA: FakeSlackUser = { id: "U0MIA", teamId: TEAM_ID, name: "mia", realName: "Mia Park", displayName: "Mia", email: "mia@acme.example", tz: "Asia/Seoul", locale: "ko-KR" };
const LEO: FakeSlackUser = { id: "U0LEO", teamId: TEAM_ID, name: "leo", realName: "Leo Gone", email: "leo@acme.example", tz: "UTC", deleted: true };
const OWEN: FakeSlackUser = { id: "U0OWEN", teamId: TEAM_ID, name: "owen", realName: "Owen Owner", tz: "UTC", isOwner: true };
const BOT: FakeSlackUser = { id: "U0BOT", teamId: TEAM_ID, name: "deploybot", isBot: true };
// Enough people for users.list to answer in two pages of 200.
const CROWD: FakeSlackUser[] = Array.from({ length: 210 }, (_, index) => ({ id: `U0C${String(index).padStart(4, "0")}`, teamId: TEAM_ID, name: `crowd${index}`, realName: `Crowd Person ${index}`, tz: "UTC" }));

describe("people sync on Slack (real core, fake Slack)", () => {
  let core: App;
  let tenantId: number;
  let h: Harness<RapportApi>;

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());
    h = await startHarnessWith<RapportApi>(core.rapport, { slack: { ...DEFAULT_FAKE_SLACK, users: [...DEFAULT_FAKE_SLACK.users!, MIA, LEO, OWEN, BOT, ...CROWD] } });
    // The app syncs at start; this joins that run (or runs again) and resolves once it is written.
    await h.app.syncPeople();
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
  });

  const member = (externalId: string) => core.database.prisma.member.findUnique({ where: { tenantId_externalId: { tenantId, externalId } } });

  async function run(text: string): Promise<Record<string, unknown>> {
    const sent = await h.command(PAT, text);
    expect(sent.status).toBe(200);
    const [response] = await h.slack.waitForResponses(sent.responseId);
    return response!.body;
  }

  test("users.list is paged with its cursor and include_locale, skipping bots and Slackbot", async () => {
    const calls = h.slack.callsOf("users.list");
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.every((call) => String(call.args.include_locale) === "true")).toBe(true);
    expect(calls.some((call) => typeof call.args.cursor === "string" && call.args.cursor !== "")).toBe(true);
    const mia = await member(MIA.id);
    expect({ name: mia?.displayName, email: mia?.email, zone: mia?.timeZone, role: mia?.role, active: mia?.active }).toEqual({
      name: "Mia",
      email: "mia@acme.example",
      zone: "Asia/Seoul",
      role: "rep",
      active: true,
    });
    expect(mia?.syncedAt).not.toBeNull();
    expect(await member(CROWD[209]!.id)).not.toBeNull();
    expect(await member(BOT.id)).toBeNull();
    expect(await member("USLACKBOT")).toBeNull();
    // Owen owns the Slack workspace, but the sync makes nobody more than a rep (admins come from
    // the platform's rules when they act); Pat, already admin, is not demoted.
    expect((await member(OWEN.id))?.role).toBe("rep");
    expect((await member(PAT.userId))?.role).toBe("admin");
  });

  test("a colleague who never typed is assignable; Slack's admin still becomes admin on first use", async () => {
    const body = await run("assign globex @mia");
    expect(String(body.text)).toContain("Globex Corporation now belongs to Mia");
    const globex = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Globex Corporation" } });
    expect(globex.ownerId).toBe((await member(MIA.id))!.id);
    const owen = await h.command({ teamId: TEAM_ID, userId: OWEN.id, userName: "owen" }, "help");
    expect(owen.status).toBe(200);
    await h.slack.waitForResponses(owen.responseId);
    expect((await member(OWEN.id))?.role).toBe("admin");
  });

  test("a colleague who never typed hears of the assignment in their Slack language (users.list locale)", async () => {
    expect((await member(MIA.id))?.platformLocale).toBe("ko");
    const poster = createRoutingPoster({ slack: createSlackDigestPoster({ botToken: BOT_TOKEN, apiUrl: h.slack.apiUrl, logger: silentLogger }) });
    const scheduler = createAlertScheduler({ store: createAlertDeliveryStore(core.database.prisma), poster, weekdays: [] });
    await scheduler.tick(new Date(FIXED_NOW.getTime() + 60_000));
    const toMia = h.slack.callsOf("chat.postMessage").filter((call) => call.args.channel === MIA.id);
    expect(toMia).toHaveLength(1);
    expect(allText(toMia[0]!.args)).toContain("새 담당 거래처: Globex Corporation");
  });

  test("a deactivated Slack account is known but inactive, and cannot be given customers", async () => {
    const leo = await member(LEO.id);
    expect(leo?.active).toBe(false);
    const body = await run("assign acme @leo");
    expect(JSON.stringify(body)).toContain("Leo Gone is inactive here");
    const acme = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Acme Corp" } });
    expect(acme.ownerId).not.toBe(leo!.id);
  });

  test("team_join brings a new colleague in at once", async () => {
    const newcomer: FakeSlackUser = { id: "U0NEW", teamId: TEAM_ID, name: "nora", realName: "Nora Lin", email: "nora@acme.example", tz: "Asia/Taipei" };
    const sent = await h.event(eventCallback(PAT, { type: "team_join", user: h.slack.userObject(newcomer), event_ts: "1700000000.000100" }));
    expect(sent.status).toBe(200);
    await expect.poll(async () => (await member("U0NEW"))?.displayName, { interval: 50, timeout: 10_000 }).toBe("Nora Lin");
    expect((await member("U0NEW"))?.timeZone).toBe("Asia/Taipei");
  });

  test("user_change deactivating an account makes it inactive; its customers stay its own", async () => {
    const globexBefore = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Globex Corporation" } });
    const sent = await h.event(eventCallback(PAT, { type: "user_change", user: h.slack.userObject({ ...MIA, deleted: true }), event_ts: "1700000000.000200" }));
    expect(sent.status).toBe(200);
    await expect.poll(async () => (await member(MIA.id))?.active, { interval: 50, timeout: 10_000 }).toBe(false);
    const globex = await core.database.prisma.customer.findFirstOrThrow({ where: { tenantId, name: "Globex Corporation" } });
    expect(globex.ownerId).toBe(globexBefore.ownerId);
    const refused = await run("task add acme 2026-12-01 Call back @mia");
    expect(JSON.stringify(refused)).toContain("Mia is inactive here");
    // Reactivated in Slack: active again.
    await h.event(eventCallback(PAT, { type: "user_change", user: h.slack.userObject(MIA), event_ts: "1700000000.000300" }));
    await expect.poll(async () => (await member(MIA.id))?.active, { interval: 50, timeout: 10_000 }).toBe(true);
  });

  test("/crm sync runs users.list on demand for admins", async () => {
    const before = h.slack.callsOf("users.list").length;
    const body = await run("sync");
    expect(String(body.text)).toContain("People synced");
    expect(h.slack.callsOf("users.list").length).toBeGreaterThan(before);
  });
});
