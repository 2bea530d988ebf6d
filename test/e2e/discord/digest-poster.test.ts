/** The Discord DigestPoster against the fake Discord: checks, posting, finding, and failures mapped to PostError. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer } from "node:net";
import { createDiscordDigestPoster } from "../../../src/adapters/discord/index.js";
import { markerNonce } from "../../../src/adapters/discord/digest-poster.js";
import { reply } from "../../../src/core/reply.js";
import { mention } from "../../../src/digests/mention.js";
import { PostError, type DigestPoster } from "../../../src/digests/poster.js";
import { postWithRetries } from "../../../src/digests/scheduler.js";
import { PERMISSION_BITS, startFakeDiscord, type FakeDiscord } from "../../fakes/discord/fake-discord.js";

let fake: FakeDiscord;
let poster: DigestPoster;
let ref: string;
beforeAll(async () => {
  fake = await startFakeDiscord();
  poster = createDiscordDigestPoster({ config: { token: fake.token, apiUrl: fake.apiUrl } });
  ref = `discord:${fake.guild.channelId}`;
});
afterAll(async () => {
  await fake?.close();
});

const OWNER = { externalId: "500000000000000001", displayName: "Ana *Rep*" };
const digest = (title = "Follow-ups due today") =>
  reply.of(
    title,
    [
      { type: "list", title: "Due today", items: [{ title: "Acme Corp", detail: `${mention(OWNER)} · call back about the quote` }] },
      { type: "text", text: `Console-only member: ${mention({ externalId: "alice", displayName: "Alice" })}; CRM text: @everyone <@&1>` },
    ],
    { visibility: "channel" },
  );
const posts = (channelId = fake.guild.channelId) => fake.calls.filter((c) => c.method === "POST" && c.path === `/channels/${channelId}/messages`);
let markerSeq = 0;
const freshMarker = () => `rapport-digest:${++markerSeq}:2026-11-23`;

describe("canPost", () => {
  test("should accept a text channel of the tenant's guild where the bot can post", async () => {
    expect(await poster.canPost(ref, { tenantExternalId: fake.guild.id })).toEqual({ ok: true, external: false, channelName: "#general" });
  });

  test.each([
    ["a malformed ref", "discord:general", /looks like "discord:<channel id>"/],
    ["an unknown channel", "discord:399999999999999999", /no such channel/],
  ])("should refuse %s", async (_what, channelRef, reason) => {
    const result = await poster.canPost(channelRef, { tenantExternalId: fake.guild.id });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(reason);
  });

  test("should refuse a channel of another guild (another tenant)", async () => {
    const other = fake.addChannel({ guildId: "200000000000000077", name: "their-sales" });
    const result = await poster.canPost(`discord:${other.id}`, { tenantExternalId: fake.guild.id });
    expect(result).toMatchObject({ ok: false, reason: "That channel belongs to another Discord server." });
  });

  test("should name the permissions the bot lacks, after role and channel overwrites", async () => {
    const locked = fake.addChannel({
      name: "announcements",
      overwrites: [{ id: fake.guild.id, type: 0, allow: "0", deny: (PERMISSION_BITS.SendMessages | PERMISSION_BITS.EmbedLinks).toString() }],
    });
    const result = await poster.canPost(`discord:${locked.id}`, { tenantExternalId: fake.guild.id });
    expect(result).toMatchObject({ ok: false, reason: "Rapport needs Send Messages, Embed Links in #announcements." });

    // A role of the bot allowed back in by a role overwrite.
    fake.roles.get(fake.guild.id)!.push({ id: "700000000000000001", name: "Rapport", permissions: "0" });
    fake.botRoles.set(fake.guild.id, ["700000000000000001"]);
    locked.overwrites.push({ id: "700000000000000001", type: 0, allow: (PERMISSION_BITS.SendMessages | PERMISSION_BITS.EmbedLinks).toString(), deny: "0" });
    expect((await poster.canPost(`discord:${locked.id}`, { tenantExternalId: fake.guild.id })).ok).toBe(true);
  });

  test("should refuse a channel the bot cannot see, and threads", async () => {
    const hidden = fake.addChannel({ name: "board", overwrites: [{ id: fake.guild.id, type: 0, allow: "0", deny: PERMISSION_BITS.ViewChannel.toString() }] });
    expect((await poster.canPost(`discord:${hidden.id}`, { tenantExternalId: fake.guild.id })).reason).toMatch(/cannot see this channel/);
    const thread = fake.addChannel({ name: "a-thread", type: 11 });
    expect((await poster.canPost(`discord:${thread.id}`, { tenantExternalId: fake.guild.id })).reason).toMatch(/not threads/);
  });
});

describe("post and findPosted", () => {
  test("should post embeds with the marker as nonce and footer, pinging only the digest's owners", async () => {
    const marker = freshMarker();
    const { messageId } = await poster.post(ref, digest(), { idempotencyMarker: marker, tenantExternalId: fake.guild.id });
    const call = posts().at(-1)!;
    expect(call.body.nonce).toBe(markerNonce(marker));
    expect(call.body.nonce.length).toBeLessThanOrEqual(25);
    expect(call.body.enforce_nonce).toBe(true);
    expect(call.body.content).toBe(`<@${OWNER.externalId}>`);
    expect(call.body.allowed_mentions).toEqual({ parse: [], users: [OWNER.externalId] });
    const [embed] = call.body.embeds;
    expect(embed.title).toBe("Follow-ups due today");
    expect(embed.description).toBe(
      [
        "**Due today**",
        `• **Acme Corp** — <@${OWNER.externalId}> · call back about the quote`,
        "Console-only member: @Alice; CRM text: @\u200beveryone \\<@&1\\>",
      ].join("\n"),
    );
    expect(embed.footer).toEqual({ text: marker });
    // A channel post has no Share button (nothing private to share).
    expect(JSON.stringify(call.body.components)).not.toContain("Share");
    expect(await poster.findPosted(ref, marker, { tenantExternalId: fake.guild.id })).toBe(messageId);
    expect(await poster.findPosted(ref, freshMarker(), { tenantExternalId: fake.guild.id })).toBeNull();
  });

  test("should keep the marker when a long digest is cut to Discord's limits", async () => {
    const marker = freshMarker();
    const long = reply.of("Overdue", [{ type: "list", items: Array.from({ length: 400 }, (_, i) => ({ title: `Customer ${i}`, detail: "x".repeat(40) })) }], {
      visibility: "channel",
      paging: { page: 1, pageCount: 3, totalItems: 1200 },
    });
    const { messageId } = await poster.post(ref, long, { idempotencyMarker: marker, tenantExternalId: fake.guild.id });
    const body = posts().at(-1)!.body;
    const size = body.embeds.reduce((sum: number, e: any) => sum + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
    expect(size).toBeLessThanOrEqual(6000);
    expect(body.embeds.at(-1).footer.text.endsWith(` · ${marker}`)).toBe(true);
    expect(await poster.findPosted(ref, marker, { tenantExternalId: fake.guild.id })).toBe(messageId);
  });

  test("should upload a reply's attachments as files", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const withChart = { ...digest("Weekly pipeline"), attachments: [{ filename: "pipeline chart.png", contentType: "image/png", data: png, altText: "Pipeline by stage" }] };
    await poster.post(ref, withChart, { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id });
    const call = posts().at(-1)!;
    expect(call.files.map((f) => [f.name, [...f.data]])).toEqual([["pipeline_chart.png", [...png]]]);
    expect(call.body.attachments).toEqual([{ id: 0, filename: "pipeline_chart.png", description: "Pipeline by stage" }]);
    expect(call.body.embeds[0].image).toEqual({ url: "attachment://pipeline_chart.png" });
  });

  test("should throw from findPosted when the history cannot be read (never a false 'not posted')", async () => {
    const noHistory = fake.addChannel({ name: "no-history", overwrites: [{ id: fake.guild.id, type: 0, allow: "0", deny: PERMISSION_BITS.ReadMessageHistory.toString() }] });
    await expect(poster.findPosted(`discord:${noHistory.id}`, "rapport-digest:1:2026-11-23", { tenantExternalId: fake.guild.id })).rejects.toMatchObject({ name: "PostError", code: "history_unreadable" });
  });
});

describe("failures become PostErrors, with no retries inside", () => {
  test("429: rate_limited with Discord's retry_after, sent once", async () => {
    const before = posts().length;
    fake.injectFault({ method: "POST", path: `/channels/${fake.guild.channelId}/messages`, status: 429, retryAfter: 1.5 });
    const error = await poster.post(ref, digest(), { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PostError);
    expect(error).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 1_500, maybePosted: false });
    expect(posts().length).toBe(before + 1);
  });

  test("500: server_error, maybe posted, sent once (no @discordjs/rest retry)", async () => {
    const before = posts().length;
    fake.injectFault({ method: "POST", path: `/channels/${fake.guild.channelId}/messages`, status: 500 });
    const error = await poster.post(ref, digest(), { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PostError", code: "server_error", retryable: true, maybePosted: true });
    expect(posts().length).toBe(before + 1);
  });

  test("403 / 404: fatal", async () => {
    const locked = fake.addChannel({ name: "read-only", overwrites: [{ id: fake.guild.id, type: 0, allow: "0", deny: PERMISSION_BITS.SendMessages.toString() }] });
    await expect(poster.post(`discord:${locked.id}`, digest(), { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id })).rejects.toMatchObject({ code: "discord_50013", retryable: false });
    await expect(poster.post("discord:399999999999999998", digest(), { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id })).rejects.toMatchObject({ code: "discord_10003", retryable: false });
  });

  test("connection dropped after the post: lost_response; the scheduler finds the message and does not post again", async () => {
    const marker = freshMarker();
    const before = fake.channelMessages(fake.guild.channelId).length;
    fake.injectFault({ method: "POST", path: `/channels/${fake.guild.channelId}/messages`, drop: "after" });
    const error = await poster.post(ref, digest(), { idempotencyMarker: marker, tenantExternalId: fake.guild.id }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PostError", code: "lost_response", retryable: true, maybePosted: true });
    expect(fake.channelMessages(fake.guild.channelId).length).toBe(before + 1);

    // The same through the scheduler's retry loop: the first attempt's response is lost, the check finds it.
    const marker2 = freshMarker();
    fake.injectFault({ method: "POST", path: `/channels/${fake.guild.channelId}/messages`, drop: "after" });
    const sleeps: number[] = [];
    const outcome = await postWithRetries({
      poster,
      channelRef: ref,
      tenantExternalId: fake.guild.id,
      reply: digest(),
      marker: marker2,
      retry: { attemptsPerTick: 3, baseDelayMs: 10, maxDelayMs: 100, maxInlineWaitMs: 5_000 },
      sleep: async (ms) => void sleeps.push(ms),
      beforeAttempt: async () => true,
      checkPosted: async () => {
        const id = await poster.findPosted(ref, marker2, { tenantExternalId: fake.guild.id });
        return id ? { kind: "posted", messageId: id } : { kind: "absent" };
      },
    });
    expect(outcome.kind).toBe("posted");
    expect(fake.channelMessages(fake.guild.channelId).filter((m: any) => m.embeds.some((e: any) => e.footer?.text === marker2))).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("a resend with the same marker within minutes is deduplicated by the nonce", async () => {
    const marker = freshMarker();
    const first = await poster.post(ref, digest(), { idempotencyMarker: marker, tenantExternalId: fake.guild.id });
    const second = await poster.post(ref, digest(), { idempotencyMarker: marker, tenantExternalId: fake.guild.id });
    expect(second.messageId).toBe(first.messageId);
  });

  // Own posters: @discordjs/rest budgets 50 requests a second per client and, with
  // rejectOnRateLimit, refuses beyond it; the shared poster has spent most of its second already.
  test("delete withdraws a duplicate (findPosted no longer sees it); deleting it again is no error", async () => {
    const own = createDiscordDigestPoster({ config: { token: fake.token, apiUrl: fake.apiUrl } });
    const marker = freshMarker();
    const { messageId } = await own.post(ref, digest(), { idempotencyMarker: marker, tenantExternalId: fake.guild.id });
    await own.delete(ref, messageId, { tenantExternalId: fake.guild.id });
    await own.delete(ref, messageId, { tenantExternalId: fake.guild.id });
    expect(fake.calls.filter((c) => c.method === "DELETE" && c.path === `/channels/${fake.guild.channelId}/messages/${messageId}`)).toHaveLength(2);
    expect(await own.findPosted(ref, marker, { tenantExternalId: fake.guild.id })).toBeNull();
  });

  test("findPosted refuses a channel of another guild (another tenant)", async () => {
    const own = createDiscordDigestPoster({ config: { token: fake.token, apiUrl: fake.apiUrl } });
    await expect(own.findPosted(ref, freshMarker(), { tenantExternalId: "200000000000000077" })).rejects.toMatchObject({ code: "wrong_guild" });
  });

  test("429 then success through the scheduler: waits retry_after, posts once", async () => {
    const marker = freshMarker();
    fake.injectFault({ method: "POST", path: `/channels/${fake.guild.channelId}/messages`, status: 429, retryAfter: 0.25 });
    const sleeps: number[] = [];
    const outcome = await postWithRetries({
      poster,
      channelRef: ref,
      tenantExternalId: fake.guild.id,
      reply: digest(),
      marker,
      retry: { attemptsPerTick: 3, baseDelayMs: 10, maxDelayMs: 100, maxInlineWaitMs: 5_000 },
      sleep: async (ms) => void sleeps.push(ms),
      beforeAttempt: async () => true,
      checkPosted: async () => ({ kind: "absent" }),
    });
    expect(outcome.kind).toBe("posted");
    expect(sleeps).toEqual([250]);
  });

  test("Discord unreachable: network error, not maybe-posted", async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const offline = createDiscordDigestPoster({ config: { token: fake.token, apiUrl: `http://127.0.0.1:${closed}/api` } });
    await expect(offline.post(ref, digest(), { idempotencyMarker: freshMarker(), tenantExternalId: fake.guild.id })).rejects.toMatchObject({ code: "network", retryable: true, maybePosted: false });
    await expect(offline.findPosted(ref, "rapport-digest:1:2026-11-23", { tenantExternalId: fake.guild.id })).rejects.toBeInstanceOf(PostError);
  });
});
