/**
 * A local fake of Discord for end-to-end tests: REST (the routes discord.js uses for a bot that answers
 * interactions) and a gateway WebSocket speaking the documented protocol (HELLO, IDENTIFY -> READY ->
 * GUILD_CREATE, heartbeats, RESUME -> RESUMED, dispatches). Loopback only, port 0.
 *
 * Every REST call is recorded (`calls`) with a timestamp so tests can assert latency. Interactions
 * behave like Discord's: one initial response per interaction (a second one gets 400 / 40060), the
 * initial response must come within 3 s (later: 404 / 10062 Unknown interaction), and webhook edits
 * need an acknowledged interaction.
 *
 * Bodies may be JSON or multipart/form-data (`payload_json` plus `files[n]`, as discord.js sends
 * attachments); uploaded files are recorded on the call and stored as message attachments. Like
 * Discord's CDN, the fake serves them at the URLs it hands out (`/attachments/...`, or
 * `/ephemeral-attachments/...` for ephemeral messages, signed with `ex`/`is`/`hm` query parameters;
 * no bot token needed, a wrong or missing signature gets 404), and an embed image or thumbnail
 * `attachment://<name>` comes back pointing at the uploaded file's URL.
 *
 * Channels carry a guild and permission overwrites; the bot's permissions there come from the
 * guild's roles, the bot member's roles and the overwrites, like Discord computes them, and
 * channel posts without View Channel / Send Messages / Embed Links get 403 / 50013. Posts with
 * `enforce_nonce` are deduplicated on the nonce like Discord does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import {
  apiMessage,
  apiUser,
  guildCreatePayload,
  type FakeGuild,
  type FakeUser,
} from "./payloads.js";
import { snowflake } from "./snowflake.js";

export type RecordedFile = { field: string; name: string; contentType: string; data: Buffer };

export type RecordedCall = {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/interactions/123/tok/callback`. */
  path: string;
  query: Record<string, string>;
  body: any;
  /** Files of a multipart/form-data request. */
  files: RecordedFile[];
  authorization: string | undefined;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
};

export type Fault = {
  method?: string;
  path: string | RegExp;
  /**
   * Answer with this status instead of handling the request (403/404: e.g. an expired attachment URL;
   * 413: the upload is too large, Discord's code 40005).
   */
  status?: 403 | 404 | 413 | 429 | 500 | 502 | 503;
  /** Wait this long first (a slow route); alone, the request is then handled normally. */
  delayMs?: number;
  /**
   * Drop the connection instead of answering: "before" handling the request (nothing happened), or
   * "after" handling it (the message was posted, the response is lost).
   */
  drop?: "before" | "after";
  /** Seconds, for 429 (sent as `Retry-After` and `retry_after`). */
  retryAfter?: number;
  global?: boolean;
  /** How many matching requests fail before the route works again. */
  times?: number;
};

type InteractionState = {
  id: string;
  token: string;
  dispatchedAt: number;
  acknowledged: boolean;
  user: unknown;
  type: number;
  original?: Record<string, unknown>;
};

type GatewaySession = { id: string; seq: number; socket?: WebSocket; /** IDENTIFY's intents bitfield. */ intents: number };

export type FakeChannel = {
  id: string;
  guildId: string;
  name: string;
  /** 0 text, 5 announcement, 2 voice, 11 public thread... */
  type: number;
  overwrites: { id: string; type: 0 | 1; allow: string; deny: string }[];
};

export type FakeRole = { id: string; name: string; permissions: string };

/** Permission bits the fake checks (Discord's values). */
export const PERMISSION_BITS = {
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
} as const;

export type FakeDiscordOptions = {
  token?: string;
  applicationId?: string;
  botUser?: FakeUser;
  guild?: FakeGuild;
  heartbeatIntervalMs?: number;
  /** Reported in /gateway/bot session_start_limit. */
  sessionStartRemaining?: number;
  /** Interactions die when not answered within this many ms (Discord: 3000). */
  interactionTimeoutMs?: number;
  /** OAuth2 sign-in (see FakeDiscordSignIn); changeable later through `signIn`. */
  signIn?: FakeDiscordSignIn;
  /** The guild's members besides the bot (GET /guilds/:id/members, GUILD_MEMBER_ADD/REMOVE). */
  members?: FakeGuildMember[];
};

/** A guild member: the user and their server nickname. */
export type FakeGuildMember = { user: FakeUser; nick?: string | null };

/**
 * Discord OAuth2 for "Sign in with Discord": the app's client secret (the client id is the
 * application id) and who signs in at `GET /oauth2/authorize` (it redirects straight back with a
 * code); `POST /oauth2/token` exchanges the code once for a Bearer token, which `/users/@me`
 * and `/users/@me/guilds` answer for.
 */
export type FakeDiscordSignIn = { clientSecret: string; user: FakeUser & { locale?: string }; guilds: { id: string; name: string }[] };

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

const API_PREFIX = /^\/api(?:\/v\d+)?/;

/** Components a modal's Label (type 18) may hold: string (3), user (5), role (6), mentionable (7), channel (8) selects, text input (4), file upload (19). */
const LABEL_CHILDREN = new Set([3, 4, 5, 6, 7, 8, 19]);

/** Why Discord would refuse a modal (type 9 callback), as far as the fake checks: at most 5 top-level components, Labels holding an input with a custom_id, text displays, or legacy rows of text inputs. */
function modalProblem(data: any): string | undefined {
  const components: any[] = data?.components ?? [];
  if (!data?.custom_id || !data?.title) return "custom_id and title are required";
  if (components.length < 1 || components.length > 5) return "a modal holds 1 to 5 components";
  for (const component of components) {
    if (component?.type === 10 && component.content) continue;
    if (component?.type === 1 && Array.isArray(component.components) && component.components.every((child: any) => child?.type === 4 && child.custom_id)) continue;
    if (component?.type === 18 && component.label && LABEL_CHILDREN.has(component.component?.type) && component.component.custom_id) continue;
    return `component type ${String(component?.type)} is not allowed here`;
  }
  return undefined;
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const token = options.token ?? "fake-bot-token";
  const applicationId = options.applicationId ?? "100000000000000001";
  const botUser: FakeUser = options.botUser ?? { id: applicationId, username: "Rapport", bot: true };
  const guild: FakeGuild = options.guild ?? {
    id: "200000000000000001",
    name: "Acme Sales",
    channelId: "300000000000000001",
    ownerId: "400000000000000001",
  };
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  const interactionTimeoutMs = options.interactionTimeoutMs ?? 3_000;

  const calls: RecordedCall[] = [];
  const faults: Array<Fault & { times: number }> = [];
  const globalCommands: any[] = [];
  const guildCommands = new Map<string, any[]>();
  const interactions = new Map<string, InteractionState>();
  const messages = new Map<string, Record<string, unknown>>();
  const sessions = new Map<string, GatewaySession>();
  const gateway = { identifies: [] as any[], resumes: [] as any[], heartbeats: 0, connections: 0 };
  const listeners = new Set<() => void>();
  const channels = new Map<string, FakeChannel>([
    [guild.channelId, { id: guild.channelId, guildId: guild.id, name: "general", type: 0, overwrites: [] }],
  ]);
  const B = PERMISSION_BITS;
  /** Guild id -> roles; the @everyone role has the guild's id. */
  const roles = new Map<string, FakeRole[]>([
    [guild.id, [{ id: guild.id, name: "@everyone", permissions: (B.ViewChannel | B.SendMessages | B.EmbedLinks | B.AttachFiles | B.ReadMessageHistory).toString() }]],
  ]);
  /** Guild id -> the bot member's role ids. */
  const botRoles = new Map<string, string[]>([[guild.id, []]]);
  /** The guild's members (not the bot), by user id, in the order they joined. */
  const guildMembers = new Map<string, FakeGuildMember>((options.members ?? []).map((member) => [member.user.id, member]));
  const apiMember = (member: FakeGuildMember) => ({ user: apiUser(member.user), nick: member.nick ?? null, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 });
  const nonces = new Map<string, { messageId: string; at: number }>();
  /** Stored attachment bytes by URL path (what the CDN serves), with the signature the URL carries. */
  const blobs = new Map<string, { data: Buffer; contentType: string; hm: string }>();
  let sessionStartRemaining = options.sessionStartRemaining ?? 1000;
  type Granted = { user: FakeDiscordSignIn["user"]; guilds: FakeDiscordSignIn["guilds"]; redirectUri: string };
  const signIn = { current: options.signIn, codes: new Map<string, Granted>(), tokens: new Map<string, Granted>() };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        send(res, 500, { message: String(error), code: 0 });
      });
    });
  });

  /** The bot's permissions in a channel: base from roles, then @everyone, role and member overwrites. */
  function botPermissions(channel: FakeChannel): bigint {
    const guildRoles = roles.get(channel.guildId) ?? [];
    const mine = new Set(botRoles.get(channel.guildId) ?? []);
    let base = 0n;
    for (const role of guildRoles) if (role.id === channel.guildId || mine.has(role.id)) base |= BigInt(role.permissions);
    if (base & B.Administrator) return ~0n;
    const everyone = channel.overwrites.find((o) => o.id === channel.guildId);
    if (everyone) base = (base & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    let allow = 0n;
    let deny = 0n;
    for (const o of channel.overwrites) if (o.type === 0 && mine.has(o.id)) (allow |= BigInt(o.allow)), (deny |= BigInt(o.deny));
    base = (base & ~deny) | allow;
    const member = channel.overwrites.find((o) => o.type === 1 && o.id === botUser.id);
    if (member) base = (base & ~BigInt(member.deny)) | BigInt(member.allow);
    return base;
  }

  function apiChannel(channel: FakeChannel) {
    return {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      position: 0,
      permission_overwrites: channel.overwrites,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
    };
  }

  async function parseBody(req: IncomingMessage, raw: Buffer): Promise<{ body: any; files: RecordedFile[] }> {
    if (raw.length === 0) return { body: undefined, files: [] };
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
      const files: RecordedFile[] = [];
      let body: any = undefined;
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") {
          if (field === "payload_json") body = JSON.parse(value);
        } else {
          files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
        }
      }
      return { body, files };
    }
    const text = raw.toString("utf8");
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [] };
    }
  }

  /** Width and height of a PNG (IHDR), as Discord reports for images. */
  function imageSize(file: RecordedFile): { width: number; height: number } | undefined {
    const png = file.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!png || file.data.length < 24 || file.data.subarray(12, 16).toString("latin1") !== "IHDR") return undefined;
    return { width: file.data.readUInt32BE(16), height: file.data.readUInt32BE(20) };
  }

  /**
   * Message attachments as Discord returns them, from the uploaded files and `attachments[].description`.
   * Their bytes are kept and served at `url` (signed like Discord's CDN: `ex`, `is`, `hm`).
   */
  function attachmentsOf(body: any, files: RecordedFile[], channelId: string, ephemeral = false) {
    return files.map((file, index) => {
      const id = snowflake();
      const described = (body?.attachments as { id: string; description?: string }[] | undefined)?.find((a) => String(a.id) === String(index));
      const path = `/${ephemeral ? "ephemeral-attachments" : "attachments"}/${channelId}/${id}/${file.name}`;
      const issued = Math.floor(Date.now() / 1000);
      const hm = snowflake();
      blobs.set(path, { data: file.data, contentType: file.contentType, hm });
      const signed = `${baseUrl}${path}?ex=${(issued + 86_400).toString(16)}&is=${issued.toString(16)}&hm=${hm}&`;
      return {
        id,
        filename: file.name,
        size: file.data.length,
        content_type: file.contentType,
        ...(described?.description ? { description: described.description } : {}),
        url: signed,
        proxy_url: signed,
        ...imageSize(file),
        ...(ephemeral ? { ephemeral: true } : {}),
      };
    });
  }

  /** Discord answers `attachment://<name>` in an embed image/thumbnail with the uploaded file's URL. */
  function resolveEmbedAttachments(embeds: any[] | undefined, attachments: any[]): any[] | undefined {
    if (!Array.isArray(embeds)) return embeds;
    const resolve = (media: any) => {
      const name = typeof media?.url === "string" && media.url.startsWith("attachment://") ? media.url.slice("attachment://".length) : undefined;
      const found = name !== undefined ? attachments.find((a) => a.filename === name) : undefined;
      return found ? { url: found.url, proxy_url: found.proxy_url, ...(found.width ? { width: found.width, height: found.height } : {}), content_type: found.content_type } : media;
    };
    return embeds.map((embed) => ({
      ...embed,
      ...(embed?.image ? { image: resolve(embed.image) } : {}),
      ...(embed?.thumbnail ? { thumbnail: resolve(embed.thumbnail) } : {}),
    }));
  }
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/gateway")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onGatewayConnection(ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function notify() {
    for (const listener of listeners) listener();
  }

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function matchFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex(
      (fault) =>
        (!fault.method || fault.method.toUpperCase() === method) &&
        (typeof fault.path === "string" ? fault.path === path : fault.path.test(path)),
    );
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function storeMessage(channelId: string, data: any, extra: Record<string, unknown> = {}, files: RecordedFile[] = []) {
    const flags = data?.flags ?? 0;
    const attachments = attachmentsOf(data, files, channelId, Boolean(flags & 64));
    const message = apiMessage(
      { id: snowflake(), content: data?.content ?? "", author: botUser, channelId },
      {
        embeds: resolveEmbedAttachments(data?.embeds ?? [], attachments),
        components: data?.components ?? [],
        flags,
        attachments,
        ...extra,
      },
    );
    messages.set(message.id, message);
    return message;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, rawBody: Buffer) {
    const url = new URL(req.url ?? "/", baseUrl);
    const path = decodeURIComponent(url.pathname).replace(API_PREFIX, "");
    const method = (req.method ?? "GET").toUpperCase();
    const { body, files } = await parseBody(req, rawBody);
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      authorization: req.headers.authorization,
      status: 0,
      at: Date.now(),
    };
    calls.push(call);
    const fault = matchFault(method, path);
    const reply = (status: number, payload?: unknown, headers?: Record<string, string>) => {
      call.status = status;
      if (fault?.drop === "after") {
        // Handled (a message may now exist), but the client never hears back.
        call.status = -1;
        res.socket?.destroy();
      } else send(res, status, payload, headers);
      notify();
    };

    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop === "before") {
      call.status = -1;
      res.socket?.destroy();
      notify();
      return;
    }
    if (fault?.status) {
      if (fault.status === 429) {
        const retryAfter = fault.retryAfter ?? 0.05;
        return reply(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: fault.global ?? false },
          {
            "retry-after": String(retryAfter),
            "x-ratelimit-scope": fault.global ? "global" : "user",
            ...(fault.global ? { "x-ratelimit-global": "true" } : {}),
          },
        );
      }
      if (fault.status === 403 || fault.status === 404) return reply(fault.status, { message: fault.status === 404 ? "Not Found" : "Forbidden", code: 0 });
      if (fault.status === 413) return reply(413, { message: "Request entity too large", code: 40005 });
      return reply(fault.status, { message: "Internal Server Error", code: 0 });
    }

    // The CDN: attachment URLs work without the bot token (the URL's signature is the credential).
    if (method === "GET" && /^\/(ephemeral-)?attachments\//.test(path)) {
      const blob = blobs.get(path);
      if (!blob || call.query.hm !== blob.hm) {
        call.status = 404;
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("This content is no longer available.");
        notify();
        return;
      }
      call.status = 200;
      res.writeHead(200, { "content-type": blob.contentType || "application/octet-stream", "content-length": String(blob.data.length) });
      res.end(blob.data);
      notify();
      return;
    }

    // OAuth2 sign-in: the authorize page, the code exchange and the user's own Bearer token.
    if (method === "GET" && path === "/oauth2/authorize") {
      const redirectUri = call.query.redirect_uri ?? "";
      if (!signIn.current || call.query.client_id !== applicationId || call.query.response_type !== "code" || !redirectUri) return reply(400, { message: "Invalid OAuth2 request", code: 0 });
      const code = `oauth-code-${snowflake()}`;
      signIn.codes.set(code, { user: signIn.current.user, guilds: signIn.current.guilds, redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", call.query.state ?? "");
      call.status = 302;
      res.writeHead(302, { location: back.toString() });
      res.end();
      notify();
      return;
    }
    if (method === "POST" && path === "/oauth2/token") {
      const form = new URLSearchParams(typeof body === "string" ? body : "");
      const granted = signIn.codes.get(form.get("code") ?? "");
      if (!signIn.current || form.get("client_id") !== applicationId || form.get("client_secret") !== signIn.current.clientSecret) return reply(401, { error: "invalid_client" });
      if (!granted || form.get("grant_type") !== "authorization_code" || form.get("redirect_uri") !== granted.redirectUri) return reply(400, { error: "invalid_grant" });
      signIn.codes.delete(form.get("code")!);
      const accessToken = `oauth-token-${snowflake()}`;
      signIn.tokens.set(accessToken, granted);
      return reply(200, { access_token: accessToken, token_type: "Bearer", expires_in: 604800, refresh_token: `refresh-${accessToken}`, scope: "identify guilds" });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (bearer !== undefined && method === "GET" && (path === "/users/@me" || path === "/users/@me/guilds")) {
      const granted = signIn.tokens.get(bearer);
      if (!granted) return reply(401, { message: "401: Unauthorized", code: 0 });
      if (path === "/users/@me") return reply(200, { ...apiUser(granted.user), ...(granted.user.locale ? { locale: granted.user.locale } : {}) });
      return reply(200, granted.guilds.map((entry) => ({ id: entry.id, name: entry.name, icon: null, owner: false, permissions: "0", features: [] })));
    }

    // Interaction callbacks and webhooks authenticate by interaction token, not by bot token.
    const isTokenRoute = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!isTokenRoute && req.headers.authorization !== `Bot ${token}`) {
      return reply(401, { message: "401: Unauthorized", code: 0 });
    }

    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return reply(200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: {
          total: 1000,
          remaining: sessionStartRemaining,
          reset_after: 14_400_000,
          max_concurrency: 1,
        },
      });
    }
    if (method === "GET" && path === "/gateway") return reply(200, { url: gatewayUrl });
    if (method === "GET" && path === "/users/@me") return reply(200, apiUser(botUser));
    if (method === "POST" && path === "/users/@me/channels") {
      // The bot's DM channel with a user: created on first use, the same one afterwards.
      const recipient = String(body?.recipient_id ?? "");
      if (!/^\d{15,25}$/.test(recipient)) return reply(400, { message: "Invalid Form Body", code: 50035 });
      const existing = [...channels.values()].find((channel) => channel.type === 1 && channel.name === `dm-${recipient}`);
      const dm = existing ?? { id: snowflake(), guildId: guild.id, name: `dm-${recipient}`, type: 1, overwrites: [] };
      channels.set(dm.id, dm);
      return reply(200, { id: dm.id, type: 1, recipients: [{ id: recipient, username: `user-${recipient}`, discriminator: "0" }] });
    }
    if ((m = path.match(/^\/applications\/(\d+)\/commands$/))) {
      if (m[1] !== applicationId) return reply(403, { message: "Missing Access", code: 50001 });
      if (method === "GET") return reply(200, globalCommands);
      if (method === "PUT") {
        const stored = (body as any[]).map((command) => ({ id: snowflake(), application_id: applicationId, version: snowflake(), ...command }));
        globalCommands.splice(0, globalCommands.length, ...stored);
        return reply(200, stored);
      }
    }
    if ((m = path.match(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/))) {
      if (m[1] !== applicationId) return reply(403, { message: "Missing Access", code: 50001 });
      const guildId = m[2]!;
      if (method === "GET") return reply(200, guildCommands.get(guildId) ?? []);
      if (method === "PUT") {
        const stored = (body as any[]).map((command) => ({
          id: snowflake(),
          application_id: applicationId,
          guild_id: guildId,
          version: snowflake(),
          ...command,
        }));
        guildCommands.set(guildId, stored);
        return reply(200, stored);
      }
    }
    if (method === "POST" && (m = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const state = interactions.get(m[1]!);
      if (!state || state.token !== m[2]) return reply(404, { message: "Unknown interaction", code: 10062 });
      if (state.acknowledged) {
        return reply(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      }
      if (Date.now() - state.dispatchedAt > interactionTimeoutMs) {
        return reply(404, { message: "Unknown interaction", code: 10062 });
      }
      if (body?.type === 9 && modalProblem(body.data)) {
        return reply(400, { message: "Invalid Form Body", code: 50035, errors: { data: { components: { _errors: [{ code: "BASE_TYPE_INVALID", message: modalProblem(body.data) }] } } } });
      }
      state.acknowledged = true;
      const type = body?.type as number;
      let message: Record<string, unknown> | undefined;
      if (type === 4 || type === 5) {
        message = storeMessage(guild.channelId, type === 4 ? body.data : { flags: body?.data?.flags ?? 0 }, {
          interaction_metadata: {
            id: state.id,
            type: state.type,
            user: state.user,
            authorizing_integration_owners: { "0": guild.id },
          },
        }, type === 4 ? files : []);
        state.original = message;
      }
      if (call.query.with_response === "true") {
        return reply(200, {
          interaction: { id: state.id, type: 2, activity_instance_id: null, response_message_id: message?.id, response_message_loading: type === 5, response_message_ephemeral: Boolean((body?.data?.flags ?? 0) & 64) },
          resource: message ? { type, message } : { type },
        });
      }
      return reply(204);
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) {
      const [, appId, interactionToken, messageRef] = m;
      const state = [...interactions.values()].find((entry) => entry.token === interactionToken);
      if (appId !== applicationId || !state) return reply(404, { message: "Unknown Webhook", code: 10015 });
      if (!state.acknowledged) return reply(404, { message: "Unknown Webhook", code: 10015 });
      if (!messageRef && method === "POST") {
        return reply(200, storeMessage(guild.channelId, body, { webhook_id: applicationId }, files));
      }
      const target = messageRef === "@original" ? state.original : messages.get(messageRef ?? "");
      if (!target) return reply(404, { message: "Unknown Message", code: 10008 });
      if (method === "GET") return reply(200, target);
      if (method === "PATCH") {
        const attachments =
          body?.attachments !== undefined || files.length
            ? [
                // Kept: existing attachments listed by id; new: uploaded files (listed by index).
                ...((target.attachments as { id: string }[] | undefined) ?? []).filter((a) =>
                  (body?.attachments as { id: string }[] | undefined)?.some((listed) => String(listed.id) === a.id),
                ),
                ...attachmentsOf(body, files, String(target.channel_id), Boolean(Number(target.flags ?? 0) & 64)),
              ]
            : (target.attachments as any[] | undefined) ?? [];
        const updated: Record<string, unknown> = {
          ...target,
          ...(body?.content !== undefined ? { content: body.content } : {}),
          ...(body?.embeds !== undefined ? { embeds: resolveEmbedAttachments(body.embeds, attachments) } : {}),
          ...(body?.components !== undefined ? { components: body.components } : {}),
          attachments,
          edited_timestamp: new Date().toISOString(),
        };
        messages.set(String(updated.id), updated);
        if (messageRef === "@original") state.original = updated;
        return reply(200, updated);
      }
      if (method === "DELETE") {
        messages.delete(target.id as string);
        return reply(204);
      }
    }
    if ((m = path.match(/^\/channels\/(\d+)$/)) && method === "GET") {
      const channel = channels.get(m[1]!);
      if (!channel) return reply(404, { message: "Unknown Channel", code: 10003 });
      if (!(botPermissions(channel) & B.ViewChannel)) return reply(403, { message: "Missing Access", code: 50001 });
      return reply(200, apiChannel(channel));
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/roles$/)) && method === "GET") {
      const guildRoles = roles.get(m[1]!);
      if (!guildRoles) return reply(404, { message: "Unknown Guild", code: 10004 });
      return reply(200, guildRoles.map((role, position) => ({ ...role, position, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 })));
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/members$/)) && method === "GET") {
      // List Guild Members: ordered by user id, `after` a user id, `limit` 1-1000 (default 1).
      if (m[1] !== guild.id) return reply(404, { message: "Unknown Guild", code: 10004 });
      const limit = Math.min(1000, Math.max(1, Number(call.query.limit ?? 1)));
      const after = BigInt(String(call.query.after ?? "0"));
      const everyone = [{ user: botUser }, ...guildMembers.values()].sort((a, b) => (BigInt(a.user.id) < BigInt(b.user.id) ? -1 : 1));
      return reply(200, everyone.filter((member) => BigInt(member.user.id) > after).slice(0, limit).map(apiMember));
    }
    if ((m = path.match(/^\/guilds\/(\d+)\/members\/(\d+)$/)) && method === "GET") {
      const mine = botRoles.get(m[1]!);
      if (!mine) return reply(404, { message: "Unknown Guild", code: 10004 });
      if (m[2] !== botUser.id) return reply(404, { message: "Unknown Member", code: 10007 });
      return reply(200, { user: apiUser(botUser), roles: mine, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 });
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channel = channels.get(m[1]!);
      if (!channel) return reply(404, { message: "Unknown Channel", code: 10003 });
      const allowed = botPermissions(channel);
      if (!(allowed & B.ViewChannel)) return reply(403, { message: "Missing Access", code: 50001 });
      if (method === "GET") {
        if (!(allowed & B.ReadMessageHistory)) return reply(200, []);
        const limit = Math.min(100, Math.max(1, Number(call.query.limit ?? 50)));
        const before = call.query.before ? BigInt(call.query.before) : undefined;
        const found = [...messages.values()]
          .filter((message) => message.channel_id === channel.id && (before === undefined || BigInt(String(message.id)) < before))
          .sort((a, b) => (BigInt(String(b.id)) > BigInt(String(a.id)) ? 1 : -1))
          .slice(0, limit);
        return reply(200, found);
      }
      if (method === "POST") {
        if (!(allowed & B.SendMessages)) return reply(403, { message: "Missing Permissions", code: 50013 });
        if (body?.embeds?.length && !(allowed & B.EmbedLinks)) return reply(403, { message: "Missing Permissions", code: 50013 });
        if (files.length && !(allowed & B.AttachFiles)) return reply(403, { message: "Missing Permissions", code: 50013 });
        const nonceKey = body?.nonce !== undefined && body?.enforce_nonce ? `${channel.id}:${String(body.nonce)}` : undefined;
        const earlier = nonceKey ? nonces.get(nonceKey) : undefined;
        if (earlier && Date.now() - earlier.at < 5 * 60_000 && messages.has(earlier.messageId)) {
          return reply(200, messages.get(earlier.messageId));
        }
        const message = storeMessage(channel.id, body, body?.nonce !== undefined ? { nonce: body.nonce } : {}, files);
        if (nonceKey) nonces.set(nonceKey, { messageId: String(message.id), at: Date.now() });
        return reply(200, message);
      }
    }
    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && method === "DELETE") {
      const channel = channels.get(m[1]!);
      if (!channel) return reply(404, { message: "Unknown Channel", code: 10003 });
      if (!(botPermissions(channel) & B.ViewChannel)) return reply(403, { message: "Missing Access", code: 50001 });
      // Every message this fake stores is the bot's own, which a bot may always delete.
      const target = messages.get(m[2]!);
      if (!target || target.channel_id !== channel.id) return reply(404, { message: "Unknown Message", code: 10008 });
      messages.delete(m[2]!);
      return reply(204);
    }
    return reply(404, { message: "404: Not Found", code: 0 });
  }

  function gatewaySend(socket: WebSocket, payload: Record<string, unknown>) {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  function dispatchTo(session: GatewaySession, event: string, data: unknown) {
    session.seq += 1;
    if (session.socket) gatewaySend(session.socket, { op: 0, t: event, s: session.seq, d: data });
  }

  function onGatewayConnection(socket: WebSocket, req: IncomingMessage) {
    gateway.connections += 1;
    const params = new URL(req.url ?? "/", baseUrl).searchParams;
    if (params.get("encoding") && params.get("encoding") !== "json") {
      socket.close(4002, "Only json encoding");
      return;
    }
    let session: GatewaySession | undefined;
    gatewaySend(socket, { op: 10, d: { heartbeat_interval: heartbeatIntervalMs }, s: null, t: null });
    socket.on("message", (raw) => {
      let payload: any;
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      switch (payload.op) {
        case 1:
          gateway.heartbeats += 1;
          gatewaySend(socket, { op: 11, d: null, s: null, t: null });
          notify();
          break;
        case 2: {
          gateway.identifies.push(payload.d);
          notify();
          if (payload.d?.token !== token && payload.d?.token !== `Bot ${token}`) {
            socket.close(4004, "Authentication failed.");
            return;
          }
          if (session) {
            socket.close(4005, "Already authenticated.");
            return;
          }
          sessionStartRemaining = Math.max(0, sessionStartRemaining - 1);
          session = { id: `session-${snowflake()}`, seq: 0, socket, intents: Number(payload.d?.intents ?? 0) };
          sessions.set(session.id, session);
          dispatchTo(session, "READY", {
            v: 10,
            user: { ...apiUser(botUser), verified: true, mfa_enabled: false, flags: 0 },
            guilds: [{ id: guild.id, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: gatewayUrl,
            shard: payload.d?.shard ?? [0, 1],
            application: { id: applicationId, flags: 0 },
            private_channels: [],
            presences: [],
            relationships: [],
            guild_join_requests: [],
            user_settings: {},
            geo_ordered_rtc_regions: [],
          });
          dispatchTo(session, "GUILD_CREATE", guildCreatePayload(guild, botUser));
          notify();
          break;
        }
        case 6: {
          gateway.resumes.push(payload.d);
          notify();
          const existing = sessions.get(payload.d?.session_id);
          if (!existing || payload.d?.token !== token) {
            gatewaySend(socket, { op: 9, d: false, s: null, t: null });
            return;
          }
          session = existing;
          session.socket = socket;
          dispatchTo(session, "RESUMED", null);
          notify();
          break;
        }
        default:
          break;
      }
    });
    socket.on("close", () => {
      if (session?.socket === socket) session.socket = undefined;
      notify();
    });
  }

  function readySessions() {
    return [...sessions.values()].filter((session) => session.socket);
  }

  /** Resolves when `predicate` holds, re-checked on every REST call and gateway event. */
  function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5_000, what = "condition"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Discord: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  }

  return {
    apiUrl: `${baseUrl}/api`,
    gatewayUrl,
    token,
    applicationId,
    botUser,
    guild,
    calls,
    gateway,
    globalCommands,
    guildCommands,
    messages,
    channels,
    roles,
    botRoles,
    /** OAuth2 sign-in: set or change who signs in (see FakeDiscordSignIn). */
    setSignIn(value: FakeDiscordSignIn | undefined) {
      signIn.current = value;
    },
    /** The bot's DM channel with a user (POST /users/@me/channels), once opened. */
    directChannel(userId: string): FakeChannel | undefined {
      return [...channels.values()].find((channel) => channel.type === 1 && channel.name === `dm-${userId}`);
    },
    /** A channel (default: a text channel in the fake's guild, no overwrites). */
    addChannel(channel: Partial<FakeChannel> & { id?: string }): FakeChannel {
      const created: FakeChannel = { id: channel.id ?? snowflake(), guildId: guild.id, name: "channel", type: 0, overwrites: [], ...channel };
      channels.set(created.id, created);
      if (!roles.has(created.guildId)) {
        roles.set(created.guildId, [{ id: created.guildId, name: "@everyone", permissions: (B.ViewChannel | B.SendMessages | B.EmbedLinks | B.ReadMessageHistory).toString() }]);
        botRoles.set(created.guildId, []);
      }
      return created;
    },
    /** The bytes the fake CDN serves at an attachment URL it handed out (undefined when it has none). */
    attachmentData(url: string): Buffer | undefined {
      return blobs.get(decodeURIComponent(new URL(url).pathname))?.data;
    },
    /** Messages in a channel, oldest first. */
    channelMessages(channelId: string) {
      return [...messages.values()].filter((message) => message.channel_id === channelId);
    },
    /** Fail the next `times` (default 1) requests matching method/path. */
    injectFault(fault: Fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    /** A member joins the guild: GUILD_MEMBER_ADD to sessions with the GuildMembers intent (1 << 1). */
    addMember(member: FakeGuildMember) {
      guildMembers.set(member.user.id, member);
      for (const session of readySessions()) if (session.intents & (1 << 1)) dispatchTo(session, "GUILD_MEMBER_ADD", { ...apiMember(member), guild_id: guild.id });
    },
    /** A member leaves (or is kicked): GUILD_MEMBER_REMOVE, with the GuildMembers intent. */
    removeMember(userId: string) {
      const member = guildMembers.get(userId);
      guildMembers.delete(userId);
      for (const session of readySessions()) if (session.intents & (1 << 1)) dispatchTo(session, "GUILD_MEMBER_REMOVE", { guild_id: guild.id, user: apiUser(member?.user ?? { id: userId, username: userId }) });
    },
    /** A member leaves while no event reaches the bot (it was offline): only a full sync notices. */
    removeMemberSilently(userId: string) {
      guildMembers.delete(userId);
    },
    /** Send a dispatch (op 0) to every connected session. */
    dispatch(event: string, data: unknown) {
      const targets = readySessions();
      if (targets.length === 0) throw new Error("fake Discord: no gateway session to dispatch to");
      for (const session of targets) dispatchTo(session, event, data);
    },
    /**
     * A member posts a message in a guild channel: it is stored (replies may reference it) and
     * MESSAGE_CREATE goes to sessions that identified with GuildMessages (1 << 9), as Discord does;
     * without the privileged MessageContent intent (1 << 15) the content arrives empty.
     */
    postUserMessage(input: { author: FakeUser; content: string; channelId?: string; nick?: string | null; permissions?: string }) {
      const channelId = input.channelId ?? guild.channelId;
      const channel = channels.get(channelId);
      const message = apiMessage(
        { id: snowflake(), content: input.content, author: input.author, channelId },
        {
          guild_id: channel?.guildId ?? guild.id,
          member: { nick: input.nick ?? null, avatar: null, roles: [], joined_at: "2024-01-01T00:00:00.000Z", premium_since: null, deaf: false, mute: false, flags: 0, pending: false },
        },
      );
      messages.set(message.id, message);
      for (const session of readySessions()) {
        if (!(session.intents & (1 << 9))) continue;
        dispatchTo(session, "MESSAGE_CREATE", session.intents & (1 << 15) ? message : { ...message, content: "" });
      }
      notify();
      return message;
    },
    /** The intents each connected session identified with. */
    sessionIntents(): number[] {
      return readySessions().map((session) => session.intents);
    },
    /** Dispatch INTERACTION_CREATE and track the interaction so callbacks are checked like Discord does. */
    dispatchInteraction<T extends { id: string; token: string; type: number; member?: { user: unknown }; user?: unknown }>(payload: T): T {
      if (!interactions.has(payload.id)) {
        interactions.set(payload.id, {
          id: payload.id,
          token: payload.token,
          type: payload.type,
          user: payload.member?.user ?? payload.user,
          dispatchedAt: Date.now(),
          acknowledged: false,
        });
      }
      this.dispatch("INTERACTION_CREATE", payload);
      return payload;
    },
    interactionState(id: string) {
      return interactions.get(id);
    },
    /** Calls on one interaction: its callback plus the webhook calls made with its token. */
    callsFor(interaction: { id: string; token: string }) {
      return calls.filter(
        (call) => call.path.startsWith(`/interactions/${interaction.id}/`) || call.path.includes(`/webhooks/${applicationId}/${interaction.token}`),
      );
    },
    waitFor,
    waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5_000) {
      return waitFor(() => calls.find((call) => call.status !== 0 && predicate(call)), timeoutMs, "a matching REST call");
    },
    waitForReady(timeoutMs = 5_000) {
      return waitFor(() => readySessions().length > 0 || undefined, timeoutMs, "a gateway session");
    },
    /** Drop every gateway connection (close code 4000 is resumable) to exercise RESUME. */
    dropConnections(code = 4000) {
      for (const session of sessions.values()) session.socket?.close(code, "fake Discord: dropped");
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
