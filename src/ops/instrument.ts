/**
 * Decorators that measure without touching the core or the adapters: the RapportApi every
 * adapter calls, and the DigestPoster the scheduler posts through.
 */
import type { RapportApi } from "../core/service-api.js";
import type { Reply } from "../core/reply.js";
import { INTERNAL_ERROR } from "../core/apology.js";
import { toPostError, type DigestPoster, channelPlatform } from "../digests/index.js";
import type { Metrics } from "./metrics.js";

function outcomeOf(reply: Reply): string {
  if (!reply.isError) return "ok";
  return reply.code === INTERNAL_ERROR ? "error" : "user_error";
}

export function instrumentApi<T extends RapportApi>(api: T, metrics: Metrics): T {
  const known = new Set(api.commands.map((command) => command.name));
  const time = async (command: string, platform: string, work: () => Promise<Reply>): Promise<Reply> => {
    const stop = metrics.commandDuration.startTimer({ command: known.has(command) ? command : "unknown", platform });
    try {
      const reply = await work();
      stop({ outcome: outcomeOf(reply) });
      return reply;
    } catch (error) {
      stop({ outcome: "error" });
      throw error;
    }
  };
  return Object.assign(Object.create(Object.getPrototypeOf(api)) as T, api, {
    runText: (input: Parameters<RapportApi["runText"]>[0]) =>
      time(input.text.trim().replace(/^\/crm\s+/, "").split(/\s+/)[0]?.toLowerCase() || "help", input.actor.platform, () => api.runText(input)),
    runArgs: (input: Parameters<RapportApi["runArgs"]>[0]) => time(input.command, input.actor.platform, () => api.runArgs(input)),
    undo: (input: Parameters<RapportApi["undo"]>[0]) => time("undo", input.actor.platform, () => api.undo(input)),
  });
}

export function instrumentPoster(poster: DigestPoster, metrics: Metrics): DigestPoster {
  return {
    canPost: (channelRef, context) => poster.canPost(channelRef, context),
    async post(channelRef, reply, options) {
      const platform = channelPlatform(channelRef) || "unknown";
      try {
        const result = await poster.post(channelRef, reply, options);
        metrics.digestPosts.inc({ platform, outcome: "posted" });
        return result;
      } catch (error) {
        const failure = toPostError(error);
        metrics.digestPosts.inc({ platform, outcome: failure.code });
        metrics.platformApiErrors.inc({ platform, code: failure.code });
        throw error;
      }
    },
    findPosted: (channelRef, marker, context) => poster.findPosted(channelRef, marker, context),
    delete: (channelRef, messageId, context) => poster.delete(channelRef, messageId, context),
  };
}
