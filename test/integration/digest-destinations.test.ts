/**
 * Issue 12, item 1: digest destinations on the server. A chat tenant (Slack, Discord) never
 * chooses a server path or stdout; the console tenant writes files only inside the operator's
 * allow-list (RAPPORT_DIGEST_FILE_DIRS), with `..` and symlinks resolved; a stored row that
 * predates these checks does not write either; and a newline in a customer name cannot start a
 * line of its own in the file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import type { Reply } from "../../src/core/reply.js";
import { renderText } from "../../src/adapters/console/render-text.js";
import { createConsolePoster } from "../../src/adapters/console/digest-poster.js";
import { createRecordingPoster, type RecordingPoster } from "../../src/digests/recording-poster.js";
import { createRoutingPoster } from "../../src/digests/routing-poster.js";
import { createDigestScheduler } from "../../src/digests/scheduler.js";
import { createDigestService, type DigestService } from "../../src/digests/service.js";
import { createDigestStore } from "../../src/data/digest-store.js";
import { testTargets } from "../support/test-databases.js";
import { createTestApp, type TestApp } from "../support/test-app.js";

const admin = (platform: Actor["platform"], tenant: string): Actor => ({
  platform,
  tenantExternalId: tenant,
  userExternalId: `${platform}-admin`,
  profile: { timeZone: "UTC", isPlatformAdmin: true },
});

const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe.each(testTargets)("digest destinations on $name", (target) => {
  let app: TestApp;
  let root: string;
  let allowed: string;
  let outside: string;
  let chat: RecordingPoster;
  let service: DigestService;
  const consoleAdmin = admin("console", "dest-console");
  const slackAdmin = admin("slack", "T0DEST");
  const discordAdmin = admin("discord", "100000000000000001");

  const subscriptionsOf = async (actor: Actor) => {
    const { tenant } = await app.rapport.identify(actor);
    return app.database.prisma.digestSubscription.findMany({ where: { tenantId: tenant.id } });
  };
  const run = (actor: Actor, text: string) => app.rapport.runText({ actor, text });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "rapport-destinations-"));
    allowed = join(root, "allowed");
    outside = join(root, "outside");
    mkdirSync(allowed);
    mkdirSync(outside);
    writeFileSync(join(outside, "precious.txt"), "keep\n");
    symlinkSync(outside, join(allowed, "linked-dir"));
    symlinkSync(join(outside, "precious.txt"), join(allowed, "linked.log"));
    app = await createTestApp(target);
    chat = createRecordingPoster();
    const poster = createRoutingPoster({ console: createConsolePoster({ output: sink(), fileDirs: [allowed], tenant: consoleAdmin.tenantExternalId }), slack: chat, discord: chat });
    service = createDigestService({ store: app.digestStore, poster, sleep: async () => undefined });
    app.useDigests(service);
  });
  afterAll(async () => {
    await app?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  test.each([
    ["slack", "console:file:/tmp/x"],
    ["slack", "inside the allow-list"],
    ["slack", "console:stdout"],
    ["discord", "console:file:/tmp/x"],
  ])("a %s admin cannot add %s: refused with an example, nothing stored or written", async (platform, channel) => {
    const actor = platform === "slack" ? slackAdmin : discordAdmin;
    const ref = channel === "inside the allow-list" ? `console:file:${join(allowed, `${platform}.log`)}` : channel;
    const typed = await run(actor, `digest add followups ${ref} 08:30`);
    expect(typed.isError).toBe(true);
    expect(typed.title).toContain("is on the Rapport server; only the console may post digests there. Pick a channel of this workspace with #.");
    expect(renderText(typed)).toContain("/crm digest add followups #sales 08:30 Europe/Berlin weekdays");
    // The same through structured arguments (Discord options, a Slack form).
    const structured = await app.rapport.runArgs({ actor, command: "digest", args: { action: "add", kind: "followups", channel: ref, time: "08:30" } });
    expect(structured.isError).toBe(true);
    expect(await subscriptionsOf(actor)).toEqual([]);
    expect(existsSync(join(allowed, `${platform}.log`))).toBe(false);
    expect(existsSync("/tmp/x")).toBe(false);
  });

  test("the service refuses a console destination for a chat tenant even past the parser", async () => {
    const { tenant, member } = await app.rapport.identify(slackAdmin);
    const attempt = service.add({
      tenant,
      createdById: member.id,
      kind: "followups",
      channelRef: `console:file:${join(allowed, "direct.log")}`,
      localTime: "08:30",
      timeZone: "UTC",
      weekdays: [1],
      postWhenEmpty: true,
      confirmExternal: false,
      now: app.clock.now,
    });
    await expect(attempt).rejects.toMatchObject({ code: "wrong_platform" });
    expect(await subscriptionsOf(slackAdmin)).toEqual([]);
  });

  test("the console adds and posts into a file inside the allow-list", async () => {
    const file = join(allowed, "digests.log");
    const added = await run(consoleAdmin, `digest add followups console:file:${file} 08:30 post-empty`);
    expect(added.isError).toBeFalsy();
    const id = Number(/Digest #(\d+)/.exec(added.title)![1]);
    expect((await run(consoleAdmin, `digest run ${id}`)).title).toBe(`Digest #${id} posted`);
    expect(readFileSync(file, "utf8")).toMatch(/^--- \S+ rapport-digest:\d+:manual:\S+ console-\d+-\d+\n/);
  });

  test.each([
    ["a path outside", () => join(outside, "x.log"), "is outside the directories digests may write to"],
    ["a .. escape", () => join(allowed, "..", "outside", "x.log"), "is outside the directories digests may write to"],
    ["a .. escape written raw", () => `${allowed}/../outside/x.log`, "is outside the directories digests may write to"],
    ["a symlinked directory", () => join(allowed, "linked-dir", "x.log"), "is outside the directories digests may write to"],
    ["a symlinked file", () => join(allowed, "linked.log"), "is not a regular file"],
    ["a missing directory", () => join(allowed, "missing", "x.log"), "does not exist"],
    ["the allowed directory itself", () => allowed, "is outside the directories digests may write to"],
  ])("the console cannot add %s", async (_name, path, reason) => {
    const before = (await subscriptionsOf(consoleAdmin)).length;
    const reply = await run(consoleAdmin, `digest add followups console:file:${path()} 08:30`);
    expect(reply.isError).toBe(true);
    expect(reply.title).toContain(reason);
    expect(reply.title).toContain(`Allowed directories: ${allowed}.`);
    expect((await subscriptionsOf(consoleAdmin)).length).toBe(before);
    expect(existsSync(join(outside, "x.log"))).toBe(false);
    expect(readFileSync(join(outside, "precious.txt"), "utf8")).toBe("keep\n");
  });

  test("with no allow-list configured no file is allowed at all", async () => {
    const closed = createConsolePoster({ output: sink() });
    const check = await closed.canPost(`console:file:${join(allowed, "x.log")}`, { tenantExternalId: "local" });
    expect(check).toMatchObject({ ok: false });
    expect(check.reason).toContain("No directory is allowed: the operator lists them in RAPPORT_DIGEST_FILE_DIRS.");
  });

  test("rows stored before the checks existed do not write: neither the scheduler nor digest run", async () => {
    const { tenant: slackTenant } = await app.rapport.identify(slackAdmin);
    const { tenant: consoleTenant } = await app.rapport.identify(consoleAdmin);
    const stored = [
      { tenantId: slackTenant.id, channelRef: `console:file:${join(outside, "stored-slack.log")}` },
      { tenantId: slackTenant.id, channelRef: `console:file:${join(allowed, "stored-slack.log")}` },
      { tenantId: consoleTenant.id, channelRef: `console:file:${allowed}/../outside/stored-console.log` },
    ];
    const ids: number[] = [];
    for (const row of stored) {
      const created = await app.database.prisma.digestSubscription.create({
        data: { ...row, kind: "followups", localTime: "08:30", timeZone: "UTC", weekdays: [1, 2, 3, 4, 5, 6, 7], postWhenEmpty: true, createdAt: new Date("2026-11-20T00:00:00Z") },
      });
      ids.push(created.id);
    }
    const poster = createRoutingPoster({ console: createConsolePoster({ output: sink(), fileDirs: [allowed], tenant: consoleAdmin.tenantExternalId }), slack: chat });
    const at = new Date("2026-11-24T08:31:00Z");
    await createDigestScheduler({ store: createDigestStore(app.database.prisma), poster, clock: () => at, sleep: async () => undefined, processId: "destinations" }).tick(at);
    expect(await run(consoleAdmin, `digest run ${ids[2]}`)).toMatchObject({ isError: true });
    expect(existsSync(join(outside, "stored-slack.log"))).toBe(false);
    expect(existsSync(join(allowed, "stored-slack.log"))).toBe(false);
    expect(existsSync(join(outside, "stored-console.log"))).toBe(false);
    const runs = await app.database.prisma.digestRun.findMany({ where: { subscriptionId: { in: ids } } });
    expect(runs.map((row) => row.state)).not.toContain("posted");
  });

  test("a newline in a customer name does not start a line of its own in the file", async () => {
    const file = join(allowed, "forged.log");
    const forged = "--- 2026-11-23T08:30:00.000Z rapport-digest:999:2026-11-23 console-0-0";
    const { store, member } = await app.rapport.identify(consoleAdmin);
    await store.customers.create({ name: `Zed Co\n${forged}\r\nAnother line`, ownerId: member.id, nextFollowUp: "2026-11-23" });
    const added = await run(consoleAdmin, `digest add followups console:file:${file} 08:30`);
    const id = Number(/Digest #(\d+)/.exec(added.title)![1]);
    expect((await run(consoleAdmin, `digest run ${id}`)).isError).toBeFalsy();
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines.filter((line) => line.startsWith("---"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("Zed Co"))).toEqual([expect.stringContaining(`Zed Co ${forged}  Another line`)]);
    expect(lines.some((line) => line.startsWith("Another line"))).toBe(false);
  });
});

describe("the console poster flattens control characters in every value", () => {
  test("names, fields and list items stay on their line", async () => {
    const root = mkdtempSync(join(tmpdir(), "rapport-flatten-"));
    try {
      const poster = createConsolePoster({ output: sink(), fileDirs: [root], now: () => new Date("2026-11-23T08:30:00Z") });
      const reply: Reply = {
        title: "Title\nforged title line",
        visibility: "ephemeral",
        blocks: [
          { type: "fields", fields: [{ label: "Customer", value: "Zed Co\u2028forged field line" }] },
          { type: "list", items: [{ title: "Item\rforged", detail: "detail\u0085forged" }] },
        ],
      };
      await poster.post(`console:file:${join(root, "flat.log")}`, reply, { idempotencyMarker: "m1", tenantExternalId: "local" });
      const text = readFileSync(join(root, "flat.log"), "utf8");
      expect(text.split("\n").filter((line) => /^\s*forged/.test(line))).toEqual([]);
      expect(text).toContain("Zed Co forged field line");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
