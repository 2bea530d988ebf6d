/**
 * Scheduled digests as commands see them: the kinds, the states of a run, and the DigestService
 * the `digest` command reaches through its CommandContext (implemented in src/digests/service.ts).
 */
import type { Locale } from "./i18n/locale.js";
import type { Translate } from "./i18n/translator.js";
import type { CalendarDate } from "./dates.js";
import type { Reply } from "./reply.js";
import type { Store } from "./store.js";

/** The digest kinds and their one-line descriptions (used by commands, builders and the scheduler). */
export const DIGEST_KINDS = ["followups", "overdue", "churn", "pipeline"] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

/** A kind's one-line description in the reader's language (`digest.kind.<kind>` in the catalogs). */
export function digestKindSummary(kind: DigestKind, t: Translate): string {
  return t(`digest.kind.${kind}`);
}

/** States of a digest run row (one per subscription and local date). */
export const RUN_STATES = ["claimed", "posting", "posted", "skipped", "unknown", "failed", "missed"] as const;
export type RunState = (typeof RUN_STATES)[number];

export type BuiltDigest = {
  reply: Reply;
  /** Nothing to report: subscriptions without post-when-empty post nothing. */
  empty: boolean;
};

export type SubscriptionView = {
  id: number;
  kind: DigestKind;
  channelRef: string;
  channelName: string | null;
  localTime: string;
  timeZone: string;
  weekdays: number[];
  postWhenEmpty: boolean;
  nextRun: { date: CalendarDate; at: Date } | null;
  last: { date: CalendarDate; state: RunState; late: boolean; postedAt: Date | null; error: string | null } | null;
  /** Missed local dates in the last 30 days, newest first. */
  misses: CalendarDate[];
};

/** Subscriptions (add, list, remove) and on-demand digests (preview, run now) for one tenant at a time. */
export type DigestService = {
  add(input: {
    tenant: { id: number; platform: string; externalId: string };
    createdById: number;
    kind: DigestKind;
    channelRef: string;
    localTime: string;
    timeZone: string;
    weekdays: number[];
    postWhenEmpty: boolean;
    /** null: the workspace's default language when the digest is built. */
    language?: Locale | null;
    confirmExternal: boolean;
    now: Date;
    /** The language refusals are said in (default English). */
    t?: Translate;
  }): Promise<{ id: number; external: boolean; channelName: string | null }>;
  list(tenantId: number, now: Date): Promise<SubscriptionView[]>;
  remove(tenantId: number, id: number): Promise<SubscriptionView | null>;
  preview(input: { tenantId: number; kind: DigestKind; now: Date; timeZone: string; full: boolean; locale?: Locale }): Promise<BuiltDigest>;
  /** A subscription as `list` shows it; null when the workspace has none with this id. */
  get(tenantId: number, id: number, now: Date): Promise<SubscriptionView | null>;
  /** `marker`: what finds this post in the channel again (default: one per subscription and `now`). */
  runNow(input: { tenantId: number; id: number; now: Date; t?: Translate; marker?: string }): Promise<{ messageId: string | null; channelRef: string; empty: boolean }>;
  /** The same service on the connection of `store`, so a command's reads and writes join its transaction. */
  within(store: Store): DigestService;
  /** Posts one message in a channel of the workspace (a delivery notice), once, with the digests' retries. */
  announce(input: { tenantExternalId: string; channelRef: string; reply: Reply; marker: string }): Promise<void>;
};
