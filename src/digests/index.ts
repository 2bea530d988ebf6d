/**
 * Scheduled digests: the public surface.
 *
 * Starting the scheduler (in `rapport start`, once per process; many processes are fine):
 *
 *   const poster = createRoutingPoster({ slack: slackPoster, discord: discordPoster, console: consolePoster });
 *   const digests = startDigests({ store: createDigestStore(database.prisma), poster, logger });
 *   ...on shutdown: await digests.stop();
 *
 * src/app.ts does this as `app.startDigests({ poster, logger })` and hands the service to the
 * `digest` command through its CommandContext.
 */
import type { DigestStore } from "../core/digest-store.js";
import type { Logger } from "../core/logger.js";
import type { DigestPoster } from "./poster.js";
import { createDigestScheduler, type DigestScheduler, type SchedulerOptions } from "./scheduler.js";
import { createDigestService, type DigestService } from "./service.js";
import type { AlertDeliveryStore } from "../core/alerts.js";
import { createAlertScheduler, type AlertScheduler } from "./alerts.js";

export { buildDigest, type BuildDigestInput } from "./build.js";
export { createDigestScheduler, postWithRetries, idempotencyMarker, type DigestScheduler, type SchedulerOptions, type TickResult } from "./scheduler.js";
export { createDigestService, type DigestService } from "./service.js";
export { createAlertScheduler, type AlertScheduler, type AlertTickResult } from "./alerts.js";
export { PostError, toPostError, channelPlatform, type DigestPoster, type CanPostResult } from "./poster.js";
export { createRoutingPoster } from "./routing-poster.js";
export { createRecordingPoster, type RecordingPoster, type Fault } from "./recording-poster.js";
export { mention, plain, renderMentions, mentionedIds, mentionsAsNames, MENTION_PATTERN } from "./mention.js";
export { DIGEST_KINDS, type DigestKind } from "../core/digests.js";

/**
 * Creates the `digest` command's service and starts the per-minute scheduler; with `alerts`, also
 * the personal alerts (src/digests/alerts.ts) on the same poster, whose `tasks` kind is the
 * members' morning task reminder folded into the day's one message.
 */
export function startDigests(options: { store: DigestStore; poster: DigestPoster; logger?: Logger; alerts?: AlertDeliveryStore } & Partial<SchedulerOptions>): {
  scheduler: DigestScheduler;
  alerts: AlertScheduler | null;
  service: DigestService;
  stop(): Promise<void>;
} {
  const service = createDigestService({ store: options.store, poster: options.poster, logger: options.logger, defaultLocale: options.defaultLocale });
  const scheduler = createDigestScheduler(options);
  scheduler.start();
  const alerts = options.alerts
    ? createAlertScheduler({ store: options.alerts, poster: options.poster, clock: options.clock, logger: options.logger, defaultLocale: options.defaultLocale })
    : null;
  alerts?.start();
  return {
    scheduler,
    alerts,
    service,
    async stop() {
      await Promise.all([scheduler.stop(), alerts?.stop()]);
    },
  };
}
