/**
 * One DigestPoster over several surfaces, chosen by the channel ref's platform prefix. `rapport
 * start` builds it from the started platforms (`{ [platform.id]: started.poster }`), tests from
 * whatever they fake: `createRoutingPoster({ console, slack })`.
 */
import type { PlatformId } from "../core/platform.js";
import { channelPlatform, PostError, type DigestPoster } from "./poster.js";
import { englishOf } from "../core/i18n/localized-messages.js";

export function createRoutingPoster(posters: Readonly<Record<PlatformId, DigestPoster | undefined>>): DigestPoster {
  const pick = (channelRef: string): DigestPoster => {
    const platform = channelPlatform(channelRef);
    const poster = Object.hasOwn(posters, platform) ? posters[platform] : undefined;
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
    async postDirect(userRef, reply, context) {
      const poster = pick(userRef);
      if (!poster.postDirect) throw PostError.fatal("no_direct_messages", englishOf("posters.noDirectMessages", { platform: channelPlatform(userRef) }));
      return poster.postDirect(userRef, reply, context);
    },
  };
}
