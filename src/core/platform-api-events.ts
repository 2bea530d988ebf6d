/**
 * What an adapter reports about its own calls to Slack's or Discord's API, so that operations
 * can see errors and retries (src/ops/metrics.ts counts them). Codes are short and bounded:
 * Slack's error strings (not_in_channel, missing_scope), "rate_limited", "lost_response",
 * or an HTTP status.
 */
import type { PlatformId } from "./actor.js";

export type PlatformApiEvent = { platform: PlatformId; kind: "error" | "retry"; code: string };
export type PlatformApiObserver = (event: PlatformApiEvent) => void;
