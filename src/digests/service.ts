/**
 * Subscriptions (add, list, remove) and on-demand digests (preview, run now) for one tenant at a
 * time. The `digest` command calls this; the scheduler reads the same tables.
 */
import type { Store } from "../core/store.js";
import { addDaysTo, todayIn } from "../core/dates.js";
import type { DigestService, SubscriptionView } from "../core/digests.js";
import type { DigestStore } from "../core/digest-store.js";
import { NotFound, UserError } from "../core/errors.js";
import { silentLogger, type Logger } from "../core/logger.js";
import { buildDigest } from "./build.js";
import { channelPlatform, type DigestPoster } from "./poster.js";
import { DEFAULT_RETRY, postWithRetries, type RetryPolicy } from "./scheduler.js";
import { nextFire } from "./schedule-time.js";
import { manualRunMarker } from "./manual-run-marker.js";
import { createTranslator } from "../core/i18n/translator.js";
import { localizeMessage } from "../core/i18n/localized-messages.js";

const ENGLISH = createTranslator("en");

export type { DigestService, SubscriptionView } from "../core/digests.js";

export function createDigestService(options: {
  store: DigestStore;
  poster: DigestPoster;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  retry?: Partial<RetryPolicy>;
  /** RAPPORT_LOCALE: a digest's language when neither its subscription nor the workspace names one. */
  defaultLocale?: string;
}): DigestService {
  const { store, poster } = options;
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = { ...DEFAULT_RETRY, ...options.retry };

  async function views(tenantId: number, now: Date, where: { id?: number } = {}): Promise<SubscriptionView[]> {
    const subs = await store.subscriptions(tenantId, where);
    if (!subs.length) return [];
    const since = addDaysTo(todayIn("UTC", now), -31);
    const runs = await store.runs(subs.map((sub) => sub.id), since);
    return subs.map((sub) => {
      const own = runs.filter((run) => run.subscriptionId === sub.id);
      const done = new Set(own.filter((run) => run.nextAttemptAt === null).map((run) => run.localDate));
      const last = own[0];
      return {
        id: sub.id,
        kind: sub.kind,
        channelRef: sub.channelRef,
        channelName: sub.channelName,
        localTime: sub.localTime,
        timeZone: sub.timeZone,
        weekdays: sub.weekdays,
        postWhenEmpty: sub.postWhenEmpty,
        nextRun: nextFire(sub, now, done),
        last: last ? { date: last.localDate, state: last.state, late: last.late, postedAt: last.postedAt, error: last.error } : null,
        misses: own.filter((run) => run.state === "missed").map((run) => run.localDate),
      };
    });
  }

  return {
    within: (commandStore: Store) => createDigestService({ ...options, store: store.within(commandStore) }),
    async announce({ tenantExternalId, channelRef, reply, marker }) {
      // The marker lets a post that may have gone through be found instead of posted twice.
      const outcome = await postWithRetries({
        poster,
        channelRef,
        tenantExternalId,
        reply,
        marker,
        retry,
        sleep,
        beforeAttempt: async () => true,
        checkPosted: async () => {
          try {
            const messageId = await poster.findPosted(channelRef, marker, { tenantExternalId });
            return messageId ? { kind: "posted", messageId } : { kind: "absent" };
          } catch (error) {
            return { kind: "unknown", error: String(error) };
          }
        },
      });
      if (outcome.kind !== "posted") logger.warn({ channelRef, outcome }, "a channel notice was not posted");
    },
    async add(input) {
      const t = input.t ?? ENGLISH;
      const platform = channelPlatform(input.channelRef);
      // Console destinations are the server's stdout and files: only the console tenant may pick them.
      if (platform !== input.tenant.platform) {
        throw new UserError(
          "wrong_platform",
          platform === "console"
            ? t("digests.consoleOnly", { channel: input.channelRef })
            : t("digests.wrongPlatform", { platform: input.tenant.platform, other: platform || "unknown" }),
        );
      }
      const check = await poster.canPost(input.channelRef, { tenantExternalId: input.tenant.externalId });
      if (!check.ok && platform === "console") {
        throw new UserError("cannot_post", t("digests.cannotPostConsole", { channel: input.channelRef, reason: check.reason === undefined ? undefined : localizeMessage(check.reason, t) }), { example: "digest add followups console:stdout 08:30" });
      }
      if (!check.ok) {
        throw new UserError("cannot_post", t("digests.cannotPost", { channel: input.channelRef, reason: check.reason === undefined ? t("digests.notMember") : localizeMessage(check.reason, t) }));
      }
      if (check.external && !input.confirmExternal) {
        throw new UserError(
          "external_channel",
          t("digests.external", { channel: check.channelName ?? input.channelRef }),
        );
      }
      const row = await store.createSubscription({
        tenantId: input.tenant.id,
        kind: input.kind,
        channelRef: input.channelRef,
        channelName: check.channelName ?? null,
        localTime: input.localTime,
        timeZone: input.timeZone,
        weekdays: input.weekdays,
        postWhenEmpty: input.postWhenEmpty,
        language: input.language ?? null,
        externalConfirmed: check.external && input.confirmExternal,
        createdById: input.createdById,
        createdAt: input.now,
      });
      return { id: row.id, external: check.external, channelName: check.channelName ?? null };
    },
    list: (tenantId, now) => views(tenantId, now),
    get: async (tenantId, id, now) => (await views(tenantId, now, { id }))[0] ?? null,
    async remove(tenantId, id) {
      const [view] = await views(tenantId, new Date(), { id });
      if (!view) return null;
      // Deleting cascades to the run history; a removed subscription has nothing left to show.
      await store.deleteSubscription(tenantId, id);
      return view;
    },
    preview: ({ tenantId, kind, now, timeZone, full, locale }) => buildDigest({ store, tenantId, kind, now, timeZone, full, locale }),
    async runNow({ tenantId, id, now, t = ENGLISH, marker = manualRunMarker(id, now) }) {
      const [sub] = await store.subscriptions(tenantId, { id });
      if (!sub) throw new NotFound(t("digests.noSubscription", { id: String(id) }), "digest list");
      // The tenant's workspace picks the bot token: a shared channel alone does not say whose.
      const tenantExternalId = await store.tenantExternalId(tenantId);
      const built = await buildDigest({ store, tenantId, kind: sub.kind, now, timeZone: sub.timeZone, locale: sub.language, fallbackLocale: options.defaultLocale });
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
        throw new UserError("post_unknown", t("digests.postUnknown", { channel: sub.channelRef, reason: outcome.error }));
      }
      throw new UserError("post_failed", t("digests.postFailed", { channel: sub.channelRef, reason: outcome.kind === "failed" ? outcome.error : t("digests.interrupted") }));
    },
  };
}
