/**
 * Item 2: replays and Slack retries write once. The real Bolt App over HTTP on the REAL core
 * (in-memory PGlite, demo data), counting rows in the database:
 * - a signed `/crm log ...` replayed byte for byte, and re-sent with X-Slack-Retry-Num 1-3 (same
 *   trigger_id), on a fast core and while the first delivery is still running on a slow core;
 * - a "Log to CRM" view_submission retried with X-Slack-Retry-Num 1-3, on a fast core, while the
 *   first is still running (slow core), after it finished, and after a restart of the app (the
 *   in-memory in-flight map is gone: only the database idempotency key is left);
 * - an app_home_opened event retried 1-3 times while the first is still running: published once.
 *
 * Mutation check: with the database idempotency key taken away (a core wrapper that makes every
 * key unique), the same /crm log delivered to the app and again after a restart writes twice and
 * the row's rule (one row per scenario) fails.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { silentLogger } from "../../src/core/logger.js";
import type { RapportApi } from "../../src/core/service-api.js";
import { loadDemoData } from "../../src/data/seed/demo.js";
import { appHomeOpened, eventCallback, messageShortcut, slashCommand, viewSubmission } from "../fakes/slack/payloads.js";
import { signSlashCommand, type SignedRequest } from "../fakes/slack/sign-request.js";
import { PAT, SIGNING_SECRET, startHarnessWith, TEAM_ID, type Harness } from "../e2e/slack/harness.js";
import { recordResult } from "./results.js";

const FIXED_NOW = new Date("2026-11-23T09:00:00Z");
const SLOW_MS = 2_500; // longer than the 1.5 s ack budget for modal submissions
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retry = (n: number) => ({ "X-Slack-Retry-Num": String(n), "X-Slack-Retry-Reason": "http_timeout" });

type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: { block_id: string; element: Record<string, unknown> }[] };

function slowed(real: RapportApi, ms: number): RapportApi {
  return {
    commands: real.commands,
    runText: async (input) => (await sleep(ms), real.runText(input)),
    runArgs: async (input) => (await sleep(ms), real.runArgs(input)),
    undo: async (input) => (await sleep(ms), real.undo(input)),
    pick: async (input) => (await sleep(ms), real.pick(input)),
  };
}

type ScenarioRow = { scenario: string; deliveries: number; written: number };

/** Every scenario ran and wrote (or published) exactly once. */
function replayVerdict(rows: ScenarioRow[], scenarios: number): boolean {
  return rows.length === scenarios && rows.every((row) => row.written === 1);
}

describe("2. Slack replays and retries write once (real core, PGlite)", () => {
  let core: App;
  let fast: Harness<RapportApi>;
  let slow: Harness<RapportApi>;
  const rows: ScenarioRow[] = [];

  const written = (summary: string) => core.database.prisma.interaction.count({ where: { summary, undone: false } });

  beforeAll(async () => {
    core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
    const { tenant } = await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    await loadDemoData(core.database.prisma, tenant.id, "2026-11-23");
    fast = await startHarnessWith<RapportApi>(core.rapport);
    slow = await startHarnessWith<RapportApi>(slowed(core.rapport, SLOW_MS));
  });
  afterAll(async () => {
    await fast?.stop();
    await slow?.stop();
    await core?.close();
    const total = rows.reduce((sum, row) => sum + row.deliveries, 0);
    recordResult({
      test: "2. Slack replays and retries",
      injected: `${total} deliveries in ${rows.length} scenarios: byte-for-byte replay, X-Slack-Retry-Num 1-3 (also mid-run on a +${SLOW_MS / 1000} s core), app restart`,
      figure: rows.map((row) => `${row.scenario}: ${row.written}`).join("; ") + " row(s) written",
      pass: replayVerdict(rows, 5),
    });
  });

  function signedCommand(h: Harness<RapportApi>, text: string, triggerId: string, responseId: string, extraHeaders: Record<string, string> = {}): SignedRequest {
    return signSlashCommand(slashCommand(PAT, { text, triggerId, responseUrl: h.slack.responseUrl(responseId) }), { signingSecret: SIGNING_SECRET, extraHeaders });
  }

  test("a /crm log replayed and retried (1-3) writes once", async () => {
    const summary = "Replay check on a fast core";
    const text = `log initech call ${summary}`;
    const triggerId = "7001.8001.replayfast";
    const original = signedCommand(fast, text, triggerId, "replay-fast");
    const first = await fast.slack.sendSlashCommand(fast.url, original);
    // The same bytes again (a captured request replayed), and Slack-style retries, all at once.
    const again = await Promise.all([
      fast.slack.sendSlashCommand(fast.url, original),
      fast.slack.sendSlashCommand(fast.url, original),
      ...[1, 2, 3].map((n) => fast.slack.sendSlashCommand(fast.url, signedCommand(fast, text, triggerId, "replay-fast", retry(n)))),
    ]);
    for (const res of [first, ...again]) expect(res.status).toBe(200);
    const answers = await fast.slack.waitForResponses("replay-fast", 6, 20_000);
    for (const answer of answers) expect(answer.body.text).toBe("Logged call with Initech LLC");
    const count = await written(summary);
    rows.push({ scenario: "slash command", deliveries: 6, written: count });
    expect(count).toBe(1);
  });

  test("a /crm log retried while the first delivery is still running (slow core) writes once", async () => {
    const summary = "Replay check while the first still runs";
    const text = `log globex email ${summary}`;
    const triggerId = "7001.8001.replayslow";
    const firstRun = slow.slack.sendSlashCommand(slow.url, signedCommand(slow, text, triggerId, "replay-slow"));
    await sleep(SLOW_MS / 3); // the first is acknowledged and waiting on the core
    const retries = [1, 2, 3].map((n) => slow.slack.sendSlashCommand(slow.url, signedCommand(slow, text, triggerId, "replay-slow", retry(n))));
    for (const res of await Promise.all([firstRun, ...retries])) expect(res.status).toBe(200);
    const answers = await slow.slack.waitForResponses("replay-slow", 4, 30_000);
    for (const answer of answers) expect(answer.body.text).toBe("Logged email with Globex Corporation");
    const count = await written(summary);
    rows.push({ scenario: "slash command mid-run", deliveries: 4, written: count });
    expect(count).toBe(1);
  });

  async function openLogToCrm(h: Harness<RapportApi>, text: string): Promise<View> {
    h.slack.reset();
    const res = await h.interact(messageShortcut(PAT, { callbackId: "log_to_crm", text, channelId: "C0SALES", messageTs: "1763888400.000300", responseUrl: h.slack.responseUrl("shortcut") }));
    expect(res.status).toBe(200);
    const [update] = await h.slack.waitForCalls("views.update");
    return { ...(update!.args.view as View), id: String(update!.args.view_id), hash: "h-retry-1" };
  }

  function submissionOf(view: View, summary: string): Record<string, unknown> {
    return viewSubmission(PAT, view as unknown as Record<string, unknown>, {
      "opt:customer": { "pick:customer": { type: "external_select", selected_option: { value: "#9" } } },
      "opt:channel": { value: { type: "static_select", selected_option: { value: "chat" } } },
      "opt:summary": { value: { type: "plain_text_input", value: summary } },
      "opt:link": { value: { type: "plain_text_input", value: null } },
    });
  }

  test('a "Log to CRM" submission retried (1-3) writes once', async () => {
    const summary = "Log to CRM retried on a fast core";
    const submission = submissionOf(await openLogToCrm(fast, summary), summary);
    const results = await Promise.all([fast.interact(submission), ...[1, 2, 3].map((n) => fast.interact(submission, { extraHeaders: retry(n) }))]);
    for (const res of results) expect(res.status).toBe(200);
    await fast.slack.waitForCalls("chat.postEphemeral");
    await sleep(300);
    expect(fast.slack.callsOf("chat.postEphemeral")).toHaveLength(1);
    const count = await written(summary);
    rows.push({ scenario: "view_submission", deliveries: 4, written: count });
    expect(count).toBe(1);
  });

  test('a "Log to CRM" submission retried while the first is still running, after it finished, and after a restart writes once', async () => {
    const summary = "Log to CRM retried while the first still runs";
    const submission = submissionOf(await openLogToCrm(slow, summary), summary);
    const firstRun = slow.interact(submission);
    await sleep(400);
    const retries = [1, 2, 3].map((n) => slow.interact(submission, { extraHeaders: retry(n) }));
    const results = await Promise.all([firstRun, ...retries]);
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.elapsedMs).toBeLessThan(3_000); // the ack budget closes the modal in time
    }
    await slow.slack.waitForCalls("chat.postEphemeral", 1, () => true, 30_000);
    // A late retry after the first finished (the in-flight entry still remembers it).
    expect((await slow.interact(submission, { extraHeaders: retry(3) })).status).toBe(200);
    await sleep(SLOW_MS + 500);
    expect(slow.slack.callsOf("chat.postEphemeral")).toHaveLength(1);

    // After a restart nothing in memory remembers the submission: the database key must.
    const restarted = await startHarnessWith<RapportApi>(core.rapport);
    try {
      const res = await restarted.interact(submission, { extraHeaders: retry(3) });
      expect(res.status).toBe(200);
      const [confirmation] = await restarted.slack.waitForCalls("chat.postEphemeral");
      expect(confirmation!.args.text).toBe("Logged chat with Initech LLC"); // the first reply, replayed
    } finally {
      await restarted.stop();
    }
    const count = await written(summary);
    rows.push({ scenario: "view_submission mid-run + late + restart", deliveries: 6, written: count });
    expect(count).toBe(1);
  });

  test("an event retried (1-3) while the first is still running is handled once", async () => {
    slow.slack.reset();
    const envelope = eventCallback(PAT, appHomeOpened(PAT), "Ev0RETRYMIDRUN");
    const firstRun = slow.event(envelope);
    await sleep(300);
    const retries = [1, 2, 3].map((n) => slow.event(envelope, { extraHeaders: retry(n) }));
    for (const res of await Promise.all([firstRun, ...retries])) expect(res.status).toBe(200);
    await slow.slack.waitForCalls("views.publish", 1, () => true, 30_000);
    await sleep(1_000); // retries that got through would publish about when the first did
    const published = slow.slack.callsOf("views.publish").length;
    rows.push({ scenario: "event (views.publish)", deliveries: 4, written: published });
    expect(published).toBe(1);
  });
});

describe("2. Slack replays, mutation check", () => {
  test("GIVEN a core whose idempotency keys never repeat THEN a delivery repeated after a restart writes twice and the row is FAIL", async () => {
    const core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => FIXED_NOW });
    const { tenant } = await core.rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    await loadDemoData(core.database.prisma, tenant.id, "2026-11-23");
    let calls = 0;
    const unique = <T extends { idempotencyKey?: string }>(input: T): T => ({ ...input, ...(input.idempotencyKey ? { idempotencyKey: `${input.idempotencyKey}:${++calls}` } : {}) });
    const real = core.rapport;
    const forgetful: RapportApi = {
      commands: real.commands,
      runText: (input) => real.runText(unique(input)),
      runArgs: (input) => real.runArgs(unique(input)),
      undo: (input) => real.undo(unique(input)),
      pick: (input) => real.pick(input),
    };
    const summary = "Replay check without idempotency keys";
    const deliver = async () => {
      const h = await startHarnessWith<RapportApi>(forgetful);
      try {
        const request = signSlashCommand(slashCommand(PAT, { text: `log initech call ${summary}`, triggerId: "7001.8001.mutation", responseUrl: h.slack.responseUrl("mutation") }), { signingSecret: SIGNING_SECRET, extraHeaders: retry(1) });
        expect((await h.slack.sendSlashCommand(h.url, request)).status).toBe(200);
        await h.slack.waitForResponses("mutation", 1, 20_000);
      } finally {
        await h.stop();
      }
    };
    try {
      await deliver();
      await deliver(); // the app restarted: only the database could have remembered the first
      const written = await core.database.prisma.interaction.count({ where: { summary, undone: false } });
      expect(written).toBe(2);
      expect(replayVerdict([{ scenario: "slash command after a restart", deliveries: 2, written }], 1)).toBe(false);
    } finally {
      await core.close();
    }
  }, 120_000);
});
