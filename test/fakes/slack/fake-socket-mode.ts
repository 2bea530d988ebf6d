/**
 * A local stand-in for Slack's Socket Mode, for end-to-end tests with the real Bolt app
 * (SocketModeReceiver, @slack/socket-mode). Loopback only, port 0.
 *
 * The protocol, as Slack documents it ("Using Socket Mode", docs.slack.dev/apis/events-api/using-socket-mode):
 * - `apps.connections.open`, called with the app-level token (`Authorization: Bearer xapp-...`),
 *   answers `{ ok: true, url }`: a single-use WebSocket URL (`.../link/?ticket=...&app_id=...`).
 *   Here it is served through the FakeSlackApi (`attach`), so the app must use the configured
 *   Web API base URL for it; a bot token gets `not_allowed_token_type`.
 * - On connect Slack sends `{"type":"hello","num_connections",...,"debug_info":{...,
 *   "approximate_connection_time"},"connection_info":{"app_id"}}`. With `debug_reconnects=true` in
 *   the URL the connection lasts about 360 s instead of hours (here: `debugReconnectAfterMs`).
 * - Payloads arrive in envelopes `{"envelope_id","type":"slash_commands"|"interactive"|"events_api",
 *   "payload","accepts_response_payload"}` (events_api also with `retry_attempt`/`retry_reason`).
 *   The app acknowledges each with `{"envelope_id","payload"?}` on the socket; an envelope not
 *   acknowledged is delivered again (`redeliver`, or automatically with `redeliverUnackedAfterMs`).
 * - Slack asks the client to reconnect with `{"type":"disconnect","reason":"warning"|
 *   "refresh_requested"|"link_disabled","debug_info":{"host"}}` and closes the socket itself some
 *   time later if the client does not (`closeAfterMs`).
 * - WebSocket ping/pong: the `ws` server answers the client's pings (counted per connection);
 *   `pingIntervalMs` makes the fake ping the client too, as Slack does.
 *
 * Every open call, connection, delivery and ack is recorded with a timestamp.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { parseAckMessage, type FakeSlackApi } from "./fake-slack-api.js";
import { Waiters } from "../waiters.js";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";
export type DisconnectReason = "warning" | "refresh_requested" | "link_disabled";

export type Envelope = {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
};

export type FakeSocketConnection = {
  /** 1, 2, ... in the order the sockets were opened. */
  id: number;
  ticket: string;
  url: string;
  debugReconnects: boolean;
  openedAt: number;
  /** When hello was sent. */
  helloAt?: number;
  closedAt?: number;
  closeCode?: number;
  /** Who started the close: the client (close frame), the server (after a disconnect message / stop). */
  closedBy?: "client" | "server";
  /** Disconnect messages sent on this socket. */
  disconnects: DisconnectReason[];
  pingsFromClient: number;
  pongsFromClient: number;
  /** Text frames that were not acks (no envelope_id). */
  unexpected: string[];
  readonly open: boolean;
};

export type RecordedOpen = { token: string | undefined; ok: boolean; error?: string; url?: string; at: number };
export type RecordedDelivery = { envelopeId: string; connectionId: number; retryAttempt: number; at: number };
export type RecordedAck = { envelopeId: string; connectionId: number; payload?: unknown; raw: string; at: number };

export type FakeSocketModeOptions = {
  /** The app-level token apps.connections.open accepts. */
  appToken: string;
  appId?: string;
  /** Seconds reported as debug_info.approximate_connection_time in hello (Slack: a few hours). */
  approximateConnectionTimeSeconds?: number;
  /** Append `debug_reconnects=true` to the URLs handed out (Slack's trick for testing reconnects). */
  debugReconnects?: boolean;
  /** With debug_reconnects, after how long the fake sends refresh_requested (Slack: about 360 s). */
  debugReconnectAfterMs?: number;
  /** After a disconnect message, close the socket if the client has not after this long (default 10 s). */
  closeAfterDisconnectMs?: number;
  /** Ping every connection this often (Slack pings its clients); undefined: never. */
  pingIntervalMs?: number;
  /** Redeliver an envelope not acknowledged within this time, up to `maxRetries` times. */
  redeliverUnackedAfterMs?: number;
  maxRetries?: number;
};


type Connection = FakeSocketConnection & { socket: WebSocket; timers: NodeJS.Timeout[] };

export class FakeSocketMode {
  readonly opens: RecordedOpen[] = [];
  readonly deliveries: RecordedDelivery[] = [];
  readonly acks: RecordedAck[] = [];
  private readonly connectionList: Connection[] = [];
  private readonly envelopes = new Map<string, Envelope>();
  private api: FakeSlackApi | undefined;
  private readonly tickets = new Map<string, { url: string; used: boolean }>();
  private readonly waiters = new Waiters();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private baseUrl = "";
  private openError: string | undefined;

  constructor(private readonly options: FakeSocketModeOptions) {}

  async start(): Promise<this> {
    const server = createServer((_req, res) => {
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end("WebSocket only");
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on("upgrade", (req, socket, head) => this.upgrade(wss, req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.wss = wss;
    this.baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const connection of this.connectionList) {
      for (const timer of connection.timers) clearTimeout(timer);
      if (connection.open) {
        connection.closedBy ??= "server";
        connection.socket.terminate();
      }
    }
    this.wss?.close();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Serves apps.connections.open on `api` (the app's Web API base URL). */
  attach(api: FakeSlackApi): this {
    this.api = api;
    api.handleMethod("apps.connections.open", (_args, token) => this.connectionsOpen(token));
    return this;
  }

  /** From now on apps.connections.open answers `{ ok: false, error }` (undefined: normal again). */
  failOpens(error: string | undefined): void {
    this.openError = error;
  }

  get connections(): readonly FakeSocketConnection[] {
    return this.connectionList;
  }

  /** The newest open socket that got hello: where Slack would deliver. */
  get current(): FakeSocketConnection | undefined {
    return [...this.connectionList].reverse().find((connection) => connection.open && connection.helloAt !== undefined);
  }

  /** Delivers a payload in a new envelope on `connectionId` (default: the current socket); returns the envelope. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, options: { envelopeId?: string; acceptsResponsePayload?: boolean; connectionId?: number } = {}): Envelope {
    const envelope: Envelope = {
      envelope_id: options.envelopeId ?? randomUUID(),
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? type !== "events_api",
      ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
    };
    this.envelopes.set(envelope.envelope_id, envelope);
    this.send(envelope, 0, options.connectionId);
    return envelope;
  }

  slashCommand(fields: Record<string, string>, options: { connectionId?: number } = {}): Envelope {
    return this.deliver("slash_commands", fields, options);
  }

  interactive(payload: Record<string, unknown>, options: { connectionId?: number } = {}): Envelope {
    return this.deliver("interactive", payload, options);
  }

  eventsApi(body: Record<string, unknown>, options: { connectionId?: number } = {}): Envelope {
    return this.deliver("events_api", body, options);
  }

  /** Delivers an envelope again, as Slack retries one it got no ack for: same envelope_id and payload. */
  redeliver(envelopeId: string, options: { retryReason?: string; connectionId?: number } = {}): Envelope {
    const envelope = this.envelopes.get(envelopeId);
    if (!envelope) throw new Error(`FakeSocketMode: no envelope ${envelopeId}`);
    const attempt = this.deliveries.filter((delivery) => delivery.envelopeId === envelopeId).length;
    const again: Envelope = { ...envelope, retry_attempt: attempt, retry_reason: options.retryReason ?? "timeout" };
    this.send(again, attempt, options.connectionId);
    return again;
  }

  /** Sends `{"type":"disconnect","reason"}`; the fake closes the socket after `closeAfterMs` if the client has not. */
  disconnect(reason: DisconnectReason, options: { connectionId?: number; closeAfterMs?: number } = {}): FakeSocketConnection {
    const connection = this.connection(options.connectionId);
    connection.disconnects.push(reason);
    connection.socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: `applink-fake-${connection.id}` } }));
    connection.timers.push(
      setTimeout(() => {
        if (!connection.open) return;
        connection.closedBy ??= "server";
        connection.socket.close(1000, reason);
      }, options.closeAfterMs ?? this.options.closeAfterDisconnectMs ?? 10_000),
    );
    return connection;
  }

  /** Drops a socket without a close handshake (a network failure). */
  kill(connectionId?: number): void {
    const connection = this.connection(connectionId);
    connection.closedBy = "server";
    connection.socket.terminate();
  }

  acksOf(envelopeId: string): RecordedAck[] {
    return this.acks.filter((ack) => ack.envelopeId === envelopeId);
  }

  deliveriesOf(envelopeId: string): RecordedDelivery[] {
    return this.deliveries.filter((delivery) => delivery.envelopeId === envelopeId);
  }

  /** Resolves with the first ack of `envelopeId`. */
  async waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<RecordedAck> {
    await this.waitUntil(() => this.acksOf(envelopeId).length > 0, `an ack of envelope ${envelopeId}`, timeoutMs);
    return this.acksOf(envelopeId)[0]!;
  }

  /** Resolves once `count` sockets got hello (counting every socket ever opened). */
  async waitForConnections(count: number, timeoutMs = 10_000): Promise<FakeSocketConnection[]> {
    const ready = () => this.connectionList.filter((connection) => connection.helloAt !== undefined);
    await this.waitUntil(() => ready().length >= count, `${count} connection(s) with hello`, timeoutMs);
    return ready();
  }

  /** Resolves once socket `connectionId` is closed. */
  async waitForClose(connectionId: number, timeoutMs = 10_000): Promise<FakeSocketConnection> {
    const connection = this.connection(connectionId, true);
    await this.waitUntil(() => !connection.open, `connection ${connectionId} to close`, timeoutMs);
    return connection;
  }

  private connectionsOpen(token: string | undefined): Record<string, unknown> {
    const at = Date.now();
    const refuse = (error: string) => {
      this.opens.push({ token, ok: false, error, at });
      this.notify();
      return { ok: false, error };
    };
    if (!token) return refuse("not_authed");
    if (!token.startsWith("xapp-")) return refuse("not_allowed_token_type");
    if (token !== this.options.appToken) return refuse("invalid_auth");
    if (this.openError) return refuse(this.openError);
    const ticket = randomUUID();
    const query = new URLSearchParams({ ticket, app_id: this.appId });
    if (this.options.debugReconnects) query.set("debug_reconnects", "true");
    const url = `${this.baseUrl}/link/?${query.toString()}`;
    this.tickets.set(ticket, { url, used: false });
    this.opens.push({ token, ok: true, url, at });
    this.notify();
    return { ok: true, url };
  }

  private upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const ticket = url.searchParams.get("ticket") ?? "";
    const known = this.tickets.get(ticket);
    // Tickets are single-use: a reconnect must ask apps.connections.open for a new URL.
    if (url.pathname !== "/link/" || !known || known.used) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    known.used = true;
    wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, ticket, known.url, url.searchParams.get("debug_reconnects") === "true"));
  }

  private onConnection(socket: WebSocket, ticket: string, url: string, debugReconnects: boolean): void {
    const connection: Connection = {
      id: this.connectionList.length + 1,
      ticket,
      url,
      debugReconnects,
      openedAt: Date.now(),
      disconnects: [],
      pingsFromClient: 0,
      pongsFromClient: 0,
      unexpected: [],
      socket,
      timers: [],
      get open() {
        return this.closedAt === undefined;
      },
    };
    this.connectionList.push(connection);
    socket.on("ping", () => {
      connection.pingsFromClient += 1;
    });
    socket.on("pong", () => {
      connection.pongsFromClient += 1;
    });
    socket.on("message", (data: RawData, isBinary: boolean) => this.onMessage(connection, data, isBinary));
    socket.on("close", (code) => {
      connection.closedAt = Date.now();
      connection.closeCode = code;
      connection.closedBy ??= "client";
      for (const timer of connection.timers) clearTimeout(timer);
      this.notify();
    });
    socket.on("error", () => undefined);

    const openCount = this.connectionList.filter((other) => other.open).length;
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: openCount,
        debug_info: {
          host: `applink-fake-${connection.id}`,
          build_number: 1,
          approximate_connection_time: debugReconnects ? 360 : (this.options.approximateConnectionTimeSeconds ?? 18_060),
        },
        connection_info: { app_id: this.appId },
      }),
    );
    connection.helloAt = Date.now();
    if (this.options.pingIntervalMs) {
      const interval = setInterval(() => {
        if (connection.open) socket.ping(Buffer.from(`ping ${Date.now()}`));
      }, this.options.pingIntervalMs);
      connection.timers.push(interval);
    }
    if (debugReconnects) {
      connection.timers.push(setTimeout(() => connection.open && this.disconnect("refresh_requested", { connectionId: connection.id }), this.options.debugReconnectAfterMs ?? 360_000));
    }
    this.notify();
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    const raw = Buffer.isBuffer(data) ? data.toString("utf8") : Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data).toString("utf8");
    let message: unknown;
    try {
      message = isBinary ? undefined : JSON.parse(raw);
    } catch {
      message = undefined;
    }
    const envelopeId = message && typeof message === "object" ? (message as { envelope_id?: unknown }).envelope_id : undefined;
    if (typeof envelopeId !== "string") {
      connection.unexpected.push(raw);
      this.notify();
      return;
    }
    const payload = (message as { payload?: unknown }).payload;
    this.acks.push({ envelopeId, connectionId: connection.id, ...(payload !== undefined ? { payload } : {}), raw, at: Date.now() });
    // Slack shows a message an ack carries: recorded as the answer at the command's response_url.
    const delivered = this.envelopes.get(envelopeId);
    if (delivered?.type === "slash_commands") this.api?.recordAckAnswer(String(delivered.payload.response_url ?? ""), parseAckMessage(payload));
    this.notify();
  }

  private send(envelope: Envelope, retryAttempt: number, connectionId?: number): void {
    const connection = this.connection(connectionId);
    this.deliveries.push({ envelopeId: envelope.envelope_id, connectionId: connection.id, retryAttempt, at: Date.now() });
    connection.socket.send(JSON.stringify(envelope));
    this.notify();
    const after = this.options.redeliverUnackedAfterMs;
    if (after !== undefined && retryAttempt < (this.options.maxRetries ?? 3)) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (this.acksOf(envelope.envelope_id).length > 0 || !this.current) return;
        this.redeliver(envelope.envelope_id);
      }, after);
      this.timers.add(timer);
    }
  }

  private connection(id?: number, includeClosed = false): Connection {
    const found = id === undefined ? (this.current as Connection | undefined) : this.connectionList.find((connection) => connection.id === id);
    if (!found) throw new Error(`FakeSocketMode: no ${id === undefined ? "open connection" : `connection ${id}`}`);
    if (!includeClosed && !found.open) throw new Error(`FakeSocketMode: connection ${found.id} is closed`);
    return found;
  }

  private get appId(): string {
    return this.options.appId ?? "A0RAPPORT";
  }

  private waitUntil(match: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return this.waiters.until(match, () => `FakeSocketMode: timed out waiting for ${what}; ${this.connectionList.length} connection(s), ${this.acks.length} ack(s), ${this.opens.length} open call(s)`, timeoutMs);
  }

  private notify(): void {
    this.waiters.notify();
  }

}

export async function startFakeSocketMode(api: FakeSlackApi, options: FakeSocketModeOptions): Promise<FakeSocketMode> {
  const fake = await new FakeSocketMode(options).start();
  return fake.attach(api);
}
