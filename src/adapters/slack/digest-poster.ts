/**
 * The digests' posting port (src/digests/poster.ts) on Slack.
 *
 *  - canPost: conversations.info (is_member, is_ext_shared) and auth.test (the token's workspace
 *    must be the tenant's).
 *  - post: chat.postMessage with Block Kit from the adapter's renderer, digest mention markers as
 *    real `<@U…>` mentions, and the idempotency marker in message metadata
 *    (event_type "rapport_digest", event_payload { marker }).
 *  - findPosted: conversations.history with include_all_metadata over the last day, looking for
 *    the oldest message of this bot carrying the marker; throws when it cannot tell.
 *  - delete: chat.delete (a bot may delete its own messages), for a duplicate of a stalled post.
 *
 * Every call takes the tenant's Slack team id and uses that workspace's bot token: in a Slack
 * Connect channel several workspaces may have Rapport installed, and the channel id alone would
 * pick one of their tokens.
 *
 * No retries in here: the WebClient is built with `retries: 0` and `rejectRateLimitedCalls`, and
 * every failure becomes a PostError the scheduler understands (a 429 with its Retry-After, a 5xx
 * or a lost connection as "maybe posted", anything Slack refused as fatal).
 */
import { ErrorCode, WebClient, type WebAPICallError } from "@slack/web-api";
import type { Logger } from "../../core/logger.js";
import type { Reply } from "../../core/reply.js";
import { MENTION_PATTERN } from "../../digests/mention.js";
import { PostError, type CanPostResult, type DigestPoster } from "../../digests/poster.js";
import { isUserId } from "./listeners/identity.js";
import { renderMessage, type SlackBlock } from "./render/render-reply.js";
import { toBoltLogger } from "./support/bolt-logger.js";
import { englishOf } from "../../core/i18n/localized-messages.js";
import { withoutUnfurls } from "./support/no-unfurls.js";

export const DIGEST_EVENT_TYPE = "rapport_digest";

/** Where the bot token comes from: one token (single workspace) or the tenant's installation (OAuth). */
export type DigestTokenSource = string | ((target: { channelRef: string; tenantExternalId: string }) => Promise<string | undefined>);

export type SlackDigestPosterOptions = {
  botToken: DigestTokenSource;
  /** Web API base URL (SLACK_API_URL); undefined: https://slack.com/api/ */
  apiUrl?: string;
  logger: Logger;
  /** How far back findPosted searches (default 26 hours: a day plus a DST shift and some slack). */
  historyWindowMs?: number;
  /** History pages (200 messages each) findPosted reads before giving up with "cannot tell". */
  maxHistoryPages?: number;
  /** Per-request timeout; a timeout is reported as a lost response. */
  timeoutMs?: number;
  now?: () => number;
};

/** Slack errors that mean "try again later", reported with ok:false. */
const TRANSIENT_PLATFORM_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

export function createSlackDigestPoster(options: SlackDigestPosterOptions): DigestPoster {
  const logger = options.logger.child({ component: "slack-digest-poster" });
  const now = options.now ?? Date.now;
  const historyWindowMs = options.historyWindowMs ?? 26 * 60 * 60 * 1000;
  const maxHistoryPages = options.maxHistoryPages ?? 5;
  const clients = new Map<string, WebClient>();
  const identities = new Map<string, Promise<{ teamId?: string; botId?: string }>>();

  const client = (token: string): WebClient => {
    let existing = clients.get(token);
    if (!existing) {
      existing = new WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs ?? 10_000,
        logger: toBoltLogger(logger),
      });
      clients.set(token, existing);
    }
    return existing;
  };

  /** The token's workspace and bot id (auth.test), cached; a failure is not cached. */
  const identity = (token: string): Promise<{ teamId?: string; botId?: string }> => {
    let known = identities.get(token);
    if (!known) {
      known = client(token)
        .auth.test()
        .then((result) => ({ ...(result.team_id ? { teamId: result.team_id } : {}), ...(result.bot_id ? { botId: result.bot_id } : {}) }));
      known.catch(() => identities.delete(token));
      identities.set(token, known);
    }
    return known;
  };

  const tokenFor = async (channelRef: string, tenantExternalId: string): Promise<string> => {
    const source = options.botToken;
    const token = typeof source === "string" ? source : await source({ channelRef, tenantExternalId });
    if (!token) throw PostError.fatal("not_installed", `Rapport has no Slack installation in workspace ${tenantExternalId} for ${channelRef}. Install the app in that workspace.`);
    return token;
  };

  return {
    async canPost(channelRef, { tenantExternalId }): Promise<CanPostResult> {
      const channel = slackChannelId(channelRef);
      if (!channel) return { ok: false, external: false, reason: englishOf("posters.slack.notAChannel", { channel: channelRef }) };
      let token: string;
      try {
        token = await tokenFor(channelRef, tenantExternalId);
      } catch (error) {
        return { ok: false, external: false, reason: (error as Error).message };
      }
      try {
        const { teamId } = await identity(token);
        if (teamId && teamId !== tenantExternalId) return { ok: false, external: false, reason: englishOf("posters.slack.otherWorkspace") };
        const { channel: info } = await client(token).conversations.info({ channel });
        if (!info) return { ok: false, external: false, reason: englishOf("posters.slack.undescribed") };
        const channelName = info.name ? `#${info.name}` : channel;
        const external = Boolean(info.is_ext_shared || info.is_pending_ext_shared);
        if (info.is_archived) return { ok: false, external, channelName, reason: englishOf("posters.slack.archived", { channel: channelName }) };
        // Posting works in public channels without joining (chat:write.public), but reading the
        // history to find an earlier post does not, and exactly-once needs that.
        if (!info.is_member && !info.is_im) return { ok: false, external, channelName, reason: englishOf("posters.slack.notMember", { channel: channelName }) };
        return { ok: true, external, channelName };
      } catch (error) {
        const platform = platformErrorCode(error);
        if (platform === "channel_not_found") return { ok: false, external: false, reason: englishOf("posters.slack.notFound") };
        if (platform) return { ok: false, external: false, reason: englishOf("posters.slack.refused", { error: platform }) };
        throw toSlackPostError(error);
      }
    },

    async post(channelRef, reply, { idempotencyMarker, tenantExternalId }) {
      const channel = requireChannel(channelRef);
      const token = await tokenFor(channelRef, tenantExternalId);
      const message = renderDigest(reply);
      try {
        const result = await client(token).chat.postMessage(
          withoutUnfurls({
            channel,
            text: message.text,
            blocks: message.blocks,
            metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { marker: idempotencyMarker } },
          }),
        );
        if (!result.ts) throw PostError.lostResponse();
        return { messageId: result.ts };
      } catch (error) {
        const mapped = toSlackPostError(error);
        logger.warn({ err: error, channelRef, code: mapped.code, retryable: mapped.retryable, maybePosted: mapped.maybePosted }, "Posting a digest failed");
        throw mapped;
      }
    },

    async findPosted(channelRef, marker, { tenantExternalId }) {
      const channel = requireChannel(channelRef);
      const token = await tokenFor(channelRef, tenantExternalId);
      const oldest = ((now() - historyWindowMs) / 1000).toFixed(6);
      // History comes newest first: the last match seen is the oldest copy.
      let found: string | null = null;
      try {
        const { botId } = await identity(token);
        let cursor: string | undefined;
        for (let page = 0; page < maxHistoryPages; page += 1) {
          const result = await client(token).conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
          for (const message of result.messages ?? []) {
            const metadata = message.metadata as { event_type?: string; event_payload?: { marker?: unknown } } | undefined;
            if (metadata?.event_type !== DIGEST_EVENT_TYPE || metadata.event_payload?.marker !== marker) continue;
            // Only this bot's own posts count: another app could copy the metadata.
            if (botId && message.bot_id && message.bot_id !== botId) continue;
            if (message.ts) found = message.ts;
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!result.has_more || !cursor) return found;
        }
      } catch (error) {
        throw toSlackPostError(error);
      }
      // A copy was seen: it was posted, which is what the caller must know (an even older copy
      // beyond the pages read would only leave a duplicate in place, never cause a second post).
      if (found) return found;
      throw new PostError("history_too_long", `More than ${maxHistoryPages * 200} messages in ${channelRef} within the search window: cannot tell whether the digest was posted.`, { retryable: true, maybePosted: true });
    },

    async postDirect(userRef, reply, { tenantExternalId }) {
      // chat.postMessage with a user id as the channel opens (or reuses) the bot's DM with them.
      const user = /^slack:([UW][A-Z0-9]{2,})$/.exec(userRef)?.[1];
      if (!user) throw PostError.fatal("bad_user_ref", `${userRef} is not a Slack user reference (slack:U0123ABCD).`);
      const token = await tokenFor(userRef, tenantExternalId);
      const message = renderDigest(reply);
      try {
        const result = await client(token).chat.postMessage(withoutUnfurls({ channel: user, text: message.text, blocks: message.blocks }));
        if (!result.ts) throw PostError.lostResponse();
        return { messageId: result.ts };
      } catch (error) {
        const mapped = toSlackPostError(error);
        logger.warn({ err: error, userRef, code: mapped.code, retryable: mapped.retryable }, "Sending a direct message failed");
        throw mapped;
      }
    },

    async delete(channelRef, messageId, { tenantExternalId }) {
      const channel = requireChannel(channelRef);
      const token = await tokenFor(channelRef, tenantExternalId);
      try {
        await client(token).chat.delete({ channel, ts: messageId });
      } catch (error) {
        // Already gone (another process removed the same duplicate, or a person did): done.
        if (platformErrorCode(error) === "message_not_found") return;
        throw toSlackPostError(error);
      }
    },
  };
}

/** The Slack channel id in "slack:C0123ABCD", or undefined. */
export function slackChannelId(channelRef: string): string | undefined {
  const match = /^slack:([CGD][A-Z0-9]{2,})$/.exec(channelRef);
  return match?.[1];
}

function requireChannel(channelRef: string): string {
  const channel = slackChannelId(channelRef);
  if (!channel) throw PostError.fatal("bad_channel_ref", `${channelRef} is not a Slack channel reference (slack:C0123ABCD).`);
  return channel;
}

/**
 * A digest as a Slack message: the adapter's renderer (escaping every piece of CRM text), then
 * the digest's mention markers as real user mentions: `<@U123>` for Slack user ids, "@Name"
 * for members without one (console or imported members).
 */
export function renderDigest(reply: Reply): { text: string; blocks: SlackBlock[] } {
  const { text, blocks } = renderMessage({ ...reply, visibility: "channel" });
  return { text: withMentions(text, true), blocks: mapTexts(blocks) as SlackBlock[] };
}

function withMentions(text: string, mrkdwn: boolean): string {
  const replaced = text.replace(MENTION_PATTERN, (_match, id: string, name: string) => (mrkdwn && isUserId(id) ? `<@${id}>` : `@${name}`));
  // A marker cut in half by truncation is dropped rather than shown.
  return replaced.replace(/[\uE000\uE001]/g, "");
}

/** Rewrites every text object: mrkdwn gets mentions, plain_text gets "@Name". */
function mapTexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(mapTexts);
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(object)) {
    if (key === "text" && typeof inner === "string" && (object.type === "mrkdwn" || object.type === "plain_text")) result[key] = withMentions(inner, object.type === "mrkdwn");
    else result[key] = mapTexts(inner);
  }
  return result;
}

function platformErrorCode(error: unknown): string | undefined {
  const candidate = error as Partial<WebAPICallError> | undefined;
  if (candidate?.code !== ErrorCode.PlatformError) return undefined;
  return String((candidate as { data?: { error?: unknown } }).data?.error ?? "unknown_error");
}

/** Any Web API failure as the scheduler's PostError. */
export function toSlackPostError(error: unknown): PostError {
  if (error instanceof PostError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case ErrorCode.RateLimitedError: {
      const seconds = Number((error as { retryAfter?: unknown }).retryAfter);
      return PostError.rateLimited(Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000);
    }
    case ErrorCode.HTTPError: {
      const status = Number((error as { statusCode?: unknown }).statusCode);
      if (status === 429) return PostError.rateLimited(1000);
      if (status >= 500) return withCause(PostError.server(status), error);
      return new PostError(`http_${status}`, `Slack answered HTTP ${status}`, { retryable: false, cause: error });
    }
    case ErrorCode.RequestError:
      // Connection reset, timeout, DNS: the request may have reached Slack.
      return withCause(PostError.lostResponse(), error);
    case ErrorCode.PlatformError: {
      const slackError = platformErrorCode(error) ?? "unknown_error";
      // Slack's own trouble answered with ok:false may come after the message went out; only a
      // rate limit says for sure that nothing was posted.
      if (TRANSIENT_PLATFORM_ERRORS.has(slackError)) return new PostError(slackError, `Slack: ${slackError}`, { retryable: true, maybePosted: slackError !== "ratelimited", cause: error });
      return PostError.fatal(slackError, `Slack refused the post: ${slackError}`);
    }
    default:
      return new PostError("unexpected", error instanceof Error ? error.message : String(error), { retryable: true, maybePosted: true, cause: error });
  }
}

function withCause(postError: PostError, cause: unknown): PostError {
  return new PostError(postError.code, postError.message, { retryable: postError.retryable, ...(postError.retryAfterMs !== undefined ? { retryAfterMs: postError.retryAfterMs } : {}), maybePosted: postError.maybePosted, cause });
}
