/**
 * What the digest builders read. Builders are pure functions from these shapes (filled by
 * src/digests/data/digest-queries.ts) to a neutral Reply, so they are tested without a database.
 */
import type { CalendarDate } from "../../core/dates.js";
import type { AgeingBucket, AgeingBuckets } from "../../core/domain.js";
import type { Reply } from "../../core/reply.js";

export type DigestContext = {
  now: Date;
  /** The local date the digest is for, in `timeZone`. */
  today: CalendarDate;
  timeZone: string;
  currency: string;
  /** `digest preview <kind> all`: longer lists instead of "and N more". */
  full: boolean;
};

export type MemberRef = { id: number; externalId: string; displayName: string };

export type FollowUpItem = { customerId: number; customerName: string; nextFollowUp: CalendarDate };
export type FollowUpOwner = { owner: MemberRef | null; overdue: number; today: number; week: number; items: FollowUpItem[] };
export type FollowUpsData = {
  /** Sunday ending the week of `today`. */
  weekEnd: CalendarDate;
  totals: { overdue: number; today: number; week: number };
  /** Owners with the most due today + overdue first; each with its most urgent items. */
  owners: FollowUpOwner[];
  ownerCount: number;
};

export type Debtor = {
  customerId: number;
  customerName: string;
  overdue: number;
  buckets: AgeingBuckets;
  oldestBucket: AgeingBucket;
  balance: number;
  creditLimit: number | null;
  owner: MemberRef | null;
};
export type OverLimit = { customerId: number; customerName: string; balance: number; creditLimit: number };
export type OverdueData = {
  totals: AgeingBuckets;
  total: number;
  customerCount: number;
  /** Largest overdue balances first. */
  debtors: Debtor[];
  overLimit: OverLimit[];
  overLimitCount: number;
};

export type ChurnItem = {
  customerId: number;
  customerName: string;
  owner: MemberRef | null;
  lastOrderAt: CalendarDate | null;
  predictedNextAt: CalendarDate | null;
  avgCycleDays: number | null;
  lifetimeSales: number;
};
export type LostItem = { customerId: number; customerName: string; owner: MemberRef | null; lostOn: CalendarDate };
export type ChurnData = {
  pastDue: { count: number; items: ChurnItem[] };
  silent: { count: number; items: ChurnItem[]; fromDays: number; toDays: number };
  lost: { count: number; items: LostItem[]; days: number };
};

export type PeriodCount = { current: number; previous: number };
export type MemberActivity = {
  member: MemberRef;
  contacts: number;
  /** Contacts with an outcome recorded. */
  rated: number;
  /** Outcome effective or high-value. */
  successful: number;
  won: number;
  lost: number;
};
export type PipelineData = {
  from: CalendarDate;
  to: CalendarDate;
  newCustomers: number;
  updated: number;
  won: number;
  lost: number;
  signed: { month: PeriodCount; quarter: PeriodCount; year: PeriodCount };
  members: MemberActivity[];
};

export type BuiltDigest = {
  reply: Reply;
  /** Nothing to report: subscriptions without post-when-empty post nothing. */
  empty: boolean;
};
