/**
 * Subscriptions (add, list, remove) and on-demand digests (preview, run now) for one tenant at a
 * time. The `digest` command calls this; the scheduler reads the same tables.
 */
import type { DbClient } from "../data/client-types.js";
import { clientOf } from "../data/store.js";
import type { Store } from "../core/store.js";
import { addDaysTo, todayIn, type CalendarDate } from "../core/dates.js";
import { NotFound, UserError } from "../core/errors.js";
import { silentLogger, type Logger } from "../core/logger.js";
import { fromDbDate, toDbDate } from "../data/mappers.js";
import { buildDigest } from "./build.js";
import type { BuiltDigest } from "./builders/types.js";
import type { DigestKind, RunState } from "./kinds.js";
import { channelPlatform, type DigestPoster } from "./poster.js";
import { DEFAULT_RETRY, postWithRetries, type RetryPolicy } from "./scheduler.js";
import { nextFire } from "./schedule-time.js";

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

export type DigestService = {
  readonly poster: DigestPoster;
  add(input: {
    tenant: { id: number; platform: string; externalId: string };
    createdById: number;
    kind: DigestKind;
    channelRef: string;
    localTime: string;
    timeZone: string;
    weekdays: number[];
    postWhenEmpty: boolean;
    confirmExternal: boolean;
    now: Date;
  }): Promise<{ id: number; external: boolean; channelName: string | null }>;
  list(tenantId: number, now: Date): Promise<SubscriptionView[]>;
  remove(tenantId: number, id: number): Promise<SubscriptionView | null>;
  preview(input: { tenantId: number; kind: DigestKind; now: Date; timeZone: string; full: boolean }): Promise<BuiltDigest>;
  runNow(input: { tenantId: number; id: number; now: Date }): Promise<{ messageId: string | null; channelRef: string; empty: boolean }>;
  /** The same service on the client of `store`, so a command's reads and writes join its transaction. */
  within(store: Store): DigestService;
};

export function createDigestService(options: {
  prisma: DbClient;
  poster: DigestPoster;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryPolicy>;
}): DigestService {
  const { prisma, poster } = options;
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = { ...DEFAULT_RETRY, ...options.retry };

  async function views(tenantId: number, now: Date, where: { id?: number } = {}): Promise<SubscriptionView[]> {
    const subs = await prisma.digestSubscription.findMany({ where: { tenantId, active: true, ...where }, orderBy: { id: "asc" } });
    if (!subs.length) return [];
    const since = addDaysTo(todayIn("UTC", now), -31);
    const runs = await prisma.digestRun.findMany({
      where: { subscriptionId: { in: subs.map((sub) => sub.id) }, localDate: { gte: toDbDate(since) } },
      orderBy: { localDate: "desc" },
      select: { subscriptionId: true, localDate: true, state: true, late: true, postedAt: true, error: true, nextAttemptAt: true },
    });
    return subs.map((sub) => {
      const own = runs.filter((run) => run.subscriptionId === sub.id);
      const done = new Set(own.filter((run) => run.nextAttemptAt === null).map((run) => fromDbDate(run.localDate)));
      const last = own[0];
      return {
        id: sub.id,
        kind: sub.kind as DigestKind,
        channelRef: sub.channelRef,
        channelName: sub.channelName,
        localTime: sub.localTime,
        timeZone: sub.timeZone,
        weekdays: sub.weekdays,
        postWhenEmpty: sub.postWhenEmpty,
        nextRun: nextFire(sub, now, done),
        last: last ? { date: fromDbDate(last.localDate), state: last.state as RunState, late: last.late, postedAt: last.postedAt, error: last.error } : null,
        misses: own.filter((run) => run.state === "missed").map((run) => fromDbDate(run.localDate)),
      };
    });
  }

  return {
    poster,
    within: (store) => createDigestService({ ...options, prisma: clientOf(store) ?? prisma }),
    async add(input) {
      const platform = channelPlatform(input.channelRef);
      // Console destinations are the server's stdout and files: only the console tenant may pick them.
      if (platform !== input.tenant.platform) {
        throw new UserError(
          "wrong_platform",
          platform === "console"
            ? `${input.channelRef} is on the Rapport server; only the console may post digests there. Pick a channel of this workspace with #.`
            : `This workspace is on ${input.tenant.platform}; it cannot post digests into a ${platform || "unknown"} channel.`,
        );
      }
      const check = await poster.canPost(input.channelRef, { tenantExternalId: input.tenant.externalId });
      if (!check.ok && platform === "console") {
        throw new UserError("cannot_post", `I cannot post to ${input.channelRef}: ${check.reason}`, { example: "digest add followups console:stdout 08:30" });
      }
      if (!check.ok) {
        throw new UserError("cannot_post", `I cannot post in ${input.channelRef}: ${check.reason ?? "the bot is not a member or lacks permission"}. Invite the bot to the channel first.`);
      }
      if (check.external && !input.confirmExternal) {
        throw new UserError(
          "external_channel",
          `${check.channelName ?? input.channelRef} is shared with another organisation (Slack Connect): the digest would show CRM data to people outside the company. If that is intended, repeat the command with confirm-external at the end.`,
        );
      }
      const row = await prisma.digestSubscription.create({
        data: {
          tenantId: input.tenant.id,
          kind: input.kind,
          channelRef: input.channelRef,
          channelName: check.channelName ?? null,
          localTime: input.localTime,
          timeZone: input.timeZone,
          weekdays: input.weekdays,
          postWhenEmpty: input.postWhenEmpty,
          externalConfirmed: check.external && input.confirmExternal,
          createdById: input.createdById,
          // Slots before this moment are neither posted nor counted as missed.
          createdAt: input.now,
        },
      });
      return { id: row.id, external: check.external, channelName: check.channelName ?? null };
    },
    list: (tenantId, now) => views(tenantId, now),
    async remove(tenantId, id) {
      const [view] = await views(tenantId, new Date(), { id });
      if (!view) return null;
      // Deleting cascades to the run history; a removed subscription has nothing left to show.
      await prisma.digestSubscription.deleteMany({ where: { id, tenantId } });
      return view;
    },
    preview: ({ tenantId, kind, now, timeZone, full }) => buildDigest({ prisma, tenantId, kind, now, timeZone, full }),
    async runNow({ tenantId, id, now }) {
      const sub = await prisma.digestSubscription.findFirst({ where: { id, tenantId, active: true } });
      if (!sub) throw new NotFound(`No digest subscription ${id} in this workspace.`, "digest list");
      // The tenant's workspace picks the bot token: a shared channel alone does not say whose.
      const { externalId: tenantExternalId } = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { externalId: true } });
      const built = await buildDigest({ prisma, tenantId, kind: sub.kind as DigestKind, now, timeZone: sub.timeZone });
      const marker = `rapport-digest:${sub.id}:manual:${now.toISOString()}`;
      const outcome = await postWithRetries({
        poster,
        channelRef: sub.channelRef,
        tenantExternalId,
        reply: built.reply,
        marker,
        retry,
        sleep,
        beforeAttempt: async () => true,
        checkPosted: async () => {
          try {
            const messageId = await poster.findPosted(sub.channelRef, marker, { tenantExternalId });
            return messageId ? { kind: "posted", messageId } : { kind: "absent" };
          } catch (error) {
            return { kind: "unknown", error: (error as Error).message };
          }
        },
      });
      if (outcome.kind === "posted") return { messageId: outcome.messageId, channelRef: sub.channelRef, empty: built.empty };
      logger.warn({ subscription: sub.id, outcome }, "manual digest run did not post");
      if (outcome.kind === "unknown") {
        throw new UserError("post_unknown", `The post to ${sub.channelRef} may or may not have gone through (${outcome.error}). Check the channel before running it again.`);
      }
      throw new UserError("post_failed", `Could not post to ${sub.channelRef}: ${outcome.kind === "failed" ? outcome.error : "interrupted"}. Try again in a minute.`);
    },
  };
}

/**
 * The service the `digest` command uses. The app binds it at start-up (next to the scheduler);
 * CommandContext has no slot for services yet, hence this one binding.
 */
let bound: DigestService | null = null;

export function bindDigestService(service: DigestService | null): void {
  bound = service;
}

export function boundDigestService(): DigestService | null {
  return bound;
}
