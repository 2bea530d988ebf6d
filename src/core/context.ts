import type { CommandDefinition } from "./command.js";
import type { CalendarDate } from "./dates.js";
import type { DigestService } from "./digests.js";
import type { Member, Tenant } from "./domain.js";
import type { PlatformId } from "./actor.js";
import type { ActingChannels } from "./channel-refs.js";
import type { Store } from "./store.js";

/** Everything a command handler gets besides its arguments. Time comes from an injected clock. */
export type CommandContext = {
  store: Store;
  tenant: Tenant;
  member: Member;
  platform: PlatformId;
  /** Channel references as typed on `platform` (digest destinations). */
  channels: ActingChannels;
  now: Date;
  /** The acting member's calendar date, in their time zone. */
  today: CalendarDate;
  timeZone: string;
  /** Link to the chat message the command came from, if any. */
  messageLink?: string;
  commands: readonly CommandDefinition[];
  /** Digest subscriptions and previews, on this command's transaction; null when digests are not set up. */
  digests: DigestService | null;
};
