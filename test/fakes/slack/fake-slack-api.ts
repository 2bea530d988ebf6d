/**
 * A local stand-in for the Slack Web API (and for `response_url`s), for end-to-end tests.
 *
 * Speaks the wire shape the official clients use: `POST /api/<method>` with a form-encoded or JSON
 * body and a bearer token, answering `{ ok: true, ... }` or `{ ok: false, error }`. Every call is
 * recorded (with JSON-valued form fields such as `blocks` and `view` decoded) so tests can assert
 * on exactly what reached "Slack". Faults can be injected per method: a 429 with `Retry-After`, a
 * 500, or a connection dropped after the call was processed (Slack did the work, the client never
 * heard back).
 *
 * It also keeps what was posted per channel (with message metadata) for `conversations.history`,
 * and answers the OAuth code exchange (`oauth.v2.access`) for configured grants, after which the
 * granted bot token is accepted and `auth.test` answers with its workspace. Several workspaces can
 * be installed at once (`installations`: Slack Connect, one channel shared by two teams): each
 * token answers as its own team and bot, and its posts carry its own bot id. `chat.delete` removes
 * a message of the calling bot.
 *
 * Files follow Slack's upload flow: `files.getUploadURLExternal` (filename and length checked)
 * hands out an `upload_url` on this server and a file id; a POST of the bytes to that URL (raw or
 * multipart) is stored and must be exactly the announced length, as Slack requires; and
 * `files.completeUploadExternal` shares the uploaded ids in `channel_id` (a known channel the bot
 * is in, or a DM from `conversations.open`). Completed files land in `sharedFiles`, bytes
 * included, so tests can read back what a person would download. The byte upload can be faulted
 * like a method under the name `UPLOAD_METHOD`.
 *
 * Methods it does not know can be served from outside with `handleMethod` (FakeSocketMode answers
 * `apps.connections.open` that way, checking the app-level token itself).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Waiters } from "../waiters.js";
import { sendSigned, type SignedRequest } from "./sign-request.js";

export type FakeSlackUser = {
  id: string;
  teamId: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  tz?: string;
  /** users.info `locale` (with include_locale), e.g. "zh-TW", "ko-KR". */
  locale?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** A multi-channel guest (users.info is_restricted). */
  isRestricted?: boolean;
  /** A single-channel guest (users.info is_ultra_restricted). */
  isUltraRestricted?: boolean;
  /** A deactivated account (users.list / users.info `deleted`). */
  deleted?: boolean;
  /** A bot user (users.list lists them too; Rapport skips them). */
  isBot?: boolean;
};

export type FakeChannel = { id: string; name: string; isPrivate?: boolean; isExtShared?: boolean; /** Default true. */ isMember?: boolean };

/** A message as conversations.history returns it. */
export type FakeMessage = {
  type: "message";
  ts: string;
  text?: string;
  blocks?: unknown;
  bot_id?: string;
  user?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  files?: { id: string; name: string; title: string }[];
};

/** A file shared by files.completeUploadExternal, with the bytes that were uploaded for it. */
export type FakeSharedFile = {
  id: string;
  filename: string;
  title: string;
  /** `alt_txt` given to files.getUploadURLExternal. */
  altTxt?: string;
  data: Buffer;
  /** Undefined: completed without a channel (a private file). */
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
  token: string | undefined;
};

/** The pseudo-method name under which byte uploads to an `upload_url` are recorded and faulted. */
export const UPLOAD_METHOD = "upload_url";

/** One workspace's installation of the app: its bot token answers as this team and bot. */
export type FakeInstallation = { token: string; teamId: string; botId: string; botUserId?: string };

/** What oauth.v2.access answers for one authorization code. */
export type FakeOAuthGrant = { teamId: string; teamName: string; botToken: string; botUserId: string; installerUserId: string; scopes: readonly string[] };

/**
 * Sign in with Slack (OpenID Connect): the app's credentials and who "signs in" at the fake's
 * authorize page (`GET /openid/connect/authorize` redirects straight back with a code for this
 * user); `openid.connect.token` exchanges the code once, `openid.connect.userInfo` names the user.
 */
export type FakeSignIn = { clientId: string; clientSecret: string; user: { teamId: string; userId: string; name?: string; locale?: string } };

export type RecordedCall = {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
};

/** An answer to a command: posted to its response_url, or (`inAck`) the message its ack carried. */
export type RecordedResponse = { id: string; body: Record<string, unknown>; at: number; inAck?: true };

export type Fault =
  | { kind: "rate-limited"; retryAfterSeconds: number }
  | { kind: "server-error" }
  | { kind: "drop-after-processing" }
  /** Slack refuses the call (`{ ok: false, error }`, HTTP 200), e.g. missing_scope (with `needed`) or not_in_channel. */
  | { kind: "platform-error"; error: string; needed?: string };


/**
 * Answers one Web API method the fake does not implement itself (see `handleMethod`), e.g.
 * `apps.connections.open` served by FakeSocketMode. It checks the token itself: an app-level token
 * (`xapp-...`) is not one of the bot tokens the fake accepts.
 */
export type MethodHandler = (args: Record<string, unknown>, token: string | undefined) => Record<string, unknown>;

/** Form fields that carry JSON in Slack's form-encoded calls. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "unfurls", "files"]);

/** Slack's limit on `alt_txt` (alt_txt_too_large beyond it). */
const ALT_TXT_MAX = 1000;

type PendingUpload = { id: string; filename: string; length: number; altTxt?: string; data?: Buffer; token: string | undefined };

export type FakeSlackApiOptions = {
  /** Bot tokens accepted; any other token gets `invalid_auth`. Empty (and no installations): accept any token. */
  tokens?: string[];
  teamId?: string;
  botUserId?: string;
  users?: FakeSlackUser[];
  channels?: FakeChannel[];
  /** The app's OAuth credentials and the codes Slack would hand out on "Allow". */
  oauth?: { clientId: string; clientSecret: string; grants: Record<string, FakeOAuthGrant> };
  /** Workspaces already installed (their tokens are accepted besides `tokens`). */
  installations?: FakeInstallation[];
  signIn?: FakeSignIn;
};

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  /** The same responses by response_url id: a load test waits on thousands of ids at once. */
  private readonly responsesById = new Map<string, RecordedResponse[]>();
  private server: Server | undefined;
  private baseUrl = "";
  private readonly faults = new Map<string, Fault[]>();
  private readonly waiters = new Waiters();
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly channels = new Map<string, FakeChannel>();
  /** channel id -> messages posted there, oldest first. */
  readonly history = new Map<string, FakeMessage[]>();
  /** Bot tokens granted through oauth.v2.access -> their workspace. */
  private readonly grantedTokens = new Map<string, string>();
  /** Files shared by files.completeUploadExternal, oldest first. */
  readonly sharedFiles: FakeSharedFile[] = [];
  /** file id -> an upload announced by files.getUploadURLExternal (bytes once POSTed). */
  private readonly pendingUploads = new Map<string, PendingUpload>();
  /** upload_url key -> file id. */
  private readonly uploadKeys = new Map<string, string>();
  /** "channel:ts" -> the unfurls attached to that message (chat.unfurl), keyed by URL. */
  readonly unfurled = new Map<string, Record<string, unknown>>();
  /** user id -> the bot's DM channel with them (conversations.open). */
  private readonly directMessages = new Map<string, string>();
  private tsCounter = 1_700_000_000_000;
  private viewCounter = 0;
  private fileCounter = 0;
  /** Latency added to every Web API answer (ms). */
  latencyMs = 0;
  /** Methods served by handlers from outside (handleMethod), checked before the built-in ones. */
  private readonly methodHandlers = new Map<string, MethodHandler>();

  /** Sign in with Slack: set or change the user the authorize page signs in. */
  signIn: FakeSignIn | undefined;
  private readonly signInCodes = new Map<string, { user: FakeSignIn["user"]; redirectUri: string }>();
  private readonly signInTokens = new Map<string, FakeSignIn["user"]>();

  constructor(private readonly options: FakeSlackApiOptions = {}) {
    for (const user of options.users ?? []) this.users.set(user.id, user);
    for (const channel of options.channels ?? []) this.channels.set(channel.id, channel);
    this.signIn = options.signIn;
    this.methodHandlers.set("openid.connect.token", (args) => {
      const code = this.signInCodes.get(String(args.code ?? ""));
      if (!this.signIn || args.client_id !== this.signIn.clientId || args.client_secret !== this.signIn.clientSecret) return { ok: false, error: "invalid_client" };
      if (!code) return { ok: false, error: "invalid_code" };
      this.signInCodes.delete(String(args.code));
      if (args.redirect_uri !== code.redirectUri) return { ok: false, error: "bad_redirect_uri" };
      const accessToken = `xoxp-oidc-${this.signInTokens.size + 1}`;
      this.signInTokens.set(accessToken, code.user);
      return { ok: true, access_token: accessToken, token_type: "Bearer", id_token: "fake.id.token" };
    });
    this.methodHandlers.set("openid.connect.userInfo", (_args, token) => {
      const user = token ? this.signInTokens.get(token) : undefined;
      if (!user) return { ok: false, error: "invalid_auth" };
      return {
        ok: true,
        sub: user.userId,
        "https://slack.com/user_id": user.userId,
        "https://slack.com/team_id": user.teamId,
        name: user.name ?? user.userId,
        ...(user.locale ? { locale: user.locale } : {}),
      };
    });
  }

  /** The authorize page: "Allow" at once for `signIn.user`, back to redirect_uri with a code and the state. */
  private authorize(url: URL, res: ServerResponse): void {
    const redirectUri = url.searchParams.get("redirect_uri") ?? "";
    if (!this.signIn || url.searchParams.get("client_id") !== this.signIn.clientId || !/\bopenid\b/.test(url.searchParams.get("scope") ?? "") || !redirectUri) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end("invalid_request");
      return;
    }
    const code = `oidc-code-${this.signInCodes.size + this.signInTokens.size + 1}-${Date.now()}`;
    this.signInCodes.set(code, { user: this.signIn.user, redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", url.searchParams.get("state") ?? "");
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Base for `slackApiUrl` (with the trailing slash the clients expect). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A `response_url` served by this fake. */
  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: FakeChannel): void {
    this.channels.set(channel.id, channel);
  }

  /**
   * Serves `method` with `handler` (which does its own token check); calls are recorded and faults
   * apply as for every method. Used by FakeSocketMode for `apps.connections.open`.
   */
  handleMethod(method: string, handler: MethodHandler): void {
    this.methodHandlers.set(method, handler);
  }

  /** The next `times` calls of `method` fail with `fault`. */
  inject(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let index = 0; index < times; index += 1) queue.push(fault);
    this.faults.set(method, queue);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  responsesTo(id: string): RecordedResponse[] {
    return [...(this.responsesById.get(id) ?? [])];
  }

  /**
   * Posts a signed slash command to the app, as Slack does. A message in the ack is what Slack
   * shows at once: it is recorded as an answer at the command's response_url (`inAck`), so a test
   * waits for the answer the same way whether it came in the ack or later.
   */
  async sendSlashCommand(appUrl: string, request: SignedRequest): Promise<{ status: number; text: string; elapsedMs: number }> {
    const sent = await sendSigned(appUrl, request);
    const responseUrl = new URLSearchParams(request.body).get("response_url");
    this.recordAckAnswer(responseUrl, sent.status === 200 ? parseAckMessage(sent.text) : undefined);
    return sent;
  }

  /** A message carried by a command's ack (HTTP or Socket Mode), recorded as the answer at its response_url. */
  recordAckAnswer(responseUrl: string | null | undefined, message: Record<string, unknown> | undefined): void {
    const prefix = this.responseUrl("");
    if (!message || !responseUrl?.startsWith(prefix)) return;
    this.recordResponse({ id: decodeURIComponent(responseUrl.slice(prefix.length)), body: message, at: Date.now(), inAck: true });
  }

  private recordResponse(response: RecordedResponse): void {
    this.responses.push(response);
    const forId = this.responsesById.get(response.id);
    if (forId) forId.push(response);
    else this.responsesById.set(response.id, [response]);
    this.notify();
  }

  /** Puts a message into a channel's history as if someone (or an earlier run) had posted it. */
  addHistory(channelId: string, message: Omit<FakeMessage, "type" | "ts"> & { ts?: string }): FakeMessage {
    const full: FakeMessage = { type: "message", ...message, ts: message.ts ?? this.nextTs() };
    const list = this.history.get(channelId) ?? [];
    list.push(full);
    this.history.set(channelId, list);
    return full;
  }

  /** Shared files in one channel (a DM id from conversations.open, or a channel id). */
  filesIn(channelId: string): FakeSharedFile[] {
    return this.sharedFiles.filter((file) => file.channelId === channelId);
  }

  /** The bot's DM channel with a user, once conversations.open was called for them. */
  directMessageWith(userId: string): string | undefined {
    return this.directMessages.get(userId);
  }

  /** Resolves once at least `count` files were shared (matching `where`). */
  waitForSharedFiles(count = 1, where: (file: FakeSharedFile) => boolean = () => true, timeoutMs = 10_000): Promise<FakeSharedFile[]> {
    const matching = () => this.sharedFiles.filter(where);
    return this.waitUntil(() => matching().length >= count, `${count} shared file(s)`, timeoutMs).then(matching);
  }

  reset(): void {
    this.history.clear();
    this.sharedFiles.length = 0;
    this.pendingUploads.clear();
    this.uploadKeys.clear();
    this.calls.length = 0;
    this.responses.length = 0;
    this.responsesById.clear();
    this.faults.clear();
    this.latencyMs = 0;
  }

  /** Resolves once at least `count` calls of `method` (matching `where`) were recorded. */
  waitForCalls(method: string, count = 1, where: (call: RecordedCall) => boolean = () => true, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const matching = () => this.callsOf(method).filter(where);
    return this.waitUntil(() => matching().length >= count, `${count} ${method} call(s)`, timeoutMs).then(matching);
  }

  /** Resolves once at least `count` posts reached `response_url` `id`. */
  waitForResponses(id: string, count = 1, timeoutMs = 10_000): Promise<RecordedResponse[]> {
    return this.waitUntil(() => this.responsesTo(id).length >= count, `${count} response(s) to ${id}`, timeoutMs).then(() =>
      this.responsesTo(id),
    );
  }

  private waitUntil(match: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return this.waiters.until(match, () => `FakeSlackApi: timed out waiting for ${what}; saw ${this.calls.map((call) => call.method).join(", ") || "no calls"}`, timeoutMs);
  }

  private notify(): void {
    this.waiters.notify();
  }


  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const bytes = await readBody(req);
    const raw = bytes.toString("utf8");
    if (req.method === "GET" && url.pathname === "/openid/connect/authorize") return this.authorize(url, res);
    if (req.method !== "POST") return sendJson(res, 405, { ok: false, error: "method_not_allowed" });

    if (url.pathname.startsWith("/upload/v1/")) return this.receiveUpload(req, res, decodeURIComponent(url.pathname.slice("/upload/v1/".length)), bytes);

    if (url.pathname.startsWith("/response/")) {
      this.recordResponse({ id: decodeURIComponent(url.pathname.slice("/response/".length)), body: parseJsonObject(raw), at: Date.now() });
      return sendJson(res, 200, { ok: true });
    }

    if (!url.pathname.startsWith("/api/")) return sendJson(res, 404, { ok: false, error: "unknown_path" });
    const method = url.pathname.slice("/api/".length);
    const args = parseArgs(req.headers["content-type"] ?? "", raw);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof args.token === "string" ? args.token : undefined);
    delete args.token;

    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === "rate-limited") {
      this.calls.push({ method: `${method}#429`, args, token, at: Date.now() });
      this.notify();
      res.writeHead(429, { "Retry-After": String(fault.retryAfterSeconds), "Content-Type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    if (fault?.kind === "server-error") {
      this.calls.push({ method: `${method}#500`, args, token, at: Date.now() });
      this.notify();
      return sendJson(res, 500, { ok: false, error: "internal_error" });
    }
    if (fault?.kind === "platform-error") {
      this.calls.push({ method: `${method}#${fault.error}`, args, token, at: Date.now() });
      this.notify();
      return sendJson(res, 200, { ok: false, error: fault.error, ...(fault.needed ? { needed: fault.needed, provided: "commands,chat:write" } : {}) });
    }

    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const handler = this.methodHandlers.get(method);
    if (handler) {
      const answer = handler(args, token);
      this.calls.push({ method, args, token, at: Date.now() });
      this.notify();
      if (fault?.kind === "drop-after-processing") {
        req.socket.destroy();
        return;
      }
      return sendJson(res, 200, answer);
    }
    const accepted =
      method === "oauth.v2.access" ||
      (!this.options.tokens?.length && !this.options.installations?.length) ||
      (token !== undefined && (this.options.tokens?.includes(token) || this.grantedTokens.has(token) || this.installationOf(token) !== undefined));
    const answer = accepted ? this.answer(method, args, token) : { ok: false, error: token ? "invalid_auth" : "not_authed" };
    this.calls.push({ method, args, token, at: Date.now() });
    this.notify();

    if (fault?.kind === "drop-after-processing") {
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, answer);
  }

  /** The POST of a file's bytes to its upload_url: raw bytes or multipart, exactly the announced length. */
  private receiveUpload(req: IncomingMessage, res: ServerResponse, key: string, body: Buffer): void {
    const fileId = this.uploadKeys.get(key);
    const data = fileBytes(req.headers["content-type"] ?? "", body);
    const args = { file_id: fileId, bytes: data.length };
    const fault = this.faults.get(UPLOAD_METHOD)?.shift();
    const record = (suffix = "") => {
      this.calls.push({ method: `${UPLOAD_METHOD}${suffix}`, args, token: /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1], at: Date.now() });
      this.notify();
    };
    if (fault?.kind === "rate-limited") {
      record("#429");
      res.writeHead(429, { "Retry-After": String(fault.retryAfterSeconds), "Content-Type": "text/plain" });
      res.end("rate limited");
      return;
    }
    if (fault?.kind === "server-error" || fault?.kind === "platform-error") {
      record("#500");
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end("internal error");
      return;
    }
    const pending = fileId ? this.pendingUploads.get(fileId) : undefined;
    if (!pending) {
      record("#404");
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("unknown upload url");
      return;
    }
    if (data.length !== pending.length) {
      record("#400");
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end(`length mismatch: announced ${pending.length} bytes, received ${data.length}`);
      return;
    }
    pending.data = data;
    record();
    if (fault?.kind === "drop-after-processing") {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(`OK - ${data.length}`);
  }

  private getUploadUrl(args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const filename = typeof args.filename === "string" ? args.filename.trim() : "";
    const length = Number(args.length);
    if (!filename) return { ok: false, error: "invalid_arguments" };
    if (!Number.isInteger(length) || length <= 0) return { ok: false, error: "missing_argument" };
    const altTxt = typeof args.alt_txt === "string" ? args.alt_txt : undefined;
    if (altTxt !== undefined && altTxt.length > ALT_TXT_MAX) return { ok: false, error: "alt_txt_too_large" };
    this.fileCounter += 1;
    const id = `F0FAKE${String(this.fileCounter).padStart(5, "0")}`;
    const key = `${id}-${Math.random().toString(36).slice(2, 10)}`;
    this.pendingUploads.set(id, { id, filename, length, ...(altTxt !== undefined ? { altTxt } : {}), token });
    this.uploadKeys.set(key, id);
    return { ok: true, upload_url: `${this.baseUrl}/upload/v1/${encodeURIComponent(key)}`, file_id: id };
  }

  private completeUpload(args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const files = args.files;
    if (!Array.isArray(files) || files.length === 0) return { ok: false, error: "invalid_arguments" };
    const wanted = files.map((file) => (file && typeof file === "object" ? (file as { id?: unknown; title?: unknown }) : {}));
    const uploads: PendingUpload[] = [];
    for (const file of wanted) {
      const pending = typeof file.id === "string" ? this.pendingUploads.get(file.id) : undefined;
      // Never announced, bytes never received, or already completed: Slack knows no such upload.
      if (!pending?.data) return { ok: false, error: "file_not_found" };
      uploads.push(pending);
    }
    const channelId = typeof args.channel_id === "string" && args.channel_id ? args.channel_id : undefined;
    if (channelId) {
      const known = this.channels.get(channelId);
      const isDirectMessage = [...this.directMessages.values()].includes(channelId);
      if (!known && !isDirectMessage) return { ok: false, error: "channel_not_found" };
      if (known?.isMember === false) return { ok: false, error: "not_in_channel" };
    }
    const initialComment = typeof args.initial_comment === "string" ? args.initial_comment : undefined;
    const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
    const shared = uploads.map((upload, index): FakeSharedFile => {
      this.pendingUploads.delete(upload.id);
      const title = typeof wanted[index]!.title === "string" && wanted[index]!.title ? String(wanted[index]!.title) : upload.filename;
      return {
        id: upload.id,
        filename: upload.filename,
        title,
        ...(upload.altTxt !== undefined ? { altTxt: upload.altTxt } : {}),
        data: upload.data!,
        ...(channelId ? { channelId } : {}),
        ...(initialComment !== undefined ? { initialComment } : {}),
        ...(threadTs ? { threadTs } : {}),
        token,
      };
    });
    this.sharedFiles.push(...shared);
    if (channelId) {
      this.addHistory(channelId, { ...(initialComment !== undefined ? { text: initialComment } : {}), bot_id: "BBOT", files: shared.map((file) => ({ id: file.id, name: file.filename, title: file.title })) });
    }
    return {
      ok: true,
      files: shared.map((file) => ({
        id: file.id,
        name: file.filename,
        title: file.title,
        size: file.data.length,
        permalink: `https://fake.slack.test/files/UBOT/${file.id}/${encodeURIComponent(file.filename)}`,
      })),
    };
  }

  private openConversation(args: Record<string, unknown>): Record<string, unknown> {
    const users = String(args.users ?? "").split(",").map((user) => user.trim()).filter(Boolean);
    if (users.length !== 1) return { ok: false, error: users.length ? "not_implemented_in_fake" : "users_list_not_supplied" };
    const userId = users[0]!;
    if (!this.users.has(userId)) return { ok: false, error: "user_not_found" };
    let channelId = this.directMessages.get(userId);
    if (!channelId) {
      channelId = `D${userId.replace(/^[UW]/, "")}`;
      this.directMessages.set(userId, channelId);
    }
    return { ok: true, channel: { id: channelId } };
  }

  private exchangeCode(args: Record<string, unknown>): Record<string, unknown> {
    const oauth = this.options.oauth;
    if (!oauth) return { ok: false, error: "invalid_client_id" };
    if (args.client_id !== oauth.clientId) return { ok: false, error: "invalid_client_id" };
    if (args.client_secret !== oauth.clientSecret) return { ok: false, error: "bad_client_secret" };
    const grant = oauth.grants[String(args.code ?? "")];
    if (!grant) return { ok: false, error: "invalid_code" };
    this.grantedTokens.set(grant.botToken, grant.teamId);
    return {
      ok: true,
      app_id: "A0RAPPORT",
      authed_user: { id: grant.installerUserId },
      scope: grant.scopes.join(","),
      token_type: "bot",
      access_token: grant.botToken,
      bot_user_id: grant.botUserId,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /**
   * chat.unfurl by channel + ts (the form Rapport uses): the message must be in the channel's
   * history and every unfurled URL must appear in it, as Slack checks. Unfurls are recorded on the
   * call (`args.unfurls`, decoded) and kept per message in `unfurled`.
   */
  private unfurl(args: Record<string, unknown>): Record<string, unknown> {
    const channelId = String(args.channel ?? "");
    const ts = String(args.ts ?? "");
    const unfurls = args.unfurls;
    if (!unfurls || typeof unfurls !== "object") return { ok: false, error: "invalid_arguments" };
    const message = (this.history.get(channelId) ?? []).find((entry) => entry.ts === ts);
    if (!message) return { ok: false, error: "cannot_find_message" };
    if (Object.keys(unfurls).some((url) => !(message.text ?? "").includes(url))) return { ok: false, error: "cannot_unfurl_url" };
    this.unfurled.set(`${channelId}:${ts}`, { ...this.unfurled.get(`${channelId}:${ts}`), ...(unfurls as Record<string, unknown>) });
    return { ok: true };
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${Math.floor(this.tsCounter / 1000)}.${String(this.tsCounter % 1000).padStart(6, "0")}`;
  }

  /** A user as users.list, team_join and user_change carry it. */
  userObject(user: FakeSlackUser, withLocale = true): Record<string, unknown> {
    return {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      real_name: user.realName ?? user.name,
      deleted: user.deleted ?? false,
      tz: user.tz,
      ...(user.locale && withLocale ? { locale: user.locale } : {}),
      is_admin: user.isAdmin ?? false,
      is_owner: user.isOwner ?? false,
      is_restricted: user.isRestricted ?? false,
      is_ultra_restricted: user.isUltraRestricted ?? false,
      is_bot: user.isBot ?? user.id === "USLACKBOT",
      profile: { email: user.email, display_name: user.displayName ?? "", real_name: user.realName ?? user.name },
    };
  }

  private installationOf(token: string | undefined): FakeInstallation | undefined {
    return token === undefined ? undefined : this.options.installations?.find((installation) => installation.token === token);
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const installation = this.installationOf(token);
    const teamId = installation?.teamId ?? (token && this.grantedTokens.get(token)) ?? this.options.teamId ?? "T0FAKE";
    const botId = installation?.botId ?? "BBOT";
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.test/", team: "Fake Team", user: "rapport", team_id: teamId, user_id: installation?.botUserId ?? this.options.botUserId ?? "UBOT", bot_id: botId };
      case "oauth.v2.access":
        return this.exchangeCode(args);
      case "chat.postMessage": {
        const channelId = String(args.channel ?? "");
        const known = this.channels.get(channelId);
        if (known && known.isMember === false) return { ok: false, error: "not_in_channel" };
        const metadata = args.metadata as FakeMessage["metadata"] | undefined;
        const message = this.addHistory(channelId, {
          text: typeof args.text === "string" ? args.text : undefined,
          blocks: args.blocks,
          bot_id: botId,
          ...(metadata ? { metadata } : {}),
        });
        return { ok: true, channel: channelId, ts: message.ts, message };
      }
      case "chat.delete": {
        const channelId = String(args.channel ?? "");
        const messages = this.history.get(channelId) ?? [];
        const index = messages.findIndex((message) => message.ts === String(args.ts ?? ""));
        if (index < 0) return { ok: false, error: "message_not_found" };
        // A bot token deletes only its own bot's messages.
        if (messages[index]!.bot_id !== botId) return { ok: false, error: "cant_delete_message" };
        messages.splice(index, 1);
        return { ok: true, channel: channelId, ts: args.ts };
      }
      case "conversations.history": {
        const channelId = String(args.channel ?? "");
        const known = this.channels.get(channelId);
        if (!known && !this.history.has(channelId)) return { ok: false, error: "channel_not_found" };
        if (known?.isMember === false) return { ok: false, error: "not_in_channel" };
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
        const oldest = Number(args.oldest ?? 0);
        const newestFirst = [...(this.history.get(channelId) ?? [])].reverse().filter((message) => Number(message.ts) > oldest);
        const limit = Math.max(1, Math.min(999, Number(args.limit ?? 100)));
        const offset = Number(args.cursor ?? 0);
        const page = newestFirst.slice(offset, offset + limit).map(({ metadata, ...message }) => (withMetadata && metadata ? { ...message, metadata } : message));
        const more = offset + limit < newestFirst.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(offset + limit) : "" } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: this.nextTs() };
      case "chat.unfurl":
        return this.unfurl(args);
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "chat.getPermalink": {
        const ts = String(args.message_ts ?? "");
        return { ok: true, channel: args.channel, permalink: `https://fake.slack.test/archives/${String(args.channel)}/p${ts.replace(".", "")}` };
      }
      case "views.open":
      case "views.push":
      case "views.update":
      case "views.publish": {
        const view = (args.view ?? {}) as Record<string, unknown>;
        this.viewCounter += 1;
        const id = typeof args.view_id === "string" ? args.view_id : `V${String(this.viewCounter).padStart(8, "0")}`;
        return { ok: true, view: { ...view, id, hash: `${Date.now()}.hash${this.viewCounter}`, team_id: teamId } };
      }
      case "users.list": {
        // Slackbot first, as Slack lists it; then the workspace's users in insertion order, paged by cursor.
        const slackbot: FakeSlackUser = { id: "USLACKBOT", teamId, name: "slackbot" };
        const everyone = [slackbot, ...[...this.users.values()].filter((user) => user.teamId === teamId)];
        const limit = Math.max(1, Math.min(1000, Number(args.limit ?? 0) || 1000));
        const offset = args.cursor ? Number(Buffer.from(String(args.cursor), "base64").toString("utf8").replace(/^offset:/, "")) : 0;
        if (!Number.isInteger(offset) || offset < 0) return { ok: false, error: "invalid_cursor" };
        const page = everyone.slice(offset, offset + limit);
        const next = offset + limit < everyone.length ? Buffer.from(`offset:${offset + limit}`).toString("base64") : "";
        const withLocale = args.include_locale === true || args.include_locale === "true";
        return { ok: true, members: page.map((user) => this.userObject(user, withLocale)), response_metadata: { next_cursor: next } };
      }
      case "users.info": {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.teamId,
            name: user.name,
            real_name: user.realName ?? user.name,
            tz: user.tz,
            ...(user.locale && (args.include_locale === true || args.include_locale === "true") ? { locale: user.locale } : {}),
            is_admin: user.isAdmin ?? false,
            is_owner: user.isOwner ?? false,
            is_restricted: user.isRestricted ?? false,
            is_ultra_restricted: user.isUltraRestricted ?? false,
            is_bot: false,
            profile: { email: user.email, display_name: user.displayName ?? "", real_name: user.realName ?? user.name },
          },
        };
      }
      case "files.getUploadURLExternal":
        return this.getUploadUrl(args, token);
      case "files.completeUploadExternal":
        return this.completeUpload(args, token);
      case "conversations.list": {
        // Public channels, and private ones only where the bot is a member (as Slack lists them for a bot token); cursor = offset.
        const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 1000);
        const offset = Number(args.cursor ?? 0) || 0;
        const visible = [...this.channels.values()].filter((channel) => !channel.isPrivate || (channel.isMember ?? true));
        const page = visible.slice(offset, offset + limit);
        const next = offset + limit < visible.length ? String(offset + limit) : "";
        return {
          ok: true,
          channels: page.map((channel) => ({ id: channel.id, name: channel.name, is_channel: !channel.isPrivate, is_private: channel.isPrivate ?? false, is_archived: false, is_member: channel.isMember ?? true })),
          response_metadata: { next_cursor: next },
        };
      }
      case "conversations.open":
        return this.openConversation(args);
      case "conversations.info": {
        const channel = this.channels.get(String(args.channel));
        if (!channel) return { ok: false, error: "channel_not_found" };
        return {
          ok: true,
          channel: { id: channel.id, name: channel.name, is_channel: true, is_private: channel.isPrivate ?? false, is_ext_shared: channel.isExtShared ?? false, is_member: channel.isMember ?? true },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The file in an upload POST: the raw body, or the first part with a filename (else the first part) of a multipart body. */
function fileBytes(contentType: string, body: Buffer): Buffer {
  const boundary = /multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return body;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { headers: string; data: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      // The part sits between "\r\n" after the delimiter and "\r\n" before the next one.
      parts.push({ headers: part.subarray(0, headerEnd).toString("utf8"), data: part.subarray(headerEnd + 4, part.length - 2) });
    }
    start = next;
  }
  const file = parts.find((part) => /filename=/i.test(part.headers)) ?? parts[0];
  return file ? Buffer.from(file.data) : Buffer.alloc(0);
}

function parseJsonObject(raw: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { raw };
  }
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return parseJsonObject(raw);
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // Not JSON: keep the string, as Slack would reject it.
      }
    }
    args[key] = value;
  }
  return args;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  return new FakeSlackApi(options).start();
}

/** The message an ack carried (JSON with text or blocks), or undefined for an empty ack. */
export function parseAckMessage(body: unknown): Record<string, unknown> | undefined {
  let message = body;
  if (typeof body === "string") {
    if (!body.trim().startsWith("{")) return undefined;
    try {
      message = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  if (!message || typeof message !== "object") return undefined;
  const fields = message as Record<string, unknown>;
  return typeof fields.text === "string" || Array.isArray(fields.blocks) ? fields : undefined;
}
