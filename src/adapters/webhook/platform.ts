/**
 * A minimal fourth platform, written against src/core/platform.ts alone (docs/extending.md walks
 * through it). Commands arrive as HTTP POST {workspace, user, text} with a bearer token and are
 * answered with the neutral Reply as JSON; digests are POSTed as JSON {marker, reply} to a URL
 * that starts with one of `digestUrls`. Channel refs are "webhook:<url>".
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DigestPoster } from "../../core/digest-poster.js";
import type { ChannelRefs, Platform } from "../../core/platform.js";
import type { Reply } from "../../core/reply.js";
import { PostError } from "../../digests/poster.js";
import { createTranslator } from "../../core/i18n/index.js";
import { englishOf } from "../../core/i18n/localized-messages.js";

/** This platform's words in English; the catalogs (platform.admins.webhook, platform.howToPick.webhook) have them in every language. */
const ENGLISH = createTranslator("en");

export type WebhookOptions = {
  /** 0 picks a free port (see `url()`). */
  port: number;
  host?: string;
  /** Callers send `Authorization: Bearer <token>`. */
  token: string;
  /** Webhook users who are Rapport admins; everyone else arrives as a rep. */
  admins: readonly string[];
  /** Where digests may be posted: URL prefixes chosen by the operator, never by a chat user. */
  digestUrls: readonly string[];
};

const PREFIX = "webhook:";
const MAX_BODY_BYTES = 64 * 1024;

export const webhookChannels: ChannelRefs = {
  parse(typed, typedOn) {
    const text = typed.trim();
    if (text.startsWith(PREFIX) && URL.canParse(text.slice(PREFIX.length))) return text;
    if (typedOn === "webhook" && /^https?:\/\//.test(text) && URL.canParse(text)) return `${PREFIX}${text}`;
    return null;
  },
  format: (channelRef) => channelRef.slice(PREFIX.length),
  howToPick: ENGLISH("platform.howToPick.webhook"),
  example: "webhook:https://example.com/digests",
};

/** Replies and digests as JSON: attachments (binary) are left out. */
function toJson(reply: Reply): string {
  const { attachments: _attachments, ...rest } = reply;
  return JSON.stringify(rest);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(chunk);
  }
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function createWebhookPoster(digestUrls: readonly string[]): DigestPoster {
  const posted = new Map<string, string>();
  let sequence = 0;
  const urlOf = (channelRef: string): string | undefined => {
    const url = channelRef.slice(PREFIX.length);
    return channelRef.startsWith(PREFIX) && digestUrls.some((allowed) => url.startsWith(allowed)) ? url : undefined;
  };
  return {
    async canPost(channelRef) {
      const url = urlOf(channelRef);
      return url ? { ok: true, external: false, channelName: url } : { ok: false, external: false, reason: digestUrls.length ? englishOf("posters.webhook.allowed", { urls: digestUrls.join(", ") }) : englishOf("posters.webhook.noneConfigured") };
    },
    async post(channelRef, reply, { idempotencyMarker }) {
      const url = urlOf(channelRef);
      if (!url) throw PostError.fatal("channel_refused", englishOf("posters.notPosting", { channel: channelRef, reason: englishOf("posters.webhook.notAllowed") }));
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: `{"marker":${JSON.stringify(idempotencyMarker)},"reply":${toJson(reply)}}` });
      if (response.status >= 500) throw PostError.server(response.status);
      if (!response.ok) throw PostError.fatal(`http_${response.status}`, `${url} answered ${response.status}`);
      const messageId = `webhook-${++sequence}`;
      const key = `${channelRef} ${idempotencyMarker}`;
      if (!posted.has(key)) posted.set(key, messageId);
      return { messageId };
    },
    // Only this process's posts are known: the receiving URL cannot be asked.
    findPosted: async (channelRef, marker) => posted.get(`${channelRef} ${marker}`) ?? null,
    async delete(channelRef) {
      throw PostError.fatal("cannot_delete", englishOf("posters.cannotWithdraw", { channel: channelRef }));
    },
  };
}

export function createWebhookPlatform(options: WebhookOptions): Platform & { url(): string } {
  const host = options.host ?? "127.0.0.1";
  let server: Server | undefined;
  const url = () => {
    const address = server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error("The webhook platform is not started.");
    return `http://${host}:${address.port}`;
  };
  return {
    id: "webhook",
    name: "Webhook",
    admins: ENGLISH("platform.admins.webhook"),
    channels: webhookChannels,
    forms: false,
    files: "none",
    isConfigured: () => true,
    url,
    async start({ api, logger }) {
      const log = logger.child({ platform: "webhook" });
      const run = async (body: Record<string, unknown>): Promise<[number, string]> => {
        const { workspace, user, text } = body;
        if (typeof workspace !== "string" || typeof user !== "string" || typeof text !== "string") return [400, '{"error":"workspace, user and text must be strings"}'];
        const actor = { platform: "webhook", tenantExternalId: workspace, userExternalId: user, profile: { isPlatformAdmin: options.admins.includes(user) } };
        return [200, toJson(await api.runText({ actor, text }))];
      };
      server = createServer((request, response) => {
        const answer = ([status, body]: [number, string]) => response.writeHead(status, { "content-type": "application/json" }).end(body);
        if (request.method !== "POST") return answer([405, '{"error":"POST a JSON {workspace, user, text}"}']);
        if (request.headers.authorization !== `Bearer ${options.token}`) return answer([401, '{"error":"unauthorized"}']);
        readJson(request).then(
          (body) =>
            run(body).then(answer, (error: unknown) => {
              log.error({ err: error }, "webhook command failed");
              answer([500, '{"error":"internal error"}']);
            }),
          () => answer([400, '{"error":"the body must be JSON {workspace, user, text}"}']),
        );
      });
      const listening = server;
      await new Promise<void>((resolve) => listening.listen(options.port, host, resolve));
      log.info({ url: url() }, "Webhook adapter started");
      return {
        poster: createWebhookPoster(options.digestUrls),
        stop: () => new Promise<void>((resolve) => listening.close(() => resolve())),
      };
    },
  };
}
