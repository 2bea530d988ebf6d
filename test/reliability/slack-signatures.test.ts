/**
 * Item 1: the Slack request-verification matrix. Every case is sent for the three kinds of request
 * Slack delivers (a slash command, a block_actions interaction, an Events API callback) to the real
 * Bolt App over HTTP. Only the valid, fresh requests (now, -299 s, +299 s) may be accepted: HTTP 200
 * AND the core reached. Everything else must answer 401 and never reach the core.
 *
 * Mutation check: the same matrix through a proxy that re-signs every request with the right secret
 * and the current time (what a server with verification switched off would accept) must turn the
 * row red.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { appHomeOpened, blockAction, eventCallback, slashCommand, type Who } from "../fakes/slack/payloads.js";
import { sendSigned, signEvent, signInteraction, signSlashCommand, slackSignature, type SignedRequest } from "../fakes/slack/sign-request.js";
import { SIGNING_SECRET, startHarness, TEAM_ID, type Harness } from "../e2e/slack/harness.js";
import { recordResult, type ReliabilityRow } from "./results.js";

type Kind = "slash command" | "interaction" | "event";
type Case = { name: string; accept: boolean; build(request: () => { body: string; contentType: string }, marker: string): SignedRequest };

const now = () => Math.floor(Date.now() / 1000);

function signedAt(body: string, contentType: string, timestamp: number): SignedRequest {
  return {
    body,
    headers: {
      "Content-Type": contentType,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": slackSignature(SIGNING_SECRET, timestamp, body),
    },
  };
}

/** The same body with one byte of the marker changed (same length), after signing. */
function tamper(body: string, marker: string): string {
  const at = body.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in body`);
  const index = at + marker.length - 1;
  const replacement = body[index] === "Z" ? "Y" : "Z";
  return `${body.slice(0, index)}${replacement}${body.slice(index + 1)}`;
}

function without(request: SignedRequest, header: string): SignedRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== header));
  return { ...request, headers };
}

const CASES: Case[] = [
  { name: "valid, now", accept: true, build: (make) => ((r) => signedAt(r.body, r.contentType, now()))(make()) },
  { name: "valid, -299 s", accept: true, build: (make) => ((r) => signedAt(r.body, r.contentType, now() - 299))(make()) },
  { name: "valid, +299 s", accept: true, build: (make) => ((r) => signedAt(r.body, r.contentType, now() + 299))(make()) },
  { name: "stale, -301 s", accept: false, build: (make) => ((r) => signedAt(r.body, r.contentType, now() - 301))(make()) },
  { name: "future, +301 s", accept: false, build: (make) => ((r) => signedAt(r.body, r.contentType, now() + 301))(make()) },
  {
    name: "one body byte changed",
    accept: false,
    build: (make, marker) => {
      const signed = ((r) => signedAt(r.body, r.contentType, now()))(make());
      return { ...signed, body: tamper(signed.body, marker) };
    },
  },
  {
    name: "wrong version prefix (v1=)",
    accept: false,
    build: (make) => {
      const signed = ((r) => signedAt(r.body, r.contentType, now()))(make());
      return { ...signed, headers: { ...signed.headers, "X-Slack-Signature": signed.headers["X-Slack-Signature"]!.replace(/^v0=/, "v1=") } };
    },
  },
  { name: "missing X-Slack-Signature", accept: false, build: (make) => without(((r) => signedAt(r.body, r.contentType, now()))(make()), "X-Slack-Signature") },
  { name: "missing X-Slack-Request-Timestamp", accept: false, build: (make) => without(((r) => signedAt(r.body, r.contentType, now()))(make()), "X-Slack-Request-Timestamp") },
  {
    name: "missing both headers",
    accept: false,
    build: (make) => without(without(((r) => signedAt(r.body, r.contentType, now()))(make()), "X-Slack-Request-Timestamp"), "X-Slack-Signature"),
  },
  {
    name: "signed with another secret",
    accept: false,
    build: (make) => {
      const r = make();
      const ts = now();
      return { ...signedAt(r.body, r.contentType, ts), headers: { ...signedAt(r.body, r.contentType, ts).headers, "X-Slack-Signature": slackSignature("not-the-signing-secret", ts, r.body) } };
    },
  },
];

const KINDS: Kind[] = ["slash command", "interaction", "event"];

type Outcome = { kind: Kind; name: string; expected: boolean; status: number; reached: boolean };

/** Sends every case for every kind to `url`; users are named `${prefix}<n>ZZ` so "reached" is per request. */
async function runMatrix(h: Harness, url: string, prefix: string): Promise<{ outcomes: Outcome[]; row: ReliabilityRow; wrong: Outcome[]; leaked: Outcome[]; tampered: unknown[]; accepted: Outcome[] }> {
  let index = 0;
  const outcomes: Outcome[] = [];
  const markerOf = (n: number) => `${prefix}${String(n).padStart(3, "0")}ZZ`;
  for (const kind of KINDS) {
    for (const testCase of CASES) {
      index += 1;
      const marker = markerOf(index);
      const who: Who = { teamId: TEAM_ID, userId: marker, userName: "sig" };
      h.slack.addUser({ id: marker, teamId: TEAM_ID, name: `sig${prefix}${index}` });
      const make = (): { body: string; contentType: string } => {
        if (kind === "slash command") {
          const signed = signSlashCommand(slashCommand(who, { text: `find ${marker}`, responseUrl: h.slack.responseUrl(marker) }), { signingSecret: SIGNING_SECRET });
          return { body: signed.body, contentType: signed.headers["Content-Type"]! };
        }
        if (kind === "interaction") {
          const signed = signInteraction(blockAction(who, { actionId: "rapport:run:0", value: `find ${marker}`, responseUrl: h.slack.responseUrl(marker) }), { signingSecret: SIGNING_SECRET });
          return { body: signed.body, contentType: signed.headers["Content-Type"]! };
        }
        const signed = signEvent(eventCallback(who, appHomeOpened(who), `Ev${marker}`), { signingSecret: SIGNING_SECRET });
        return { body: signed.body, contentType: signed.headers["Content-Type"]! };
      };
      const request = testCase.build(make, marker);
      const res = await sendSigned(url, request);
      outcomes.push({ kind, name: testCase.name, expected: testCase.accept, status: res.status, reached: false });
    }
  }
  // Let acknowledged work reach the (fake) core, then count per request.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const reachedUsers = new Set(h.api.calls.map((call) => call.actor.userExternalId));
  outcomes.forEach((outcome, i) => (outcome.reached = reachedUsers.has(markerOf(i + 1))));
  const accepted = outcomes.filter((outcome) => outcome.status === 200 && outcome.reached);
  const expected = outcomes.filter((outcome) => outcome.expected);
  const wrong = outcomes.filter((outcome) => (outcome.status === 200 && outcome.reached) !== outcome.expected);
  const leaked = outcomes.filter((outcome) => !outcome.expected && (outcome.reached || outcome.status !== 401));
  const tamperedUser = new RegExp(`${prefix}\\d{3}ZY`);
  const tampered = h.api.calls.filter((call) => tamperedUser.test(call.actor.userExternalId) || tamperedUser.test("text" in call ? call.text : ""));
  const row: ReliabilityRow = {
    test: "1. Slack signature matrix",
    injected: `${CASES.length} cases (±299/±301 s, 1 body byte, v1= prefix, missing headers, wrong secret) x ${KINDS.length} request kinds`,
    figure: `${accepted.length} accepted of ${outcomes.length} (expected ${expected.length}); ${leaked.length} invalid reached the core or got non-401`,
    pass: wrong.length === 0 && leaked.length === 0 && tampered.length === 0 && accepted.length === expected.length,
  };
  return { outcomes, row, wrong, leaked, tampered, accepted };
}

/** A proxy that re-signs every request with the right secret and the current time: no verification. */
async function startResigningProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const forwarded = await fetch(target, {
      method: "POST",
      body,
      headers: {
        "Content-Type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": slackSignature(SIGNING_SECRET, timestamp, body),
      },
    });
    res.writeHead(forwarded.status, { "Content-Type": forwarded.headers.get("content-type") ?? "text/plain" });
    res.end(await forwarded.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("1. Slack signature matrix", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  test("only valid, fresh requests reach the core", async () => {
    const { row, wrong, leaked, tampered, accepted } = await runMatrix(h, h.url, "U0SIG");
    recordResult(row);
    expect(wrong).toEqual([]);
    expect(leaked).toEqual([]);
    expect(tampered).toEqual([]);
    expect(accepted).toHaveLength(3 * KINDS.length);
    // The valid requests really answered: a reply per slash command and button, the Home tab per event.
    expect(h.slack.callsOf("views.publish").length).toBe(3);
  });

  test("GIVEN verification switched off (every request re-signed) THEN the row is FAIL", async () => {
    const proxy = await startResigningProxy(h.url);
    try {
      const { row, leaked } = await runMatrix(h, proxy.url, "U0MUT");
      expect(leaked.length).toBeGreaterThan(20);
      expect(row.pass).toBe(false);
    } finally {
      await proxy.close();
    }
  });
});
