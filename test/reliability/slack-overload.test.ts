/**
 * Item 12 (issue 12, item 6): open-loop overload through real Slack HTTP on PostgreSQL.
 *
 * The real Bolt App (createSlackApp) on a loopback port, its Web API and response_urls served by
 * the local fake Slack, the real core on a fresh PostgreSQL database with a pool of 4, and the
 * admission limits `rapport start` derives for that pool (4 running, 40 waiting, default member
 * and workspace rates). 32 senders in 4 workspaces send signed `/crm` commands on a fixed schedule
 * and never wait for an answer (nor for each other's acks): reduced 480 requests at ~400/s, full
 * the 264 requests/s for 60 s. 60 % reads, 40 % writes (`log`, each with its own marker).
 *
 * Asserted (none of it depends on the machine's speed):
 * - every request is answered one way or the other: a result (in the ack or through response_url),
 *   or a refusal ("busy", "too fast") in the ack itself; none unanswered once the run drains;
 * - no apology at all, so none for "Unable to start a transaction in the given time";
 * - every write acknowledged as done is in the database, and no refused write is;
 * - the work taken on stays bounded: at no moment were more requests acknowledged-but-unanswered
 *   than admission's running + waiting places (measured from outside: ack and answer times);
 * - memory stays bounded: RSS growth (peak during the run minus the level before it) and the heap
 *   still held after the run and a full collection.
 * On the code before admission every request was acknowledged and queued: the backlog grew to
 * hundreds and nothing was refused, so this fails there.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { admissionLimitsFor, createAdmission } from "../../src/core/admission.js";
import type { Actor } from "../../src/core/actor.js";
import type { RapportApi } from "../../src/core/service-api.js";
import type { FakeSlackUser } from "../fakes/slack/fake-slack-api.js";
import type { Who } from "../fakes/slack/payloads.js";
import { DEFAULT_FAKE_SLACK, recordingLogger, startHarnessWith, type Harness } from "../e2e/slack/harness.js";
import { testTargets } from "../support/test-databases.js";
import { expectRows, FULL, recordResult } from "./results.js";

const FIXED_NOW = new Date("2026-11-23T15:00:00Z");
const POOL_SIZE = 4;
const WORKSPACES = 4;
const MEMBERS_PER_WORKSPACE = 8;
const SENDERS = WORKSPACES * MEMBERS_PER_WORKSPACE;
/** Requests per second, all senders together. */
const RATE = FULL ? 264 : 400;
const REQUESTS_PER_SENDER = FULL ? Math.round((264 * 60) / SENDERS) : 15;
const DRAIN_TIMEOUT_MS = FULL ? 180_000 : 60_000;
/** Generous: the process's own figures under this load are a few tens of MB. */
const RSS_GROWTH_LIMIT_MB = FULL ? 400 : 250;
/** Heap still held after the run and a full collection: the fake Slack's records and the test's own. */
const HEAP_HELD_LIMIT_MB = 100;

const LIMITS = admissionLimitsFor({ poolSize: POOL_SIZE, embedded: false });
const PLACES = LIMITS.maxInFlight + LIMITS.maxWaiting;

type Sent = {
  sender: number;
  line: string;
  marker?: string;
  responseId: string;
  ackedAt: number;
  /** Turned away in the ack (classified at once, so the run keeps no ack bodies). */
  refusal?: Outcome;
};
type Outcome = "result" | "busy" | "member_rate" | "workspace_rate" | "apology" | "user_error" | "unanswered";

const postgres = testTargets.find((target) => target.name === "postgres")!;
setFlagsFromString("--expose-gc");
/** A full collection, for the heap still held after the run (not garbage waiting to be collected). */
const collect = runInNewContext("gc") as () => void;
const retainedHeapMb = () => (collect(), process.memoryUsage().heapUsed / 1024 / 1024);
expectRows(import.meta.filename, "12b. open-loop overload (Slack HTTP, PostgreSQL)");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const teamId = (workspace: number) => `T0OVER${workspace}`;
const userId = (sender: number) => `U0OVER${String(sender).padStart(2, "0")}`;
const who = (sender: number): Who => ({ teamId: teamId(Math.floor(sender / MEMBERS_PER_WORKSPACE)), userId: userId(sender), userName: `over${sender}` });

function refusalOf(ack: string): Outcome | undefined {
  if (!ack) return undefined;
  const text = String((JSON.parse(ack) as { text?: unknown }).text ?? "");
  if (text.startsWith("Rapport is busy")) return "busy";
  if (text.startsWith("You are sending commands faster")) return "member_rate";
  if (text.startsWith("This workspace is sending commands faster")) return "workspace_rate";
  return undefined; // the answer itself, carried by the ack: classified with the others below
}

function answerOutcome(body: Record<string, unknown>): Outcome {
  const text = `${String(body.text ?? "")}\n${JSON.stringify(body.blocks ?? [])}`;
  if (/Sorry, something went wrong/.test(text)) return "apology";
  const first = (body.blocks as { text?: { text?: string } }[] | undefined)?.[0]?.text?.text ?? "";
  return first.startsWith(":x:") ? "user_error" : "result";
}

describe("12. open-loop overload through Slack HTTP (PostgreSQL)", () => {
  let core: App;
  let h: Harness<RapportApi>;
  let drop: () => Promise<void> = async () => undefined;
  const coreLogs = recordingLogger();
  const customers = new Map<number, number>();
  const tenantIds: number[] = [];

  beforeAll(async () => {
    const database = await postgres.create();
    drop = database.drop;
    core = await createApp({ target: database.target, logger: coreLogs, clock: () => FIXED_NOW, poolSize: POOL_SIZE });
    for (let workspace = 0; workspace < WORKSPACES; workspace += 1) {
      const admin: Actor = { platform: "slack", tenantExternalId: teamId(workspace), userExternalId: `U0OVERADM${workspace}`, profile: { isPlatformAdmin: true } };
      tenantIds.push((await core.rapport.identify(admin)).tenant.id);
    }
    // Each sender owns a customer it logs calls with (created by the sender, so a rep may write to it).
    for (let sender = 0; sender < SENDERS; sender += 1) {
      const actor: Actor = { platform: "slack", tenantExternalId: who(sender).teamId, userExternalId: userId(sender), profile: { displayName: `Over ${sender}`, timeZone: "UTC" } };
      const created = await core.rapport.runText({ actor, text: `new "Overload customer ${sender}" city=Boston anyway`, idempotencyKey: `setup:${sender}` });
      expect(created.isError, created.title).toBeFalsy();
      const row = await core.database.prisma.customer.findFirstOrThrow({ where: { name: `Overload customer ${sender}` } });
      customers.set(sender, row.id);
    }
    const users: FakeSlackUser[] = Array.from({ length: SENDERS }, (_, sender) => ({ id: userId(sender), teamId: who(sender).teamId, name: `over${sender}`, tz: "UTC", email: `over${sender}@example.test` }));
    h = await startHarnessWith<RapportApi>(core.rapport, { slack: { ...DEFAULT_FAKE_SLACK, users }, admission: createAdmission(LIMITS) });
  });
  afterAll(async () => {
    await h?.stop();
    await core?.close();
    await drop();
  });

  test(`${SENDERS} senders that do not wait, ${SENDERS * REQUESTS_PER_SENDER} requests at ~${RATE}/s: all answered, nothing lost, work and memory bounded`, async () => {
    const lines = (sender: number, index: number): { line: string; marker?: string } => {
      const own = customers.get(sender)!;
      // Another customer of the same workspace.
      const workspaceStart = sender - (sender % MEMBERS_PER_WORKSPACE);
      const other = customers.get(workspaceStart + ((sender + index) % MEMBERS_PER_WORKSPACE))!;
      switch (index % 5) {
        case 0:
          return { line: "find overload customer" };
        case 1:
          return { line: `show #${other}` };
        case 2:
          return { line: index % 2 ? "followups today all" : "overdue" };
        default: {
          const marker = `ovl-${sender}-${index}`;
          return { line: `log #${own} call ${marker}`, marker };
        }
      }
    };

    const rss = () => process.memoryUsage().rss / 1024 / 1024;
    const baselineHeap = retainedHeapMb();
    const baselineRss = rss();
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rss())), 50);
    const periodMs = (1000 * SENDERS) / RATE;
    const started = performance.now();
    let lastSentAt = started;

    // Open loop: every sender sends on its own schedule, whatever happened to its earlier requests.
    const inFlight: Promise<Sent>[] = [];
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, sender) => {
        await sleep((sender * periodMs) / SENDERS);
        for (let index = 0; index < REQUESTS_PER_SENDER; index += 1) {
          const due = started + (sender * periodMs) / SENDERS + index * periodMs;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait);
          const { line, marker } = lines(sender, index);
          lastSentAt = performance.now();
          inFlight.push(
            h.command(who(sender), line).then((result) => {
              expect(result.status).toBe(200);
              const refusal = refusalOf(result.text);
              return { sender, line, ...(marker ? { marker } : {}), responseId: result.responseId, ackedAt: Date.now(), ...(refusal ? { refusal } : {}) };
            }),
          );
        }
      }),
    );
    const sendSeconds = (lastSentAt - started) / 1000;
    const sent = await Promise.all(inFlight);

    // Drain: wait until every request that was taken on has its answer (or the timeout).
    const accepted = sent.filter((request) => !request.refusal);
    const answered = () => new Set(h.slack.responses.map((response) => response.id));
    const drainDeadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (Date.now() < drainDeadline && accepted.some((request) => !answered().has(request.responseId))) await sleep(100);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, rss());
    const elapsedSeconds = (performance.now() - started) / 1000;

    // Classify every request.
    const firstAnswer = new Map<string, { at: number; body: Record<string, unknown> }>();
    for (const response of h.slack.responses) if (!firstAnswer.has(response.id)) firstAnswer.set(response.id, response);
    const outcomes = new Map<Outcome, number>();
    const count = (outcome: Outcome) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    const acknowledgedWrites = new Set<string>();
    const refusedWrites = new Set<string>();
    for (const request of sent) {
      const refusal = request.refusal;
      if (refusal) {
        count(refusal);
        if (request.marker) refusedWrites.add(request.marker);
        continue;
      }
      const answer = firstAnswer.get(request.responseId);
      if (!answer) {
        count("unanswered");
        continue;
      }
      const outcome = answerOutcome(answer.body);
      count(outcome);
      if (request.marker && outcome === "result") {
        expect(String(answer.body.text)).toBe(`Logged call with Overload customer ${request.sender}`);
        acknowledgedWrites.add(request.marker);
      }
    }

    // The backlog seen from outside: acknowledged (not refused) and not yet answered, at every moment.
    const events = [
      ...accepted.map((request) => ({ at: request.ackedAt, delta: 1, order: 1 })),
      ...accepted.flatMap((request) => {
        const answer = firstAnswer.get(request.responseId);
        return answer ? [{ at: answer.at, delta: -1, order: 0 }] : [];
      }),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    let backlog = 0;
    let peakBacklog = 0;
    for (const event of events) peakBacklog = Math.max(peakBacklog, (backlog += event.delta));

    // Against the database.
    const written = new Set(
      (await core.database.prisma.interaction.findMany({ where: { tenantId: { in: tenantIds }, summary: { startsWith: "ovl-" } }, select: { summary: true } })).map((row) => row.summary),
    );
    const lost = [...acknowledgedWrites].filter((marker) => !written.has(marker));
    const refusedButWritten = [...refusedWrites].filter((marker) => written.has(marker));
    const transactionErrors = coreLogs.entries.filter((entry) => /Unable to start a transaction/.test(JSON.stringify(entry.object, Object.getOwnPropertyNames(entry.object ?? {})) + String((entry.object as { err?: Error }).err?.message ?? ""))).length;
    const errorsLogged = coreLogs.entries.filter((entry) => entry.level === "error").length + h.logs.filter((entry) => entry.level === "error").length;
    const rssGrowth = peakRss - baselineRss;
    // What the process still holds once the run is over, the test's own records included.
    const heapGrowth = retainedHeapMb() - baselineHeap;

    const get = (outcome: Outcome) => outcomes.get(outcome) ?? 0;
    const refused = get("busy") + get("member_rate") + get("workspace_rate");
    const pass =
      get("unanswered") === 0 &&
      get("apology") === 0 &&
      get("user_error") === 0 &&
      transactionErrors === 0 &&
      errorsLogged === 0 &&
      lost.length === 0 &&
      refusedButWritten.length === 0 &&
      peakBacklog <= PLACES &&
      rssGrowth <= RSS_GROWTH_LIMIT_MB &&
      heapGrowth <= HEAP_HELD_LIMIT_MB &&
      refused > 0 &&
      get("result") > 0;
    recordResult({
      test: "12b. open-loop overload (Slack HTTP, PostgreSQL)",
      injected: `${SENDERS} senders in ${WORKSPACES} workspaces that never wait, ${sent.length} /crm at ~${(sent.length / sendSeconds).toFixed(0)}/s (60 % reads, 40 % log); pool ${POOL_SIZE}: ${LIMITS.maxInFlight} running + ${LIMITS.maxWaiting} waiting, member ${LIMITS.member.burst} then ${LIMITS.member.perSecond}/s, workspace ${LIMITS.workspace.burst} then ${LIMITS.workspace.perSecond}/s`,
      figure:
        `${get("result")} results, ${get("busy")} busy, ${get("member_rate") + get("workspace_rate")} rate-limited (${get("member_rate")} member, ${get("workspace_rate")} workspace), ${get("unanswered")} unanswered after ${elapsedSeconds.toFixed(0)} s; ` +
        `${get("apology")} apologies (${transactionErrors} "Unable to start a transaction"); ${acknowledgedWrites.size} acknowledged writes, ${lost.length} lost, ${refusedButWritten.length} refused but written; ` +
        `backlog peak ${peakBacklog} (limit ${PLACES}); RSS +${rssGrowth.toFixed(0)} MB at peak (${peakRss.toFixed(0)} MB), heap held after the run +${heapGrowth.toFixed(0)} MB`,
      pass,
    });

    expect(get("unanswered")).toBe(0);
    expect({ apologies: get("apology"), userErrors: get("user_error"), transactionErrors, errorsLogged }).toEqual({ apologies: 0, userErrors: 0, transactionErrors: 0, errorsLogged: 0 });
    expect({ lost, refusedButWritten }).toEqual({ lost: [], refusedButWritten: [] });
    expect(peakBacklog, "requests acknowledged but not yet answered, at the worst moment").toBeLessThanOrEqual(PLACES);
    expect(rssGrowth).toBeLessThanOrEqual(RSS_GROWTH_LIMIT_MB);
    expect(heapGrowth).toBeLessThanOrEqual(HEAP_HELD_LIMIT_MB);
    expect(refused, "the run overloaded Rapport: some requests were turned away").toBeGreaterThan(0);
    expect(get("result")).toBeGreaterThan(0);
    expect(acknowledgedWrites.size).toBeGreaterThan(0);
    expect(pass).toBe(true);
  }, DRAIN_TIMEOUT_MS + (FULL ? 900_000 : 90_000));
});
