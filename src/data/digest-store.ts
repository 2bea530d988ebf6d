/**
 * The Prisma implementation of the DigestStore port (src/core/digest-store.ts): subscriptions,
 * run claims (the unique (subscription, local date) row decides who posts) and the builders' queries.
 */
import type { DigestKind, RunState } from "../core/digests.js";
import type { DigestRun, DigestStore, DigestSubscription, ScheduledSubscription } from "../core/digest-store.js";
import type { DbClient } from "./client-types.js";
import { createDigestQueries } from "./digest-queries.js";
import { fromDbDate, toDbDate } from "./mappers.js";
import { clientOf } from "./store.js";
import { isLocale } from "../core/i18n/locale.js";

type SubscriptionRow = {
  id: number;
  tenant_id: number;
  tenant_external_id: string;
  kind: DigestKind;
  channel_ref: string;
  local_time: string;
  time_zone: string;
  weekdays: number[] | null;
  post_when_empty: boolean;
  language: string | null;
  created_ms: number;
  resumed_ms: number | null;
};

function toSubscription(row: {
  id: number;
  tenantId: number;
  kind: string;
  channelRef: string;
  channelName: string | null;
  localTime: string;
  timeZone: string;
  weekdays: number[];
  postWhenEmpty: boolean;
  language: string | null;
  createdAt: Date;
}): DigestSubscription {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind as DigestKind,
    channelRef: row.channelRef,
    channelName: row.channelName,
    localTime: row.localTime,
    timeZone: row.timeZone,
    weekdays: row.weekdays,
    postWhenEmpty: row.postWhenEmpty,
    language: isLocale(row.language) ? row.language : null,
    createdAt: row.createdAt,
  };
}

export function createDigestStore(db: DbClient): DigestStore {
  return {
    within: (store) => createDigestStore(clientOf(store) ?? db),

    async subscriptions(tenantId, where = {}) {
      const rows = await db.digestSubscription.findMany({ where: { tenantId, active: true, ...where }, orderBy: { id: "asc" } });
      return rows.map(toSubscription);
    },
    async createSubscription(input) {
      const row = await db.digestSubscription.create({ data: input, select: { id: true } });
      return { id: row.id };
    },
    async deleteSubscription(tenantId, id) {
      await db.digestSubscription.deleteMany({ where: { id, tenantId } });
    },
    async scheduledSubscriptions() {
      // Raw SQL: this runs every minute in every process, and skips the query builder's overhead.
      // A paused tenant (its workspace took Rapport's access away) is left out: nothing is tried.
      const rows = await db.$queryRawUnsafe<SubscriptionRow[]>(
        `SELECT s.id, s.tenant_id, t.external_id AS tenant_external_id, s.kind, s.channel_ref, s.local_time,
           s.time_zone, s.weekdays, s.post_when_empty, s.language, (EXTRACT(EPOCH FROM s.created_at) * 1000)::float8 AS created_ms,
           (EXTRACT(EPOCH FROM t.deliveries_resumed_at) * 1000)::float8 AS resumed_ms
         FROM digest_subscriptions s JOIN tenants t ON t.id = s.tenant_id WHERE s.active AND t.deliveries_paused_at IS NULL`,
      );
      return rows.map(
        (row): ScheduledSubscription => ({
          id: row.id,
          tenantId: row.tenant_id,
          tenantExternalId: row.tenant_external_id,
          kind: row.kind,
          channelRef: row.channel_ref,
          localTime: row.local_time,
          timeZone: row.time_zone,
          weekdays: row.weekdays ?? [],
          postWhenEmpty: row.post_when_empty,
          language: isLocale(row.language) ? row.language : null,
          createdAt: new Date(row.created_ms),
          resumedAt: row.resumed_ms === null ? null : new Date(row.resumed_ms),
        }),
      );
    },
    async tenantExternalId(tenantId) {
      const { externalId } = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { externalId: true } });
      return externalId;
    },
    async tenantCurrency(tenantId) {
      const { currency } = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { currency: true } });
      return currency;
    },
    async tenantLocale(tenantId) {
      const { defaultLocale } = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { defaultLocale: true } });
      return isLocale(defaultLocale) ? defaultLocale : null;
    },

    async runs(subscriptionIds, since) {
      const rows = await db.digestRun.findMany({
        where: { subscriptionId: { in: subscriptionIds }, localDate: { gte: toDbDate(since) } },
        orderBy: { localDate: "desc" },
        select: { id: true, subscriptionId: true, localDate: true, state: true, late: true, postedAt: true, error: true, nextAttemptAt: true },
      });
      return rows.map((row): DigestRun => ({ ...row, localDate: fromDbDate(row.localDate), state: row.state as RunState }));
    },
    async recordMissed(slot) {
      const { count } = await db.digestRun.createMany({
        data: [
          {
            subscriptionId: slot.subscriptionId,
            tenantId: slot.tenantId,
            localDate: toDbDate(slot.localDate),
            scheduledAt: slot.scheduledAt,
            state: "missed",
            error: slot.error,
            nextAttemptAt: null,
            createdAt: slot.at,
            updatedAt: slot.at,
          },
        ],
        skipDuplicates: true,
      });
      return count === 1;
    },
    async claimRun(slot) {
      const localDate = toDbDate(slot.localDate);
      const { count } = await db.digestRun.createMany({
        data: [
          {
            subscriptionId: slot.subscriptionId,
            tenantId: slot.tenantId,
            localDate,
            scheduledAt: slot.scheduledAt,
            state: "claimed",
            late: slot.late,
            claimToken: slot.token,
            claimedBy: slot.claimedBy,
            nextAttemptAt: slot.leaseUntil,
            createdAt: slot.at,
            updatedAt: slot.at,
          },
        ],
        skipDuplicates: true,
      });
      if (count !== 1) return null;
      const run = await db.digestRun.findUniqueOrThrow({ where: { subscriptionId_localDate: { subscriptionId: slot.subscriptionId, localDate } }, select: { id: true } });
      return run.id;
    },
    async runLease(runId) {
      const row = await db.digestRun.findUnique({ where: { id: runId }, select: { state: true, nextAttemptAt: true } });
      return row ? { state: row.state as RunState, nextAttemptAt: row.nextAttemptAt } : null;
    },
    async takeOverRun({ runId, expected, token, claimedBy, leaseUntil, at }) {
      const { count } = await db.digestRun.updateMany({
        where: { id: runId, state: expected.state, nextAttemptAt: expected.nextAttemptAt },
        data: { claimToken: token, claimedBy, nextAttemptAt: leaseUntil, updatedAt: at },
      });
      return count === 1;
    },
    async updateRun(runId, token, patch) {
      const { countAttempt, ...fields } = patch;
      const { count } = await db.digestRun.updateMany({
        where: { id: runId, claimToken: token },
        data: { ...fields, ...(countAttempt ? { attempts: { increment: 1 } } : {}), updatedAt: new Date() },
      });
      return count === 1;
    },

    queries: (tenantId) => createDigestQueries(db, tenantId),
  };
}
