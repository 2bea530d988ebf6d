/**
 * Builds one digest for a tenant at a moment: queries (the DigestStore port) + a pure builder.
 * `buildDigest` is what the scheduler, `digest preview` / `digest run` and bench/digests.ts call.
 */
import { addDaysTo, todayIn } from "../core/dates.js";
import type { DigestKind } from "../core/digests.js";
import type { DigestLimits, DigestQueries, DigestStore } from "../core/digest-store.js";
import { buildChurnDigest } from "./builders/churn.js";
import { buildFollowUpsDigest } from "./builders/followups.js";
import { buildOverdueDigest } from "./builders/overdue.js";
import { buildPipelineDigest } from "./builders/pipeline.js";
import type { BuiltDigest, DigestContext } from "./builders/types.js";
import { fireInstant } from "./schedule-time.js";
import { createTranslator } from "../core/i18n/translator.js";
import { DEFAULT_LOCALE, localeFromTag, type Locale } from "../core/i18n/locale.js";

export const SHORT_LIMITS: DigestLimits = { owners: 6, itemsPerOwner: 3, items: 5 };
export const FULL_LIMITS: DigestLimits = { owners: 50, itemsPerOwner: 25, items: 50 };

export type BuildDigestInput = {
  store: DigestStore;
  tenantId: number;
  kind: DigestKind;
  now: Date;
  /** The zone whose calendar date "today" is (the subscription's, or the previewing member's). */
  timeZone: string;
  /** Longer lists (`digest preview <kind> all`). */
  full?: boolean;
  /** The subscription's language or the previewing member's; absent or null: the workspace's default. */
  locale?: Locale | null;
  /** RAPPORT_LOCALE: when neither the subscription nor the workspace names a language. */
  fallbackLocale?: string;
};

export async function buildDigest(input: BuildDigestInput): Promise<BuiltDigest> {
  const currency = await input.store.tenantCurrency(input.tenantId);
  const locale = input.locale ?? (await input.store.tenantLocale(input.tenantId)) ?? localeFromTag(input.fallbackLocale) ?? DEFAULT_LOCALE;
  const ctx: DigestContext = {
    now: input.now,
    today: todayIn(input.timeZone, input.now),
    timeZone: input.timeZone,
    currency,
    full: input.full ?? false,
    t: createTranslator(locale),
  };
  return buildFromQueries(input.store.queries(input.tenantId), input.kind, ctx);
}

export async function buildFromQueries(queries: DigestQueries, kind: DigestKind, ctx: DigestContext): Promise<BuiltDigest> {
  const limits = ctx.full ? FULL_LIMITS : SHORT_LIMITS;
  switch (kind) {
    case "followups":
      return buildFollowUpsDigest(await queries.followUps({ today: ctx.today, limits }), ctx);
    case "overdue":
      return buildOverdueDigest(await queries.overdue({ today: ctx.today, limits }), ctx);
    case "churn":
      return buildChurnDigest(await queries.churn({ today: ctx.today, now: ctx.now, limits }), ctx);
    case "pipeline": {
      // The last seven local days, from the first one's midnight in the digest's zone.
      const from = addDaysTo(ctx.today, -6);
      return buildPipelineDigest(await queries.pipeline({ today: ctx.today, from, since: fireInstant(from, "00:00", ctx.timeZone), until: ctx.now }), ctx);
    }
  }
}
