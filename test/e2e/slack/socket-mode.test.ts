/**
 * The Slack adapter in Socket Mode, end to end: the real Bolt App (createSlackApp with an app-level
 * token, so Bolt's SocketModeReceiver and @slack/socket-mode's client) against the local fake of
 * Slack's Web API and of the Socket Mode protocol (test/fakes/slack/fake-socket-mode.ts), on the
 * real core (PGlite, demo data, fixed clock). Payloads arrive as envelopes on the WebSocket, acks
 * go back on it, answers go to response_url or the Web API as in HTTP mode.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { App } from "../../../src/app.js";
import { createSlackApp, type SlackApp } from "../../../src/adapters/slack/app.js";
import { validateSlackConfig } from "../../../src/adapters/slack/config.js";
import type { RapportApi } from "../../../src/core/service-api.js";
import { startFakeSlackApi, type FakeSlackApi, type RecordedResponse } from "../../fakes/slack/fake-slack-api.js";
import { startFakeSocketMode, type DisconnectReason, type Envelope, type FakeSocketMode } from "../../fakes/slack/fake-socket-mode.js";
import { appHomeOpened, blockAction, eventCallback, slashCommand, type Who } from "../../fakes/slack/payloads.js";
import { PAT_ACTOR, startDemoCore } from "./demo-core.js";
import { BOT_TOKEN, DEFAULT_FAKE_SLACK, PAT, recordingLogger, type LogEntry } from "./harness.js";

const APP_TOKEN = "xapp-1-A0RAPPORT-1234567890-0123456789abcdef0123456789abcdef";

type SlackElement = { action_id?: string; value?: string };
type SlackBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: SlackElement[]; accessory?: SlackElement };

function readable(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as SlackBlock[];
  return [String(body.text ?? ""), ...blocks.flatMap((block) => [block.text?.text ?? "", ...(block.fields ?? []).map((field) => field.text)])].join("\n");
}

function buttonsOf(body: Record<string, unknown>): { action_id: string; value: string }[] {
  return ((body.blocks ?? []) as SlackBlock[])
    .flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
    .filter((element): element is { action_id: string; value: string } => typeof element.action_id === "string" && typeof element.value === "string");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real core, with an optional delay before every typed command (a slow database). */
function slowable(core: RapportApi): RapportApi & { delayMs: number } {
  const api = {
    delayMs: 0,
    commands: core.commands,
    async runText(input: Parameters<RapportApi["runText"]>[0]) {
      if (api.delayMs > 0) await sleep(api.delayMs);
      return core.runText(input);
    },
    runArgs: (input: Parameters<RapportApi["runArgs"]>[0]) => core.runArgs(input),
    undo: (input: Parameters<RapportApi["undo"]>[0]) => core.undo(input),
    pick: (input: Parameters<RapportApi["pick"]>[0]) => core.pick(input),
  };
  return api;
}

describe("Slack in Socket Mode on the real core (PGlite, demo data, fixed clock)", () => {
  let core: App;
  let api: ReturnType<typeof slowable>;
  let slack: FakeSlackApi;
  let socket: FakeSocketMode;
  let app: SlackApp;
  let logs: LogEntry[];
  let tenantId: number;
  let counter = 0;

  const customersNamed = (name: string) => core.database.prisma.customer.count({ where: { tenantId, name } });

  /** A /crm envelope on the current socket (or `connectionId`), answered through its own response_url. */
  function crm(who: Who, text: string, options: { connectionId?: number } = {}): { envelope: Envelope; responseId: string } {
    counter += 1;
    const responseId = `socket-${counter}`;
    const envelope = socket.slashCommand(slashCommand(who, { text, responseUrl: slack.responseUrl(responseId) }), options);
    return { envelope, responseId };
  }

  async function answered(responseId: string): Promise<RecordedResponse["body"]> {
    const [response] = await slack.waitForResponses(responseId, 1, 15_000);
    return response!.body;
  }

  beforeAll(async () => {
    ({ core, tenantId } = await startDemoCore());
    const acme = PAT_ACTOR;
    // Enough "Paging" customers for two pages of /crm find.
    for (let index = 1; index <= 12; index += 1) {
      const created = await core.rapport.runArgs({ actor: acme, command: "new", args: { name: `Paging Test ${String(index).padStart(2, "0")} Ltd`, fields: {} } });
      expect(created.isError).toBeFalsy();
    }

    slack = await startFakeSlackApi(DEFAULT_FAKE_SLACK);
    socket = await startFakeSocketMode(slack, { appToken: APP_TOKEN, pingIntervalMs: 1_000 });
    api = slowable(core.rapport);
    const logger = recordingLogger();
    logs = logger.entries;
    app = createSlackApp({
      api,
      logger,
      config: validateSlackConfig({
        botToken: BOT_TOKEN,
        appToken: APP_TOKEN,
        apiUrl: slack.apiUrl,
        port: 0,
        profileTtlMs: 60_000,
        ackBudgetMs: 1500,
        maxClockSkewSeconds: 300,
      }),
    });
    expect(app.mode).toBe("socket");
    // app.start() resolves on hello; if the client cannot reach apps.connections.open it retries for
    // a very long time (@slack/socket-mode sets 100 retries), so fail with what the fake saw instead.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      app.start(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Socket Mode did not connect within 15 s; apps.connections.open calls at the fake: ${JSON.stringify(socket.opens)}`)), 15_000);
      }),
    ]).finally(() => clearTimeout(timer));
  });

  afterAll(async () => {
    await app?.stop();
    const open = socket?.connections.filter((connection) => connection.open) ?? [];
    await Promise.all(open.map((connection) => socket.waitForClose(connection.id, 5_000).catch(() => undefined)));
    await socket?.stop();
    await slack?.stop();
    await core?.close();
  });

  beforeEach(() => {
    slack.reset();
    api.delayMs = 0;
  });

  test("connects through SLACK_API_URL: apps.connections.open with the app-level token, then hello, and keeps the socket alive with pings", async () => {
    // Recorded by the fake itself (slack.calls is reset before each test).
    expect(socket.opens[0]).toMatchObject({ token: APP_TOKEN, ok: true });
    expect(socket.opens[0]!.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f-]+&app_id=A0RAPPORT$/);
    const [first] = await socket.waitForConnections(1);
    expect(first).toMatchObject({ id: 1, open: true, url: socket.opens[0]!.url });
    // The client pings every clientPingTimeout / 3 (about 1.7 s); the fake answers with pongs and pings too.
    await sleep(2_500);
    expect(first!.pingsFromClient).toBeGreaterThanOrEqual(1);
    expect(first!.pongsFromClient).toBeGreaterThanOrEqual(1);
    expect(first!.unexpected).toEqual([]);
    expect(first!.open).toBe(true);
  });

  test("/crm find: the envelope is acked at once (empty ack) while the core takes 3.5 s, then answered through response_url", async () => {
    api.delayMs = 3_500;
    const { envelope, responseId } = crm(PAT, "find acme");
    const [delivery] = socket.deliveriesOf(envelope.envelope_id);
    const ack = await socket.waitForAck(envelope.envelope_id, 5_000);
    expect(ack.at - delivery!.at).toBeLessThan(3_000);
    expect(ack.connectionId).toBe(delivery!.connectionId);
    expect(JSON.parse(ack.raw)).toEqual({ envelope_id: envelope.envelope_id, payload: {} });
    expect(slack.responsesTo(responseId)).toHaveLength(0); // nothing answered before the ack

    const body = await answered(responseId);
    expect(body).toMatchObject({ response_type: "ephemeral", text: 'Customers matching "acme"' });
    expect(readable(body)).toContain("*Acme Corp  #1*\nactive · Boston · owner Alice Martin");
    expect(buttonsOf(body).map((button) => button.value)).toContain("show #1");
    await sleep(300);
    expect(socket.acksOf(envelope.envelope_id)).toHaveLength(1);
    expect(slack.responsesTo(responseId)).toHaveLength(1);
  }, 20_000);

  test("interactive: Next page on a /crm find result is acked and replaces the message with page 2", async () => {
    const { responseId } = crm(PAT, "find paging test");
    const first = await answered(responseId);
    expect(readable(first)).toContain("Paging Test 01 Ltd");
    expect(readable(first)).not.toContain("Paging Test 12 Ltd");
    const next = buttonsOf(first).find((button) => button.action_id.startsWith("rapport:page:") && /page=2/.test(button.value));
    expect(next).toBeDefined();

    const press = socket.interactive(blockAction(PAT, { actionId: next!.action_id, value: next!.value, responseUrl: slack.responseUrl("socket-page") }));
    const ack = await socket.waitForAck(press.envelope_id, 3_000);
    expect(JSON.parse(ack.raw)).toEqual({ envelope_id: press.envelope_id, payload: {} });
    const page2 = await answered("socket-page");
    expect(page2).toMatchObject({ replace_original: true });
    expect(readable(page2)).toContain("Paging Test 12 Ltd");
    expect(readable(page2)).not.toContain("Paging Test 01 Ltd");
  });

  test("interactive: Share in channel posts the result in the channel and deletes the ephemeral original", async () => {
    const { responseId } = crm(PAT, "find globex");
    const found = await answered(responseId);
    const share = buttonsOf(found).find((button) => button.action_id.startsWith("rapport:share:"));
    expect(share).toBeDefined();

    const press = socket.interactive(blockAction(PAT, { actionId: share!.action_id, value: share!.value, responseUrl: slack.responseUrl("socket-share") }));
    await socket.waitForAck(press.envelope_id, 3_000);
    const [posted] = await slack.waitForCalls("chat.postMessage", 1, () => true, 10_000);
    expect(posted!.token).toBe(BOT_TOKEN);
    expect(posted!.args.channel).toBe("C0SALES");
    expect(JSON.stringify(posted!.args.blocks)).toContain("Globex Corporation");
    expect(JSON.stringify(posted!.args.blocks)).toContain("Shared by <@U0PAT>");
    const [deleted] = await slack.waitForResponses("socket-share");
    expect(deleted!.body).toEqual({ delete_original: true });
  });

  test.each<[DisconnectReason]>([["refresh_requested"], ["warning"]])(
    "disconnect (%s): the client closes the socket, asks apps.connections.open for a new URL, and a command on the new socket is answered exactly once",
    async (reason) => {
      const before = socket.connections.length;
      const opensBefore = socket.opens.length;
      const old = socket.current!;
      socket.disconnect(reason, { closeAfterMs: 20_000 });

      const closed = await socket.waitForClose(old.id, 5_000);
      expect(closed).toMatchObject({ closedBy: "client", closeCode: 1000 });
      const connections = await socket.waitForConnections(before + 1, 15_000);
      const fresh = connections[connections.length - 1]!;
      expect(fresh.id).not.toBe(old.id);
      expect(fresh.open).toBe(true);
      // A new URL (tickets are single-use), asked for with the app-level token through the fake Web API.
      expect(socket.opens.slice(opensBefore)).toEqual([expect.objectContaining({ token: APP_TOKEN, ok: true })]);
      expect(slack.callsOf("apps.connections.open").map((call) => call.token)).toEqual([APP_TOKEN]);
      expect(fresh.url).not.toBe(old.url);
      // @slack/socket-mode closes first and reconnects after clientPingTimeout (5 s): no overlap.
      expect(fresh.openedAt).toBeGreaterThanOrEqual(closed.closedAt!);
      expect(fresh.openedAt - closed.closedAt!).toBeLessThan(10_000);

      const { envelope, responseId } = crm(PAT, "find globex");
      expect(socket.deliveriesOf(envelope.envelope_id)).toEqual([expect.objectContaining({ connectionId: fresh.id })]);
      const ack = await socket.waitForAck(envelope.envelope_id, 3_000);
      expect(ack.connectionId).toBe(fresh.id);
      const body = await answered(responseId);
      expect(readable(body)).toContain("Globex Corporation");
      await sleep(500);
      expect(slack.responsesTo(responseId)).toHaveLength(1);
      expect(socket.acksOf(envelope.envelope_id)).toHaveLength(1);
    },
    30_000,
  );

  test('the same /crm new envelope delivered three times (Slack retrying) creates the customer once', async () => {
    const name = "Socket Retry GmbH";
    expect(await customersNamed(name)).toBe(0);
    api.delayMs = 300; // the retries arrive while the first delivery is still in the core
    const { envelope, responseId } = crm(PAT, `new "${name}" city=Hamburg`);
    socket.redeliver(envelope.envelope_id);
    const first = await answered(responseId);
    expect(first.text).toBe(`Created ${name}`);
    // ... and once more after the first one was answered.
    socket.redeliver(envelope.envelope_id);
    await slack.waitForResponses(responseId, 3, 15_000);
    await sleep(300);

    expect(socket.deliveriesOf(envelope.envelope_id).map((delivery) => delivery.retryAttempt)).toEqual([0, 1, 2]);
    expect(socket.acksOf(envelope.envelope_id)).toHaveLength(3); // every delivery is acked
    expect(await customersNamed(name)).toBe(1);
    const answers = slack.responsesTo(responseId).map((response) => response.body.text);
    expect(answers).toEqual([`Created ${name}`, `Created ${name}`, `Created ${name}`]); // the first reply again, no error
  }, 20_000);

  test("events_api: app_home_opened delivered twice (retry_attempt 1) publishes the Home tab once", async () => {
    const envelope = socket.eventsApi(eventCallback(PAT, appHomeOpened(PAT)));
    expect(envelope).toMatchObject({ type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });
    await socket.waitForAck(envelope.envelope_id, 3_000);
    await slack.waitForCalls("views.publish", 1, () => true, 10_000);
    socket.redeliver(envelope.envelope_id);
    await sleep(300);
    await socket.waitForAck(envelope.envelope_id, 3_000);
    expect(socket.acksOf(envelope.envelope_id)).toHaveLength(2);
    await sleep(500);
    expect(slack.callsOf("views.publish")).toHaveLength(1);
    expect(logs.some((entry) => (entry.object as { msg?: string }).msg === "Skipping a repeated event delivery" || entry.message === "Skipping a repeated event delivery")).toBe(true);
  });
});
