/**
 * The storage port behind scheduled digests (implemented in src/data/digest-store.ts):
 * subscriptions, the run rows whose claims, leases and claim tokens make each digest go out
 * exactly once, and the tenant-bound queries the digest builders read.
 */
import type { CalendarDate } from "./dates.js";
import type { AgeingBucket, AgeingBuckets } from "./domain.js";
import type { DigestKind, RunState } from "./digests.js";
import type { Store } from "./store.js";
import type { Locale } from "./i18n/locale.js";
import type { ExpiringQuote } from "./quotes.js";

export type DigestSubscription = {
  id: number;
  tenantId: number;
  kind: DigestKind;
  channelRef: string;
  channelName: string | null;
  localTime: string;
  timeZone: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  weekdays: number[];
  postWhenEmpty: boolean;
  /** The digest's language; null: the workspace's default, then RAPPORT_LOCALE, then en. */
  language: Locale | null;
  createdAt: Date;
};

/** An active subscription as the scheduler reads it, with whose workspace posts it. */
export type ScheduledSubscription = Omit<DigestSubscription, "channelName"> & {
  /** Slack team / Discord guild id: whose bot token posts. */
  tenantExternalId: string;
  /** When its workspace installed Rapport again after taking its access away: slots due before are skipped, not missed. */
  resumedAt: Date | null;
};

export type NewDigestSubscription = {
  tenantId: number;
  kind: DigestKind;
  channelRef: string;
  channelName: string | null;
  localTime: string;
  timeZone: string;
  weekdays: number[];
  postWhenEmpty: boolean;
  language: Locale | null;
  externalConfirmed: boolean;
  createdById: number;
  /** Slots before this moment are neither posted nor counted as missed. */
  createdAt: Date;
};

export type DigestRun = {
  id: number;
  subscriptionId: number;
  localDate: CalendarDate;
  state: RunState;
  late: boolean;
  postedAt: Date | null;
  error: string | null;
  /** When another process may take the run over (lease end or retry time); null once finished. */
  nextAttemptAt: Date | null;
};

/** A run row for one slot, before anything is posted. */
export type RunSlot = { subscriptionId: number; tenantId: number; localDate: CalendarDate; scheduledAt: Date; at: Date };

/** What a claim holder writes; `countAttempt` adds one to the post attempts. */
export type RunPatch = {
  state?: RunState;
  error?: string | null;
  nextAttemptAt?: Date | null;
  messageId?: string;
  postedAt?: Date;
  late?: boolean;
  countAttempt?: boolean;
};

export type DigestStore = {
  /** The same store on the connection of `store`, so a command's digest queries join its transaction. */
  within(store: Store): DigestStore;

  /** Active subscriptions of a tenant, oldest first (one, when `id` is given). */
  subscriptions(tenantId: number, where?: { id?: number }): Promise<DigestSubscription[]>;
  createSubscription(input: NewDigestSubscription): Promise<{ id: number }>;
  /** Deletes the subscription and, cascading, its run history. */
  deleteSubscription(tenantId: number, id: number): Promise<void>;
  /** Every active subscription of every tenant whose deliveries are not paused (the scheduler's per-minute read). */
  scheduledSubscriptions(): Promise<ScheduledSubscription[]>;
  tenantExternalId(tenantId: number): Promise<string>;
  tenantCurrency(tenantId: number): Promise<string>;
  /** `settings workspace language`, or null when the workspace names none. */
  tenantLocale(tenantId: number): Promise<Locale | null>;

  /** Runs of these subscriptions on or after `since`, newest local date first. */
  runs(subscriptionIds: number[], since: CalendarDate): Promise<DigestRun[]>;
  /** Inserts a finished `missed` run unless the slot has a row; true when this insert made it. */
  recordMissed(slot: RunSlot & { error: string }): Promise<boolean>;
  /**
   * Claims a slot: inserts its `claimed` run unless it has a row (another process won), holding
   * it with `token` until `leaseUntil`. The run id when this claim won, else null.
   */
  claimRun(slot: RunSlot & { late: boolean; token: string; claimedBy: string; leaseUntil: Date }): Promise<number | null>;
  runLease(runId: number): Promise<{ state: RunState; nextAttemptAt: Date | null } | null>;
  /** Compare-and-set: takes the run over only if it still has the state and lease read before. */
  takeOverRun(input: { runId: number; expected: { state: RunState; nextAttemptAt: Date }; token: string; claimedBy: string; leaseUntil: Date; at: Date }): Promise<boolean>;
  /** Writes the run only while `token` still holds it; false when the claim was taken over. */
  updateRun(runId: number, token: string, patch: RunPatch): Promise<boolean>;

  /** The builders' reads, bound to one tenant. */
  queries(tenantId: number): DigestQueries;
};

export type DigestLimits = {
  owners: number;
  itemsPerOwner: number;
  items: number;
};

export type DigestQueries = {
  followUps(input: { today: CalendarDate; limits: DigestLimits }): Promise<FollowUpsData>;
  overdue(input: { today: CalendarDate; limits: DigestLimits }): Promise<OverdueData>;
  churn(input: { today: CalendarDate; now: Date; limits: DigestLimits }): Promise<ChurnData>;
  /** The week from `from` (its local midnight is `since`) to `today`, until `until`; periods to date against the previous ones. */
  pipeline(input: { today: CalendarDate; from: CalendarDate; since: Date; until: Date }): Promise<PipelineData>;
};

export type MemberRef = { id: number; externalId: string; displayName: string };

/** One open task (`nextFollowUp` is its due date); `text` empty for a plain follow-up. Without `taskId`: a customer's follow-up date. */
export type FollowUpItem = { customerId: number; customerName: string; nextFollowUp: CalendarDate; taskId?: number; text?: string };
export type FollowUpOwner = { owner: MemberRef | null; overdue: number; today: number; week: number; items: FollowUpItem[] };
export type FollowUpsData = {
  /** Sunday ending the week of `today`. */
  weekEnd: CalendarDate;
  totals: { overdue: number; today: number; week: number };
  /** Owners with the most due today + overdue first; each with its most urgent items. */
  owners: FollowUpOwner[];
  ownerCount: number;
  /** Open quotes whose validity ends within EXPIRY_WARNING_DAYS (core/quotes.ts), soonest first. */
  expiringQuotes?: ExpiringQuote[];
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
  /** ISO code of this customer's amounts; absent: the workspace's. */
  currency?: string;
};
export type OverLimit = { customerId: number; customerName: string; balance: number; creditLimit: number; currency?: string };
/** Overdue sums of the customers in one currency. */
export type CurrencyTotals = { currency: string; totals: AgeingBuckets; total: number };
export type OverdueData = {
  /** Sums over all customers: meaningful as money only when every customer has the same currency (see byCurrency). */
  totals: AgeingBuckets;
  total: number;
  customerCount: number;
  /** The sums per customer currency; absent: every customer is in the workspace currency. */
  byCurrency?: CurrencyTotals[];
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
  currency?: string;
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
  /** The deal pipeline: open deals by stage, deals won and lost in the week, lost reasons ranked. */
  deals?: PipelineDeals;
};

/** Amounts per currency (null: the workspace's), since amounts in different currencies do not add up. */
export type PipelineDeals = {
  /** Open deals per stage and currency, in the workspace's stage order; `name` null: a built-in stage. */
  open: { stage: string; name: string | null; currency: string | null; count: number; amount: number; weighted: number }[];
  won: { currency: string | null; count: number; amount: number }[];
  lost: number;
  reasons: { reason: string; count: number }[];
};
