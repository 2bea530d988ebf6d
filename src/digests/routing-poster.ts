/**
 * One DigestPoster over several surfaces, chosen by the channel ref's platform prefix. The app
 * builds it from whatever is configured: `createRoutingPoster({ console, slack, discord })`.
 */
import { channelPlatform, PostError, type DigestPoster } from "./poster.js";

export function createRoutingPoster(posters: Partial<Record<"console" | "slack" | "discord", DigestPoster>>): DigestPoster {
  const pick = (channelRef: string): DigestPoster => {
    const platform = channelPlatform(channelRef) as keyof typeof posters;
    const poster = posters[platform];
    if (!poster) throw PostError.fatal("platform_not_configured", `No ${platform || "known"} poster is configured for ${channelRef}.`);
    return poster;
  };
  return {
    async canPost(channelRef, context) {
      try {
        return await pick(channelRef).canPost(channelRef, context);
      } catch (error) {
        return { ok: false, external: false, reason: (error as Error).message };
      }
    },
    post: (channelRef, reply, options) => pick(channelRef).post(channelRef, reply, options),
    findPosted: (channelRef, marker, context) => pick(channelRef).findPosted(channelRef, marker, context),
    delete: (channelRef, messageId, context) => pick(channelRef).delete(channelRef, messageId, context),
  };
}
