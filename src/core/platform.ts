/**
 * The platform seam. A chat surface (Slack, Discord, the console, a webhook) is one `Platform`
 * object in its adapter folder; the composition root lists them, starts the configured ones and
 * routes digests to their posters. Core and commands know platforms only through this file, so a
 * new platform is a new adapter folder plus one entry in that list (see docs/extending.md).
 */
import type { PlatformId } from "./actor.js";
import type { Admission } from "./admission.js";
import type { ActingChannels, ChannelRefs } from "./channel-refs.js";
import type { DigestPoster } from "./digest-poster.js";
import type { Logger } from "./logger.js";
import type { PlatformApiObserver } from "./platform-api-events.js";
import type { RapportApi } from "./service-api.js";
import { createTranslator } from "./i18n/translator.js";

export type { PlatformId } from "./actor.js";
export type { ActingChannels, ChannelRefs } from "./channel-refs.js";

/** What the core and commands may ask of a platform: plain data and pure functions, no I/O. */
export type PlatformInfo = {
  id: PlatformId;
  /** For people: "Slack", "Discord". */
  name: string;
  /** Where its Rapport admins come from, for refusals ("Members with the Manage Server permission are Rapport admins automatically"). */
  admins: string;
  channels: ChannelRefs;
  /** Whether it can show a command's form (Slack and Discord modals); elsewhere form buttons become usage hints. */
  forms: boolean;
  /** How reply attachments (exports, charts) reach the user: uploaded into the chat, saved on the server, or left out. */
  files: "upload" | "save" | "none";
};

/** What `start` gets from the composition root. */
export type PlatformServices<Config> = {
  api: RapportApi;
  /** Shared by every platform: they share the database pool it is sized to. */
  admission: Admission;
  /** The parsed, frozen configuration; each platform reads its own part. */
  config: Config;
  logger: Logger;
  onApiEvent: PlatformApiObserver;
};

/** A started platform: its digest poster for its own channel refs, and how to stop serving. */
export type StartedPlatform = {
  poster: DigestPoster;
  stop(): Promise<void>;
};

/** A platform `rapport start` can serve. */
export type Platform<Config = unknown> = PlatformInfo & {
  /** Whether the configuration asks for it (its token is set); `rapport start` serves every one that does. */
  isConfigured(config: Config): boolean;
  /** Connects or listens, then resolves once it takes commands. */
  start(services: PlatformServices<Config>): Promise<StartedPlatform>;
};

/** Said when the acting platform is not among the listed ones. */
const UNKNOWN_ADMINS = createTranslator("en")("platform.admins.unknown");

/**
 * The channel refs as the core offers them to a command run on `acting`: the acting platform
 * first, then an explicit ref of another listed platform ("slack:C0123" typed in Discord), which
 * the digest service then refuses by name.
 */
export function channelRefsFor(platforms: readonly PlatformInfo[], acting: PlatformId): ActingChannels {
  const own = platforms.find((platform) => platform.id === acting);
  const ordered = own ? [own, ...platforms.filter((platform) => platform !== own)] : platforms;
  return {
    parse(typed) {
      for (const platform of ordered) {
        const ref = platform.channels.parse(typed, acting);
        if (ref) return ref;
      }
      return null;
    },
    format(channelRef) {
      const owner = platforms.find((platform) => channelRef.startsWith(`${platform.id}:`));
      return owner ? owner.channels.format(channelRef) : channelRef;
    },
    howToPick: own?.channels.howToPick ?? "Name a channel of this workspace",
    example: own?.channels.example ?? "#sales",
  };
}

export function adminsOf(platforms: readonly PlatformInfo[], acting: PlatformId): string {
  return platforms.find((platform) => platform.id === acting)?.admins ?? UNKNOWN_ADMINS;
}
