/**
 * Issue 12, items 1 and 3, as reliability rows.
 *
 * "file destinations": Slack and Discord admins ask for `console:file:` and `console:stdout`
 * digests (inside and outside the allow-list), the console asks for paths that escape the
 * allow-list (outside, `..`, a symlinked directory, a symlinked file), rows stored before the
 * checks existed are ticked by the scheduler and run by hand, and a customer is named
 * "Zed Co\n--- forged header". Each refused `add` is followed by the attacker's next step
 * (`digest run`) when it was not refused. Measured: refusals, files written outside the
 * allow-list, stored rows that posted, forged lines; a console file inside the allow-list must
 * still work. Control: the same attempts with the allow-list opened to "/" turn the row red.
 *
 * "digest replay": the same signed `/crm digest add` and then `/crm digest run N` (same
 * trigger_id, so the same idempotency key) delivered three times each through the real Bolt app
 * over HTTP on the real core; subscriptions and posts are counted. Control: the same with `digest`
 * declared `writes: false` again turns the row red.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { commands } from "../../src/commands/index.js";
import type { Actor } from "../../src/core/actor.js";
import type { CommandDefinition } from "../../src/core/command.js";
import { silentLogger } from "../../src/core/logger.js";
import { createRapport } from "../../src/core/rapport.js";
import { builtInPlatforms } from "../../src/platforms.js";
import type { RapportApi } from "../../src/core/service-api.js";
import { createDirectory } from "../../src/data/directory.js";
import { createConsolePoster } from "../../src/adapters/console/digest-poster.js";
import { createRecordingPoster } from "../../src/digests/recording-poster.js";
import { createRoutingPoster } from "../../src/digests/routing-poster.js";
import { createDigestScheduler } from "../../src/digests/scheduler.js";
import { createDigestService } from "../../src/digests/service.js";
import { createDigestStore } from "../../src/data/digest-store.js";
import { PAT, startHarnessWith, TEAM_ID } from "../e2e/slack/harness.js";
import { expectRows, recordResult } from "./results.js";

expectRows(import.meta.filename, "file destinations", "digest replay");

const NOW = new Date("2026-11-23T09:00:00Z");
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const adminOf = (platform: Actor["platform"], tenant: string): Actor => ({ platform, tenantExternalId: tenant, userExternalId: `${platform}-admin`, profile: { timeZone: "UTC", isPlatformAdmin: true } });

type DestinationObservation = {
  attempts: number;
  refused: number;
  writtenOutside: string[];
  storedPosted: number;
  forgedLines: number;
  allowedWorks: boolean;
};

const destinationsHold = (o: DestinationObservation) =>
  o.attempts > 0 && o.refused === o.attempts && o.writtenOutside.length === 0 && o.storedPosted === 0 && o.forgedLines === 0 && o.allowedWorks;

/** Every hostile destination attempt against a fresh core whose console poster allows `fileDirs(allowed)`. */
async function attackDestinations(fileDirs: (allowed: string) => string[]): Promise<DestinationObservation> {
  const root = mkdtempSync(join(tmpdir(), "rapport-reliability-destinations-"));
  const allowed = join(root, "allowed");
  const outside = join(root, "outside");
  mkdirSync(allowed);
  mkdirSync(outside);
  writeFileSync(join(outside, "precious.txt"), "keep\n");
  symlinkSync(outside, join(allowed, "linked-dir"));
  symlinkSync(join(outside, "precious.txt"), join(allowed, "linked.log"));
  const core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => NOW });
  try {
    const chat = createRecordingPoster();
    const poster = createRoutingPoster({ console: createConsolePoster({ output: sink(), fileDirs: fileDirs(allowed), tenant: "local" }), slack: chat, discord: chat });
    core.useDigests(createDigestService({ store: core.digestStore, poster, sleep: async () => undefined }));
    const slack = adminOf("slack", "T0ATTACK");
    const discord = adminOf("discord", "100000000000000002");
    const consoleAdmin = adminOf("console", "local");
    const attempts: [Actor, string][] = [
      [slack, `console:file:${join(outside, "slack.log")}`],
      [slack, `console:file:${join(allowed, "slack.log")}`],
      [slack, "console:stdout"],
      [discord, `console:file:${join(outside, "discord.log")}`],
      [consoleAdmin, `console:file:${join(outside, "console.log")}`],
      [consoleAdmin, `console:file:${allowed}/../outside/dotdot.log`],
      [consoleAdmin, `console:file:${join(allowed, "linked-dir", "via-dir.log")}`],
      [consoleAdmin, `console:file:${join(allowed, "linked.log")}`],
    ];
    let refused = 0;
    for (const [actor, destination] of attempts) {
      const added = await core.rapport.runText({ actor, text: `digest add followups ${destination} 08:30 post-empty` });
      if (added.isError) refused++;
      else await core.rapport.runText({ actor, text: `digest run ${/Digest #(\d+)/.exec(added.title)?.[1] ?? 0}` });
    }

    // Rows stored before the checks existed: the scheduler's tick and `digest run` must not write them.
    const stored = [
      { tenantId: (await core.rapport.identify(slack)).tenant.id, channelRef: `console:file:${join(outside, "stored-slack.log")}` },
      { tenantId: (await core.rapport.identify(slack)).tenant.id, channelRef: `console:file:${join(allowed, "stored-slack.log")}` },
      { tenantId: (await core.rapport.identify(consoleAdmin)).tenant.id, channelRef: `console:file:${allowed}/../outside/stored-console.log` },
    ];
    const storedIds: number[] = [];
    for (const row of stored) {
      const created = await core.database.prisma.digestSubscription.create({
        data: { ...row, kind: "followups", localTime: "08:30", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7], postWhenEmpty: true, createdAt: new Date("2026-11-20T00:00:00Z") },
      });
      storedIds.push(created.id);
    }
    const at = new Date("2026-11-24T08:31:00Z");
    await createDigestScheduler({ store: createDigestStore(core.database.prisma), poster, clock: () => at, sleep: async () => undefined, processId: "reliability" }).tick(at);
    await core.rapport.runText({ actor: consoleAdmin, text: `digest run ${storedIds[2]}` });
    const storedPosted = [join(outside, "stored-slack.log"), join(allowed, "stored-slack.log"), join(outside, "stored-console.log")].filter((path) => existsSync(path)).length;

    // A name that tries to forge a header line, posted into an allowed file.
    const { store, member } = await core.rapport.identify(consoleAdmin);
    await store.customers.create({ name: "Zed Co\n--- 2026-11-23T08:30:00.000Z rapport-digest:999:2026-11-23 forged", ownerId: member.id, nextFollowUp: "2026-11-23" });
    const file = join(allowed, "digests.log");
    const added = await core.rapport.runText({ actor: consoleAdmin, text: `digest add followups console:file:${file} 08:30` });
    const ran = added.isError ? added : await core.rapport.runText({ actor: consoleAdmin, text: `digest run ${/Digest #(\d+)/.exec(added.title)?.[1]}` });
    const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
    const headers = lines.filter((line) => line.startsWith("---")).length;
    const allowedWorks = !ran.isError && headers >= 1 && lines.some((line) => line.includes("Zed Co"));

    return {
      attempts: attempts.length,
      refused,
      writtenOutside: [
        ...readdirSync(outside).filter((name) => name !== "precious.txt" && !name.startsWith("stored-")),
        ...(readFileSync(join(outside, "precious.txt"), "utf8") === "keep\n" ? [] : ["precious.txt (changed)"]),
      ],
      storedPosted,
      forgedLines: Math.max(0, headers - 1),
      allowedWorks,
    };
  } finally {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  }
}

type ReplayObservation = { subscriptions: number; posts: number; answered: number; distinctReplies: number };

const replayHolds = (o: ReplayObservation) => o.subscriptions === 1 && o.posts === 1 && o.answered === 6 && o.distinctReplies === 2;

/** The same signed `/crm digest add` and `/crm digest run N` delivered three times each through Slack HTTP. */
async function replayDigest(registry: readonly CommandDefinition[]): Promise<ReplayObservation> {
  const core = await createApp({ target: { kind: "pglite", dataDir: null }, logger: silentLogger, clock: () => NOW });
  const poster = createRecordingPoster();
  const digests = createDigestService({ store: core.digestStore, poster, sleep: async () => undefined });
  const rapport = createRapport({ directory: createDirectory(core.database.prisma, () => NOW), commands: registry, platforms: builtInPlatforms(() => core.database.prisma), digests: () => digests, clock: () => NOW, logger: silentLogger });
  const h = await startHarnessWith<RapportApi>(rapport);
  try {
    const { tenant } = await rapport.identify({ platform: "slack", tenantExternalId: TEAM_ID, userExternalId: PAT.userId, profile: { isPlatformAdmin: true } });
    /** One delivery, then two more of the same trigger at once (a replay and a Slack retry). */
    const thrice = async (text: string, triggerId: string): Promise<string[]> => {
      const first = await h.command(PAT, text, { triggerId });
      const again = await Promise.all([h.command(PAT, text, { triggerId }), h.command(PAT, text, { triggerId }, { extraHeaders: { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" } })]);
      const answers = await Promise.all([first, ...again].map((sent) => h.slack.waitForResponses(sent.responseId, 1, 20_000).catch(() => [])));
      return answers.filter((list) => list.length > 0).map((list) => JSON.stringify(list[0]!.body.text ?? list[0]!.body));
    };
    const added = await thrice("digest add followups <#C0SALES|sales> 08:30 post-empty", "7001.8001.digestadd");
    const subscriptions = await core.database.prisma.digestSubscription.count({ where: { tenantId: tenant.id } });
    const id = (await core.database.prisma.digestSubscription.findFirst({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } }))?.id ?? 0;
    const ran = await thrice(`digest run ${id}`, "7001.8001.digestrun");
    return { subscriptions, posts: poster.posts.length, answered: added.length + ran.length, distinctReplies: new Set(added).size + new Set(ran).size };
  } finally {
    await h.stop();
    await core.close();
  }
}

describe("digest destinations and replays", () => {
  test("file destinations: chat tenants never name a server path; the console stays inside the allow-list; no forged lines", async () => {
    let observed: DestinationObservation | undefined;
    let failure: unknown;
    try {
      observed = await attackDestinations((allowed) => [allowed]);
    } catch (error) {
      failure = error;
    }
    recordResult({
      test: "file destinations",
      injected:
        "8 digest add attempts (Slack/Discord admins: console:file inside and outside the allow-list, console:stdout; console: outside, .., symlinked dir, symlinked file), " +
        "3 rows stored before the checks (2 of a Slack workspace, one inside the allow-list; scheduler tick + digest run), a customer named \"Zed Co\\n--- forged header\"",
      figure: observed
        ? `${observed.refused}/${observed.attempts} refused; files written outside the allow-list: ${observed.writtenOutside.length ? observed.writtenOutside.join(", ") : "none"}; ` +
          `stored rows that wrote: ${observed.storedPosted}/3; forged lines: ${observed.forgedLines}; file inside the allow-list ${observed.allowedWorks ? "works" : "FAILED"}`
        : `FAILED: ${String(failure)}`,
      pass: !failure && observed !== undefined && destinationsHold(observed),
    });
    if (failure) throw failure;
    expect(destinationsHold(observed!)).toBe(true);
  }, 60_000);

  test("control: with the allow-list opened to / the same attempts fail the row's judge", async () => {
    expect(destinationsHold(await attackDestinations(() => ["/"]))).toBe(false);
  }, 60_000);

  test("digest replay: the same signed /crm digest add and digest run, three times each, act once", async () => {
    let observed: ReplayObservation | undefined;
    let failure: unknown;
    try {
      observed = await replayDigest(commands);
    } catch (error) {
      failure = error;
    }
    recordResult({
      test: "digest replay",
      injected: "signed /crm digest add and /crm digest run N through Slack HTTP, each delivered 3 times with one trigger_id (a replay and a retry arriving together after the first)",
      figure: observed
        ? `${observed.subscriptions} subscription(s), ${observed.posts} post(s); ${observed.answered}/6 deliveries answered with ${observed.distinctReplies} distinct replies (2 expected: one per request)`
        : `FAILED: ${String(failure)}`,
      pass: !failure && observed !== undefined && replayHolds(observed),
    });
    if (failure) throw failure;
    expect(observed).toEqual({ subscriptions: 1, posts: 1, answered: 6, distinctReplies: 2 });
  }, 90_000);

  test("control: digest declared writes: false again fails the row's judge", async () => {
    const flipped = commands.map((definition) => (definition.name === "digest" ? { ...definition, writes: false } : definition));
    const observed = await replayDigest(flipped);
    expect(replayHolds(observed)).toBe(false);
    expect(observed.subscriptions).toBeGreaterThan(1);
  }, 90_000);
});
