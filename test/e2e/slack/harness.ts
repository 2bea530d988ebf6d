/**
 * The real Bolt App (createSlackApp) over HTTP on a loopback port, its Web API pointed at the fake
 * Slack server. `startHarness` puts the real core (in-memory PGlite, demo data, fixed clock) behind
 * it through an instrumented wrapper; `startHarnessWith` takes any RapportApi. Requests are signed
 * as Slack signs them.
 */
import { createSlackApp, type SlackApp } from "../../../src/adapters/slack/app.js";
import { SLACK_BOT_SCOPES, validateSlackConfig, type SlackConfig } from "../../../src/adapters/slack/config.js";
import type { Admission } from "../../../src/core/admission.js";
import type { Logger } from "../../../src/core/logger.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import type { App } from "../../../src/app.js";
import { instrumentCore, type InstrumentedCore } from "../../support/instrumented-core.js";
import { FakeSlackApi, startFakeSlackApi, type FakeSlackApiOptions } from "../../fakes/slack/fake-slack-api.js";
import type { Who } from "../../fakes/slack/payloads.js";
import { sendSigned, signEvent, signInteraction, signSlashCommand, type SignOptions } from "../../fakes/slack/sign-request.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-test-bot-token";
export const TEAM_ID = "T0ACME";
/** The Slack app of the OAuth (multi-workspace) suites; the fake's `oauth` option takes the same id and secret. */
export const OAUTH_APP = { clientId: "1111.2222", clientSecret: "client-secret-for-tests", stateSecret: "state-secret-for-tests" } as const;

/** An HTTP app with OAuth installs against the fake Slack API at `apiUrl`, as the OAuth suites run it. */
export function oauthSlackConfig(apiUrl: string): SlackConfig {
  return validateSlackConfig({
    signingSecret: SIGNING_SECRET,
    apiUrl,
    port: 0,
    host: "127.0.0.1",
    oauth: { ...OAUTH_APP, scopes: SLACK_BOT_SCOPES },
    profileTtlMs: 60_000,
    ackBudgetMs: 1500,
    maxClockSkewSeconds: 300,
  });
}

export const PAT: Who = { teamId: TEAM_ID, userId: "U0PAT", userName: "pat" };
export const SAM: Who = { teamId: TEAM_ID, userId: "U0SAM", userName: "sam" };

export type LogEntry = { level: string; object: unknown; message?: string };

export function recordingLogger(entries: LogEntry[] = [], bindings: Record<string, unknown> = {}): Logger & { entries: LogEntry[] } {
  const write = (level: string) => (object: object | string, message?: string) => {
    entries.push({ level, object: typeof object === "string" ? { msg: object, ...bindings } : { ...bindings, ...object }, ...(message !== undefined ? { message } : {}) });
  };
  return {
    entries,
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    debug: write("debug"),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}

export type Harness<A extends RapportApi = InstrumentedCore> = {
  slack: FakeSlackApi;
  api: A;
  app: SlackApp;
  logs: LogEntry[];
  url: string;
  command(who: Who, text: string, extra?: { triggerId?: string; channelId?: string }, sign?: Partial<SignOptions>): Promise<{ status: number; text: string; elapsedMs: number; responseId: string }>;
  interact(payload: Record<string, unknown>, sign?: Partial<SignOptions>): Promise<{ status: number; text: string; elapsedMs: number }>;
  event(envelope: Record<string, unknown>, sign?: Partial<SignOptions>): Promise<{ status: number; text: string; elapsedMs: number }>;
  stop(): Promise<void>;
};

let responseCounter = 0;

export const DEFAULT_FAKE_SLACK: FakeSlackApiOptions = {
  tokens: [BOT_TOKEN],
  teamId: TEAM_ID,
  users: [
    { id: PAT.userId, teamId: TEAM_ID, name: "pat", realName: "Pat Lee", displayName: "Pat", email: "pat@acme.example", tz: "Asia/Shanghai", isAdmin: true },
    { id: SAM.userId, teamId: TEAM_ID, name: "sam", realName: "Sam Roe", email: "sam@acme.example", tz: "Europe/Berlin" },
  ],
  channels: [
    { id: "C0SALES", name: "sales" },
    { id: "C0CONNECT", name: "acme-and-partner", isExtShared: true },
  ],
};

type HarnessOptions = { ackBudgetMs?: number; answerInAckMs?: number; slack?: FakeSlackApiOptions; maxUploadBytes?: number; admission?: Admission; publicUrl?: string };

/** The harness over the real core with the demo data (see demo-core.ts); `core` reaches its database. */
export type DemoHarness = Harness & { core: App; tenantId: number };

export async function startHarness(options: HarnessOptions = {}): Promise<DemoHarness> {
  // Loaded here: demo-core.ts reads this module's constants when it loads.
  const { startDemoCore } = await import("./demo-core.js");
  const { core, tenantId } = await startDemoCore();
  const harness = await startHarnessWith(instrumentCore(core.rapport), options);
  return {
    ...harness,
    core,
    tenantId,
    async stop() {
      await harness.stop();
      await core.close();
    },
  };
}

export async function startHarnessWith<A extends RapportApi>(api: A, options: HarnessOptions = {}): Promise<Harness<A>> {
  const slack = await startFakeSlackApi(options.slack ?? DEFAULT_FAKE_SLACK);
  const logger = recordingLogger();
  const app = createSlackApp({
    api,
    logger,
    ...(options.admission ? { admission: options.admission } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    config: validateSlackConfig({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiUrl: slack.apiUrl,
      port: 0,
      host: "127.0.0.1",
      profileTtlMs: 60_000,
      ackBudgetMs: options.ackBudgetMs ?? 1500,
      ...(options.answerInAckMs !== undefined ? { answerInAckMs: options.answerInAckMs } : {}),
      maxClockSkewSeconds: 300,
      ...(options.maxUploadBytes !== undefined ? { maxUploadBytes: options.maxUploadBytes } : {}),
    }),
  });
  const { port } = await app.start(0);
  const url = `http://127.0.0.1:${port}/slack/events`;
  const signing = (sign: Partial<SignOptions> = {}): SignOptions => ({ signingSecret: SIGNING_SECRET, ...sign });
  const { slashCommand } = await import("../../fakes/slack/payloads.js");
  return {
    slack,
    api,
    app,
    logs: logger.entries,
    url,
    async command(who, text, extra = {}, sign) {
      responseCounter += 1;
      const responseId = `cmd-${responseCounter}`;
      const fields = slashCommand(who, { text, responseUrl: slack.responseUrl(responseId), ...extra });
      return { ...(await slack.sendSlashCommand(url, signSlashCommand(fields, signing(sign)))), responseId };
    },
    interact: (payload, sign) => sendSigned(url, signInteraction(payload, signing(sign))),
    event: (envelope, sign) => sendSigned(url, signEvent(envelope, signing(sign))),
    async stop() {
      await app.stop();
      await slack.stop();
    },
  };
}

/** Every string inside a JSON value, for "nothing unescaped reached Slack" checks. */
export function allText(value: unknown): string {
  return JSON.stringify(value);
}
