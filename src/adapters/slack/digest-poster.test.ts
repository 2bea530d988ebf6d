import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { Reply } from "../../core/reply.js";
import { silentLogger } from "../../core/logger.js";
import { mention } from "../../digests/mention.js";
import { PostError, type DigestPoster } from "../../digests/poster.js";
import { postWithRetries } from "../../digests/scheduler.js";
import { startFakeSlackApi, type FakeSlackApi } from "../../../test/fakes/slack/fake-slack-api.js";
import { createSlackDigestPoster, DIGEST_EVENT_TYPE, renderDigest, slackChannelId, toSlackPostError } from "./digest-poster.js";

const TOKEN = "xoxb-digest-token";
const TEAM = "T0ACME";
const NOW = Date.parse("2026-11-23T09:00:00Z");

function digest(text = "3 follow-ups due today"): Reply {
  return {
    title: "Follow-ups due today",
    visibility: "channel",
    blocks: [
      { type: "text", text: `${mention({ externalId: "U0PAT", displayName: "Pat Lee" })}: ${text}` },
      { type: "list", items: [{ title: "Evil <!channel> <https://evil.example|acme.com> Ltd", detail: `owner ${mention({ externalId: "alice", displayName: "Alice <@U999>" })}` }] },
    ],
  };
}

async function rejection(promise: Promise<unknown>): Promise<PostError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PostError);
    return error as PostError;
  }
  throw new Error("expected a rejection");
}

describe("Slack DigestPoster against the fake Slack Web API", () => {
  let slack: FakeSlackApi;
  let poster: DigestPoster;

  beforeAll(async () => {
    slack = await startFakeSlackApi({
      tokens: [TOKEN],
      teamId: TEAM,
      channels: [
        { id: "C0DIGEST", name: "sales-digest" },
        { id: "C0CONNECT", name: "acme-and-partner", isExtShared: true },
        { id: "C0OUTSIDE", name: "random", isMember: false },
      ],
    });
  });
  afterAll(async () => slack.stop());
  beforeEach(() => {
    slack.reset();
    // Message timestamps come from the fake's clock (2023); the search window is measured from there.
    poster = createSlackDigestPoster({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger, now: () => 1_700_000_100_000 });
  });

  describe("canPost", () => {
    test.each([
      ["a member channel", "slack:C0DIGEST", TEAM, { ok: true, external: false, channelName: "#sales-digest" }],
      ["a Slack Connect channel", "slack:C0CONNECT", TEAM, { ok: true, external: true, channelName: "#acme-and-partner" }],
      ["a channel the bot is not in", "slack:C0OUTSIDE", TEAM, { ok: false, external: false, channelName: "#random", reason: "Rapport is not a member of #random. Invite it with /invite @Rapport." }],
      ["an unknown channel", "slack:C0GONE", TEAM, { ok: false, external: false, reason: expect.stringContaining("Slack does not show that channel") }],
      ["another workspace's tenant", "slack:C0DIGEST", "T0OTHER", { ok: false, external: false, reason: "That channel is not in this workspace." }],
      ["a non-Slack ref", "discord:123", TEAM, { ok: false, external: false, reason: expect.stringContaining("not a Slack channel reference") }],
    ])("GIVEN %s THEN %o", async (_name, channelRef, tenantExternalId, expected) => {
      expect(await poster.canPost(channelRef, { tenantExternalId })).toEqual(expected);
    });
  });

  test("posts Block Kit with the marker in metadata, real mentions, escaped data; findPosted finds it", async () => {
    const { messageId } = await poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "digest:7:2026-11-23", tenantExternalId: TEAM });
    const [call] = slack.callsOf("chat.postMessage");
    expect(call!.token).toBe(TOKEN);
    expect(call!.args).toMatchObject({ channel: "C0DIGEST", text: "Follow-ups due today", metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { marker: "digest:7:2026-11-23" } } });
    const wire = JSON.stringify(call!.args.blocks);
    expect(wire).toContain("<@U0PAT>: 3 follow-ups due today");
    expect(wire).toContain("owner @Alice &lt;@U999&gt;"); // no Slack id: a name, escaped
    expect(wire).not.toContain("<!channel>");
    expect(wire).not.toContain("<https://evil.example|acme.com>");
    expect(wire).not.toMatch(/[\uE000\uE001]/);
    expect(await poster.findPosted("slack:C0DIGEST", "digest:7:2026-11-23", { tenantExternalId: TEAM })).toBe(messageId);
    expect(await poster.findPosted("slack:C0DIGEST", "digest:7:2026-11-24", { tenantExternalId: TEAM })).toBeNull();
    const [history] = slack.callsOf("conversations.history");
    expect(history!.args).toMatchObject({ channel: "C0DIGEST", include_all_metadata: "true", limit: "200" });
  });

  test("a 429 becomes rateLimited(Retry-After) without any retry by the client", async () => {
    slack.inject("chat.postMessage", { kind: "rate-limited", retryAfterSeconds: 7 });
    const error = await rejection(poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-429", tenantExternalId: TEAM }));
    expect(error).toMatchObject({ code: "rate_limited", retryable: true, retryAfterMs: 7000, maybePosted: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.callsOf("chat.postMessage#429")).toHaveLength(1);
    expect(slack.callsOf("chat.postMessage")).toHaveLength(0);
  });

  test("a 500 becomes a retryable server error that may have posted, tried once", async () => {
    slack.inject("chat.postMessage", { kind: "server-error" });
    const error = await rejection(poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-500", tenantExternalId: TEAM }));
    expect(error).toMatchObject({ code: "server_error", retryable: true, maybePosted: true });
    expect(slack.callsOf("chat.postMessage#500")).toHaveLength(1);
    expect(await poster.findPosted("slack:C0DIGEST", "m-500", { tenantExternalId: TEAM })).toBeNull();
  });

  test("a connection dropped after Slack posted is a lost response; findPosted then finds the post", async () => {
    slack.inject("chat.postMessage", { kind: "drop-after-processing" });
    const error = await rejection(poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-drop", tenantExternalId: TEAM }));
    expect(error).toMatchObject({ code: "lost_response", retryable: true, maybePosted: true });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    const posted = slack.history.get("C0DIGEST")![0]!;
    expect(await poster.findPosted("slack:C0DIGEST", "m-drop", { tenantExternalId: TEAM })).toBe(posted.ts);
  });

  test("with the scheduler's retry loop, a dropped response posts exactly once", async () => {
    slack.inject("chat.postMessage", { kind: "drop-after-processing" });
    const outcome = await postWithRetries({
      poster,
      channelRef: "slack:C0DIGEST",
      tenantExternalId: TEAM,
      reply: digest(),
      marker: "m-loop",
      retry: { attemptsPerTick: 4, baseDelayMs: 1, maxDelayMs: 5, maxInlineWaitMs: 1000 },
      sleep: async () => undefined,
      beforeAttempt: async () => true,
      checkPosted: async () => {
        const found = await poster.findPosted("slack:C0DIGEST", "m-loop", { tenantExternalId: TEAM });
        return found ? { kind: "posted", messageId: found } : { kind: "absent" };
      },
    });
    expect(outcome).toEqual({ kind: "posted", messageId: slack.history.get("C0DIGEST")![0]!.ts });
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
  });

  test.each([
    ["not_in_channel", "slack:C0OUTSIDE", { code: "not_in_channel", retryable: false, maybePosted: false }],
    ["a bad channel ref", "slack:nope", { code: "bad_channel_ref", retryable: false }],
  ])("GIVEN %s THEN a fatal PostError", async (_name, channelRef, expected) => {
    expect(await rejection(poster.post(channelRef, digest(), { idempotencyMarker: "m-fatal", tenantExternalId: TEAM }))).toMatchObject(expected);
  });

  test("findPosted pages through a busy channel and ignores the marker on another app's message", async () => {
    slack.addHistory("C0DIGEST", { text: "copy", bot_id: "BOTHERAPP", metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { marker: "m-busy" } } });
    const { messageId } = await poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-busy", tenantExternalId: TEAM });
    for (let index = 0; index < 450; index += 1) slack.addHistory("C0DIGEST", { text: `chatter ${index}`, user: "U0SAM" });
    expect(await poster.findPosted("slack:C0DIGEST", "m-busy", { tenantExternalId: TEAM })).toBe(messageId);
    expect(slack.callsOf("conversations.history").length).toBe(3);
  });

  test("findPosted throws (cannot tell) when the history cannot be read or is too long", async () => {
    slack.inject("conversations.history", { kind: "server-error" });
    expect(await rejection(poster.findPosted("slack:C0DIGEST", "m-x", { tenantExternalId: TEAM }))).toMatchObject({ code: "server_error" });
    expect(await rejection(poster.findPosted("slack:C0OUTSIDE", "m-x", { tenantExternalId: TEAM }))).toMatchObject({ code: "not_in_channel" });
    for (let index = 0; index < 401; index += 1) slack.addHistory("C0DIGEST", { text: `chatter ${index}` });
    const short = createSlackDigestPoster({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger, now: () => 1_700_000_100_000, maxHistoryPages: 2 });
    expect(await rejection(short.findPosted("slack:C0DIGEST", "m-x", { tenantExternalId: TEAM }))).toMatchObject({ code: "history_too_long", maybePosted: true });
  });

  test("findPosted answers the oldest copy; delete withdraws a newer one, and a second delete is no error", async () => {
    const tenant = { tenantExternalId: TEAM };
    const first = await poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-dup", ...tenant });
    const second = await poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-dup", ...tenant });
    expect(await poster.findPosted("slack:C0DIGEST", "m-dup", tenant)).toBe(first.messageId);
    await poster.delete("slack:C0DIGEST", second.messageId, tenant);
    await poster.delete("slack:C0DIGEST", second.messageId, tenant);
    expect(slack.callsOf("chat.delete").map((call) => [call.token, call.args.ts])).toEqual([
      [TOKEN, second.messageId],
      [TOKEN, second.messageId],
    ]);
    expect(slack.history.get("C0DIGEST")!.map((message) => message.ts)).toEqual([first.messageId]);
  });

  test("findPosted looks back one day only", async () => {
    await poster.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m-old", tenantExternalId: TEAM });
    const later = createSlackDigestPoster({ botToken: TOKEN, apiUrl: slack.apiUrl, logger: silentLogger, now: () => 1_700_000_100_000 + 27 * 60 * 60 * 1000 });
    expect(await later.findPosted("slack:C0DIGEST", "m-old", { tenantExternalId: TEAM })).toBeNull();
  });

  test("a token lookup (OAuth installs) that knows no installation refuses to post", async () => {
    const lookup = createSlackDigestPoster({ botToken: async () => undefined, apiUrl: slack.apiUrl, logger: silentLogger });
    expect(await lookup.canPost("slack:C0DIGEST", { tenantExternalId: TEAM })).toMatchObject({ ok: false, reason: expect.stringContaining("no Slack installation") });
    expect(await rejection(lookup.post("slack:C0DIGEST", digest(), { idempotencyMarker: "m", tenantExternalId: TEAM }))).toMatchObject({ code: "not_installed", retryable: false });
  });
});

describe("pure helpers", () => {
  test.each([
    ["slack:C0123ABCD", "C0123ABCD"],
    ["slack:G0PRIVATE", "G0PRIVATE"],
    ["slack:c0lower", undefined],
    ["discord:123", undefined],
    ["slack:C0123|x", undefined],
  ])("GIVEN %s THEN channel id %s", (ref, id) => {
    expect(slackChannelId(ref)).toBe(id);
  });

  test("GIVEN a marker cut by truncation THEN no private-use characters remain", () => {
    const long = `${"x".repeat(2990)}${mention({ externalId: "U0PAT", displayName: "Pat" })}`;
    const { blocks } = renderDigest({ title: "t", visibility: "channel", blocks: [{ type: "text", text: long }] });
    expect(JSON.stringify(blocks)).not.toMatch(/[\uE000\uE001]/);
  });

  test.each([
    ["an unknown error", new Error("boom"), { code: "unexpected", retryable: true, maybePosted: true }],
    ["an ok:false internal_error", Object.assign(new Error("x"), { code: "slack_webapi_platform_error", data: { error: "internal_error" } }), { code: "internal_error", retryable: true, maybePosted: true }],
    ["an HTTP 403", Object.assign(new Error("x"), { code: "slack_webapi_http_error", statusCode: 403 }), { code: "http_403", retryable: false }],
  ])("GIVEN %s THEN %o", (_name, error, expected) => {
    expect(toSlackPostError(error)).toMatchObject(expected);
  });
});
