import type { CalendarDate } from "./dates.js";
import type { DigestService } from "./digests.js";
import type { Member, Tenant } from "./domain.js";
import type { PlatformId } from "./actor.js";
import type { ActingChannels } from "./channel-refs.js";
import type { Store } from "./store.js";
import type { Locale, Translate } from "./i18n/index.js";
import type { CommandTopic } from "./command-topic.js";
import type { Reply } from "./reply.js";
import type { PeopleSyncSummary } from "./people-sync.js";

export type AfterCommitStep = (outside: { store: Store; digests: DigestService | null }) => Promise<Reply>;

/** Everything a command handler gets besides its arguments. Time comes from an injected clock. */
export type CommandContext = {
  store: Store;
  tenant: Tenant;
  member: Member;
  platform: PlatformId;
  /** Channel references as typed on `platform` (digest destinations). */
  channels: ActingChannels;
  /** The channel the command came from ("slack:C0123"), where the surface says. */
  channelRef?: string;
  /**
   * Posts `reply` in a channel once this command's transaction has committed (a notice never goes
   * out for a write that rolled back). Null where no poster is set up (the command says so instead).
   */
  announce: ((channelRef: string, reply: Reply) => void) | null;
  /**
   * Work that must not hold the command's transaction open (a post to Slack or Discord, which may be
   * slow): runs once the transaction has committed, on the store and digests outside it, and its
   * reply (or refusal) replaces the handler's, also as the idempotency record. Until then a replay of
   * the request gets the handler's reply, so the work is never done twice. Absent where the caller
   * runs the handler itself (the step then belongs inline).
   */
  afterCommit?: (step: AfterCommitStep) => void;
  now: Date;
  /** The acting member's calendar date, in their time zone. */
  today: CalendarDate;
  timeZone: string;
  /** The reader's language: their `settings language`, the platform's, the workspace's, RAPPORT_LOCALE, then en. */
  locale: Locale;
  /** Messages from the catalog in `locale`. */
  t: Translate;
  /** Link to the chat message the command came from, if any. */
  messageLink?: string;
  commands: readonly CommandSummary[];
  /** Digest subscriptions and previews, on this command's transaction; null when digests are not set up. */
  digests: DigestService | null;
  /**
   * `sync`: lists the workspace's people on the acting platform and upserts them; absent where the
   * surface cannot list people (the console) or the directory cannot sync.
   */
  people?: { sync(): Promise<PeopleSyncSummary> };
  /** RAPPORT_PUBLIC_URL: record links (`<base>/c/12`) are built on it; undefined: cards show no links. */
  publicUrl?: string;
};

/** What `help` reads of each registered command; every CommandDefinition fits it. */
export type CommandSummary = { name: string; summary: string; usage: string; examples: readonly string[]; topic?: CommandTopic };
