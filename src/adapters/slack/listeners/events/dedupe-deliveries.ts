/**
 * Events API delivery is at-least-once (X-Slack-Retry-Num over HTTP, retry_attempt in Socket Mode)
 * and Bolt does not deduplicate: this global middleware lets each event_id through once.
 * Interactions are made idempotent where they write (idempotency keys), not here.
 */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { SlackDeps } from "../../support/deps.js";

export function dedupeEventDeliveries(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      if (deps.deliveries.has(eventId)) {
        deps.logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, "Skipping a repeated event delivery");
        return;
      }
      deps.deliveries.set(eventId, true);
    }
    await next();
  };
}
