/**
 * Scheduled digests: the public surface.
 *
 * Starting the scheduler (in `rapport start`, once per process; many processes are fine):
 *
 *   const poster = createRoutingPoster({ slack: slackPoster, discord: discordPoster, console: consolePoster });
 *   const digests = startDigests({ prisma: app.database.prisma, poster, logger });
 *   ...on shutdown: await digests.stop();
 */
import type { PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "../core/logger.js";
import type { DigestPoster } from "./poster.js";
import { createDigestScheduler, type DigestScheduler, type SchedulerOptions } from "./scheduler.js";
import { bindDigestService, createDigestService, type DigestService } from "./service.js";

export { buildDigest, type BuildDigestInput } from "./build.js";
export { createDigestScheduler, postWithRetries, idempotencyMarker, type DigestScheduler, type SchedulerOptions, type TickResult } from "./scheduler.js";
export { createDigestService, bindDigestService, boundDigestService, type DigestService } from "./service.js";
export { PostError, toPostError, createConsolePoster, channelPlatform, type DigestPoster, type CanPostResult } from "./poster.js";
export { createRoutingPoster } from "./routing-poster.js";
export { createRecordingPoster, type RecordingPoster, type Fault } from "./recording-poster.js";
export { mention, plain, renderMentions, mentionedIds, mentionsAsNames, MENTION_PATTERN } from "./mention.js";
export { runDigestCli } from "./cli.js";
export { DIGEST_KINDS, type DigestKind } from "./kinds.js";

/** Binds the `digest` command's service and starts the per-minute scheduler. */
export function startDigests(options: { prisma: PrismaClient; poster: DigestPoster; logger?: Logger } & Partial<SchedulerOptions>): {
  scheduler: DigestScheduler;
  service: DigestService;
  stop(): Promise<void>;
} {
  const service = createDigestService({ prisma: options.prisma, poster: options.poster, logger: options.logger });
  bindDigestService(service);
  const scheduler = createDigestScheduler(options);
  scheduler.start();
  return {
    scheduler,
    service,
    async stop() {
      await scheduler.stop();
      bindDigestService(null);
    },
  };
}
