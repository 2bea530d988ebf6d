/**
 * Posting messages and files without duplicates. Slack has no idempotency key for
 * chat.postMessage or files.completeUploadExternal: when a response is lost after Slack posted,
 * the default client retry posts again. This poster uses clients with retries switched off and
 * retries only what is safe to retry: a 429 (Slack did not post) after its Retry-After, and, for
 * calls that share nothing (opening a DM, reserving an upload, sending file bytes), a lost
 * response or a 5xx. A network failure of a post is reported, not retried blindly.
 */
import { ErrorCode, WebClient, type ChatPostEphemeralArguments, type ChatPostMessageArguments } from "@slack/web-api";
import type { Logger } from "../../../core/logger.js";
import { toBoltLogger } from "./bolt-logger.js";
import { withoutUnfurls } from "./no-unfurls.js";
import { uploadFilesToSlack, type UploadedFile, type UploadRequest } from "./file-upload.js";
import type { PlatformApiObserver } from "../../../core/platform-api-events.js";

export type PostResult = { channel?: string; ts?: string };

export class SlackPoster {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly options: {
      apiUrl?: string;
      logger: Logger;
      maxRateLimitRetries?: number;
      /** Retries of a lost response or 5xx, only for calls that share nothing. */
      maxSafeRetries?: number;
      sleep?: (ms: number) => Promise<void>;
      fetch?: typeof fetch;
      /** Told about every retry and every failed call (metrics). */
      onApiEvent?: PlatformApiObserver;
    },
  ) {}

  async postMessage(token: string, args: ChatPostMessageArguments): Promise<PostResult> {
    const result = await this.withRetries("chat.postMessage", () => this.client(token).chat.postMessage(withoutUnfurls(args)), { afterLostResponse: false });
    return { ...(result.channel ? { channel: result.channel } : {}), ...(result.ts ? { ts: result.ts } : {}) };
  }

  async postEphemeral(token: string, args: ChatPostEphemeralArguments): Promise<void> {
    await this.withRetries("chat.postEphemeral", () => this.client(token).chat.postEphemeral(withoutUnfurls(args)), { afterLostResponse: false });
  }

  /** The bot's DM channel (D...) with a user: conversations.open, which returns the same channel every time. */
  async openDirectMessage(token: string, userId: string): Promise<string> {
    const result = await this.withRetries("conversations.open", () => this.client(token).conversations.open({ users: userId }), { afterLostResponse: true });
    const channelId = result.channel?.id;
    if (!channelId) throw new Error("conversations.open returned no channel");
    return channelId;
  }

  /** Uploads files and shares them in one message (see file-upload.ts for what is retried). */
  async uploadFiles(token: string, request: UploadRequest): Promise<UploadedFile[]> {
    const apiUrl = this.options.apiUrl;
    return uploadFilesToSlack(
      {
        client: this.client(token),
        withRetries: (method, call, options) => this.withRetries(method, call, options),
        ...(apiUrl && apiUrl.startsWith("http:") ? { allowedHttpOrigin: new URL(apiUrl).origin } : {}),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      },
      request,
    );
  }

  private async withRetries<T>(method: string, call: () => Promise<T>, { afterLostResponse }: { afterLostResponse: boolean }): Promise<T> {
    const maxRateLimitRetries = this.options.maxRateLimitRetries ?? 3;
    const maxSafeRetries = this.options.maxSafeRetries ?? 2;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let rateLimited = 0;
    let lost = 0;
    for (;;) {
      try {
        return await call();
      } catch (error) {
        const retryAfter = rateLimitRetryAfter(error);
        if (retryAfter !== undefined && rateLimited < maxRateLimitRetries) {
          rateLimited += 1;
          this.options.onApiEvent?.({ platform: "slack", kind: "retry", code: "rate_limited" });
          this.options.logger.warn({ method, retryAfterSeconds: retryAfter, attempt: rateLimited }, "Slack rate limited a call; retrying after Retry-After");
          await sleep(Math.max(1, retryAfter) * 1000);
          continue;
        }
        if (afterLostResponse && isLostOrServerError(error) && lost < maxSafeRetries) {
          lost += 1;
          this.options.onApiEvent?.({ platform: "slack", kind: "retry", code: "lost_response" });
          this.options.logger.warn({ method, err: error, attempt: lost }, "Slack call failed without an answer; retrying (it shares nothing)");
          await sleep(250 * 2 ** (lost - 1));
          continue;
        }
        this.options.onApiEvent?.({ platform: "slack", kind: "error", code: slackErrorCode(error) });
        throw error;
      }
    }
  }

  private client(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        ...(this.options.apiUrl ? { slackApiUrl: this.options.apiUrl } : {}),
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logger: toBoltLogger(this.options.logger.child({ component: "slack-poster" })),
      });
      this.clients.set(token, client);
    }
    return client;
  }
}

/** Retry-After seconds of a 429 (the SDK's WebAPIRateLimitedError or a 429 from an upload URL); undefined otherwise. */
function rateLimitRetryAfter(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, retryAfter } = error as { code?: unknown; retryAfter?: unknown };
  if (code !== ErrorCode.RateLimitedError) return undefined;
  return typeof retryAfter === "number" && Number.isFinite(retryAfter) ? retryAfter : 1;
}

/** Slack's own error string (not_in_channel, ...), else the SDK's error class, for metrics. */
function slackErrorCode(error: unknown): string {
  if (typeof error !== "object" || error === null) return "unknown";
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  if (code === ErrorCode.PlatformError && typeof data?.error === "string") return data.error.slice(0, 60);
  if (code === ErrorCode.RateLimitedError) return "rate_limited";
  if (code === ErrorCode.RequestError) return "lost_response";
  if (code === ErrorCode.HTTPError) return "http_error";
  return "unknown";
}

/** No answer at all, or a 5xx: Slack may or may not have done the work. */
function isLostOrServerError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === ErrorCode.RequestError || code === ErrorCode.HTTPError;
}
