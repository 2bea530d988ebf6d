/**
 * Posting messages without duplicates. Slack has no idempotency key for chat.postMessage: when a
 * response is lost after Slack posted, the default client retry posts again. This poster uses
 * clients with retries switched off and retries only what is safe to retry: a 429 (Slack did not
 * post) after its Retry-After. A network failure is reported, not retried blindly.
 */
import { ErrorCode, WebClient, type ChatPostEphemeralArguments, type ChatPostMessageArguments, type WebAPIRateLimitedError } from "@slack/web-api";
import type { Logger } from "../../../core/logger.js";
import { toBoltLogger } from "./bolt-logger.js";

export type PostResult = { channel?: string; ts?: string };

export class SlackPoster {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly options: { apiUrl?: string; logger: Logger; maxRateLimitRetries?: number; sleep?: (ms: number) => Promise<void> },
  ) {}

  async postMessage(token: string, args: ChatPostMessageArguments): Promise<PostResult> {
    const result = await this.withRateLimitRetries("chat.postMessage", () => this.client(token).chat.postMessage(args));
    return { ...(result.channel ? { channel: result.channel } : {}), ...(result.ts ? { ts: result.ts } : {}) };
  }

  async postEphemeral(token: string, args: ChatPostEphemeralArguments): Promise<void> {
    await this.withRateLimitRetries("chat.postEphemeral", () => this.client(token).chat.postEphemeral(args));
  }

  private async withRateLimitRetries<T>(method: string, call: () => Promise<T>): Promise<T> {
    const maxRetries = this.options.maxRateLimitRetries ?? 3;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (!isRateLimited(error) || attempt >= maxRetries) throw error;
        this.options.logger.warn({ method, retryAfterSeconds: error.retryAfter, attempt }, "Slack rate limited a post; retrying after Retry-After");
        await sleep(Math.max(1, error.retryAfter) * 1000);
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

function isRateLimited(error: unknown): error is WebAPIRateLimitedError {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === ErrorCode.RateLimitedError;
}
