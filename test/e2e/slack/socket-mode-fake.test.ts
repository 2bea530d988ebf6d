/**
 * The Socket Mode fake itself, spoken to with a bare WebSocket client (`ws`), so the protocol it
 * plays is pinned down independently of Bolt: token checks on apps.connections.open, single-use
 * URLs, hello, acks, redelivery of unacknowledged envelopes, debug_reconnects.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import { startFakeSlackApi, type FakeSlackApi } from "../../fakes/slack/fake-slack-api.js";
import { startFakeSocketMode, type FakeSocketMode, type FakeSocketModeOptions } from "../../fakes/slack/fake-socket-mode.js";

const APP_TOKEN = "xapp-1-A0RAPPORT-1-fake";

type Message = Record<string, unknown>;

describe("FakeSocketMode", () => {
  let slack: FakeSlackApi;
  let socket: FakeSocketMode;
  const clients: WebSocket[] = [];

  async function start(options: Partial<FakeSocketModeOptions> = {}): Promise<void> {
    slack = await startFakeSlackApi({ tokens: ["xoxb-bot"] });
    socket = await startFakeSocketMode(slack, { appToken: APP_TOKEN, ...options });
  }

  async function open(token: string | undefined): Promise<Record<string, unknown>> {
    const res = await fetch(`${slack.apiUrl}apps.connections.open`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: "",
    });
    return (await res.json()) as Record<string, unknown>;
  }

  /** Connects and collects every text frame; resolves once open (or rejects with the HTTP status). */
  function connect(url: string): Promise<{ ws: WebSocket; messages: Message[]; next: () => Promise<Message> }> {
    const ws = new WebSocket(url);
    clients.push(ws);
    const messages: Message[] = [];
    let waiting: ((message: Message) => void) | undefined;
    let read = 0;
    ws.on("message", (data) => {
      messages.push(JSON.parse(data.toString()) as Message);
      if (waiting && read < messages.length) {
        const resolve = waiting;
        waiting = undefined;
        resolve(messages[read++]!);
      }
    });
    const next = () =>
      new Promise<Message>((resolve) => {
        if (read < messages.length) resolve(messages[read++]!);
        else waiting = resolve;
      });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve({ ws, messages, next }));
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once("error", reject);
    });
  }

  beforeEach(() => {
    clients.length = 0;
  });
  afterEach(async () => {
    for (const ws of clients) ws.terminate();
    await socket?.stop();
    await slack?.stop();
  });

  test("apps.connections.open wants the app-level token and hands out a single-use URL", async () => {
    await start();
    expect(await open(undefined)).toEqual({ ok: false, error: "not_authed" });
    expect(await open("xoxb-bot")).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(await open("xapp-1-other")).toEqual({ ok: false, error: "invalid_auth" });
    const opened = await open(APP_TOKEN);
    expect(opened).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=.+&app_id=A0RAPPORT$/) });
    expect(slack.callsOf("apps.connections.open").map((call) => call.token)).toEqual([undefined, "xoxb-bot", "xapp-1-other", APP_TOKEN]);

    const first = await connect(String(opened.url));
    expect(await first.next()).toEqual({
      type: "hello",
      num_connections: 1,
      debug_info: { host: "applink-fake-1", build_number: 1, approximate_connection_time: 18_060 },
      connection_info: { app_id: "A0RAPPORT" },
    });
    await expect(connect(String(opened.url))).rejects.toThrow("HTTP 401");
    await expect(connect(String(opened.url).replace(/ticket=[^&]+/, "ticket=forged"))).rejects.toThrow("HTTP 401");
    expect(socket.connections).toHaveLength(1);
  });

  test("records acks; an envelope not acked in time is delivered again with retry_attempt and retry_reason", async () => {
    await start({ redeliverUnackedAfterMs: 200, maxRetries: 2 });
    const client = await connect(String((await open(APP_TOKEN)).url));
    await client.next(); // hello
    const acked = socket.slashCommand({ command: "/crm", text: "find acme", trigger_id: "1.2.t" });
    expect(await client.next()).toEqual({ envelope_id: acked.envelope_id, type: "slash_commands", payload: { command: "/crm", text: "find acme", trigger_id: "1.2.t" }, accepts_response_payload: true });
    client.ws.send(JSON.stringify({ envelope_id: acked.envelope_id, payload: { text: "ok" } }));
    expect(await socket.waitForAck(acked.envelope_id)).toMatchObject({ connectionId: 1, payload: { text: "ok" } });

    const ignored = socket.eventsApi({ type: "event_callback", event_id: "Ev1", event: { type: "app_home_opened" } });
    expect(await client.next()).toMatchObject({ envelope_id: ignored.envelope_id, type: "events_api", accepts_response_payload: false, retry_attempt: 0, retry_reason: "" });
    expect(await client.next()).toMatchObject({ envelope_id: ignored.envelope_id, retry_attempt: 1, retry_reason: "timeout" });
    expect(await client.next()).toMatchObject({ envelope_id: ignored.envelope_id, retry_attempt: 2, retry_reason: "timeout" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(socket.deliveriesOf(ignored.envelope_id)).toHaveLength(3); // maxRetries reached
    expect(socket.deliveriesOf(acked.envelope_id)).toHaveLength(1); // acked: never again
    client.ws.send("not json");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(socket.connections[0]!.unexpected).toEqual(["not json"]);
  });

  test("debug_reconnects: hello says 360 s and refresh_requested follows; the fake closes a socket that ignores it", async () => {
    await start({ debugReconnects: true, debugReconnectAfterMs: 200, closeAfterDisconnectMs: 300 });
    const opened = await open(APP_TOKEN);
    expect(String(opened.url)).toContain("&debug_reconnects=true");
    const client = await connect(String(opened.url));
    expect(await client.next()).toMatchObject({ type: "hello", debug_info: { approximate_connection_time: 360 } });
    expect(await client.next()).toEqual({ type: "disconnect", reason: "refresh_requested", debug_info: { host: "applink-fake-1" } });
    const closed = await socket.waitForClose(1, 5_000);
    expect(closed).toMatchObject({ closedBy: "server", disconnects: ["refresh_requested"] });
  });

  test("answers the client's WebSocket pings", async () => {
    await start();
    const client = await connect(String((await open(APP_TOKEN)).url));
    const pong = new Promise<string>((resolve) => client.ws.once("pong", (data) => resolve(data.toString())));
    client.ws.ping("Ping from client (1)");
    expect(await pong).toBe("Ping from client (1)");
    expect(socket.connections[0]!.pingsFromClient).toBe(1);
  });
});
