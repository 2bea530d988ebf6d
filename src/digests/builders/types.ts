/**
 * What the digest builders read. Builders are pure functions from these shapes (filled through
 * the DigestStore port, src/core/digest-store.ts) to a neutral Reply, so they are tested without a database.
 */
import type { CalendarDate } from "../../core/dates.js";
import type { Translate } from "../../core/i18n/translator.js";

export type {
  ChurnData,
  ChurnItem,
  Debtor,
  FollowUpItem,
  FollowUpOwner,
  FollowUpsData,
  LostItem,
  MemberActivity,
  MemberRef,
  OverdueData,
  OverLimit,
  PeriodCount,
  PipelineData,
} from "../../core/digest-store.js";
export type { BuiltDigest } from "../../core/digests.js";

export type DigestContext = {
  now: Date;
  /** The local date the digest is for, in `timeZone`. */
  today: CalendarDate;
  timeZone: string;
  currency: string;
  /** `digest preview <kind> all`: longer lists instead of "and N more". */
  full: boolean;
  /** The digest's language (the subscription's, or the previewing member's); absent: English. */
  t?: Translate;
};
