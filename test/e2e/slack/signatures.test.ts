import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { slashCommand } from "../../fakes/slack/payloads.js";
import { sendSigned, signSlashCommand, slackSignature } from "../../fakes/slack/sign-request.js";
import { PAT, SIGNING_SECRET, startHarness, type Harness } from "./harness.js";

describe("request verification", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const fields = () => slashCommand(PAT, { text: "help", responseUrl: h.slack.responseUrl("sig") });

  test.each([
    ["a forged signature", () => ({ signature: slackSignature("not-the-secret", now(), "x") })],
    ["a stale timestamp (-301 s)", () => ({ timestamp: now() - 301 })],
    ["a future timestamp (+301 s)", () => ({ timestamp: now() + 301 })],
  ])("should reject %s with 401 and never reach the core", async (_name, sign) => {
    const before = h.api.calls.length;
    const res = await h.slack.sendSlashCommand(h.url, signSlashCommand(fields(), { signingSecret: SIGNING_SECRET, ...sign() }));
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.api.calls.length).toBe(before);
  });

  test("should reject the future timestamp in front of Bolt, which only checks staleness", async () => {
    await h.slack.sendSlashCommand(h.url, signSlashCommand(fields(), { signingSecret: SIGNING_SECRET, timestamp: now() + 301 }));
    expect(h.logs.some((entry) => (entry.object as { problem?: string }).problem === "in the future")).toBe(true);
  });

  test("should reject a body altered after signing", async () => {
    const signed = signSlashCommand(fields(), { signingSecret: SIGNING_SECRET });
    const res = await sendSigned(h.url, { ...signed, body: signed.body.replace("help", "find") });
    expect(res.status).toBe(401);
  });

  test("should reject a request without a timestamp", async () => {
    const signed = signSlashCommand(fields(), { signingSecret: SIGNING_SECRET });
    const { "X-Slack-Request-Timestamp": _dropped, ...headers } = signed.headers;
    const res = await sendSigned(h.url, { ...signed, headers });
    expect(res.status).toBe(401);
  });

  test.each([
    ["now", 0],
    ["slightly old (-299 s)", -299],
    ["slightly ahead (+299 s)", 299],
  ])("should accept a valid signature with a timestamp %s", async (_name, offset) => {
    const res = await h.slack.sendSlashCommand(h.url, signSlashCommand(fields(), { signingSecret: SIGNING_SECRET, timestamp: now() + offset }));
    expect(res.status).toBe(200);
  });
});
