/**
 * Builds one digest for a tenant at a moment: queries (data/digest-queries.ts) + a pure builder.
 * `buildDigest` is what the scheduler, `digest preview` / `digest run` and bench/digests.ts call.
 */
import type { DbClient } from "../data/client-types.js";
import { todayIn } from "../core/dates.js";
import { buildChurnDigest } from "./builders/churn.js";
import { buildFollowUpsDigest } from "./builders/followups.js";
import { buildOverdueDigest } from "./builders/overdue.js";
import { buildPipelineDigest } from "./builders/pipeline.js";
import type { BuiltDigest, DigestContext } from "./builders/types.js";
import { createDigestQueries, FULL_LIMITS, SHORT_LIMITS, type DigestQueries } from "./data/digest-queries.js";
import type { DigestKind } from "./kinds.js";

export type BuildDigestInput = {
  prisma: DbClient;
  tenantId: number;
  kind: DigestKind;
  now: Date;
  /** The zone whose calendar date "today" is (the subscription's, or the previewing member's). */
  timeZone: string;
  /** Longer lists (`digest preview <kind> all`). */
  full?: boolean;
};

export async function buildDigest(input: BuildDigestInput): Promise<BuiltDigest> {
  const tenant = await input.prisma.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, select: { currency: true } });
  const queries = createDigestQueries(input.prisma, input.tenantId);
  const ctx: DigestContext = {
    now: input.now,
    today: todayIn(input.timeZone, input.now),
    timeZone: input.timeZone,
    currency: tenant.currency,
    full: input.full ?? false,
  };
  return buildFromQueries(queries, input.kind, ctx);
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
    case "pipeline":
      return buildPipelineDigest(await queries.pipeline({ today: ctx.today, now: ctx.now, timeZone: ctx.timeZone }), ctx);
  }
}
