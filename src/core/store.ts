/**
 * What commands need from storage. Implemented by src/data (Prisma); every Store instance is
 * bound to ONE tenant when it is created, so no method can reach another tenant's rows.
 */
import type { CalendarDate } from "./dates.js";
import type {
  AgeingRow,
  AuditEntry,
  Customer,
  CustomerHit,
  CustomerPatch,
  CustomerProfile,
  CustomerVisibility,
  FollowUpRow,
  Interaction,
  InteractionChannel,
  InteractionOutcome,
  Member,
  Order,
  Role,
  Tenant,
} from "./domain.js";
import type { Reply } from "./reply.js";
import type { CustomerSearchScope } from "./customer-visibility.js";
import type { PeopleSyncSummary, PlatformPerson } from "./people-sync.js";
import type { ReportQueries, TeamQueries } from "./reports.js";
import type { TaskQueries } from "./task-store.js";
import type { QuoteQueries } from "./quote-store.js";
import type { OrderEntryQueries } from "./order-entry.js";
import type { LedgerQueries } from "./ledger.js";
import type { ContactQueries } from "./contact-store.js";
import type { MergeQueries } from "./merge-store.js";
import type { DealQueries } from "./deal-store.js";
import type { ChannelSettingsQueries } from "./channel-settings.js";
import type { AlertQueries } from "./alerts.js";

export type Page<T> = { items: T[]; total: number };

export type Store = {
  readonly tenant: Tenant;
  /** Runs `work` in one database transaction with a Store bound to the same tenant. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;

  customers: {
    /** `visibleTo`: only the customers that member may read (customer-visibility.ts). */
    search(query: string, options: { limit: number; offset?: number } & CustomerSearchScope): Promise<CustomerHit[]>;
    get(id: number): Promise<Customer | null>;
    profile(id: number, today: CalendarDate): Promise<CustomerProfile | null>;
    create(input: CustomerPatch & { name: string; ownerId: number | null }): Promise<Customer>;
    update(id: number, patch: CustomerPatch): Promise<{ before: Customer; after: Customer }>;
    countOwnedBy(memberId: number): Promise<number>;
    /** Sets last-contact time (not user-editable; maintained by log and undo). */
    touchLastContact(id: number, at: Date | null): Promise<void>;
  };
  interactions: {
    /** `customer` as read through this store, so already known to be the workspace's. */
    create(input: {
      customer: Customer;
      channel: InteractionChannel;
      outcome: InteractionOutcome | null;
      summary: string;
      occurredAt: Date;
      loggedById: number;
      messageLink: string | null;
      nextFollowUp: CalendarDate | null;
    }): Promise<Interaction>;
    get(id: number): Promise<Interaction | null>;
    markUndone(id: number): Promise<void>;
    /** Most recent not-undone interaction of a customer (to restore last-contact on undo). */
    latestFor(customerId: number): Promise<Interaction | null>;
  };
  orders: {
    getByNumber(number: string): Promise<Order | null>;
    listForCustomer(customerId: number, options: { limit: number; offset: number }): Promise<Page<Order>>;
    /** Orders whose number starts with `query`; `visibleTo`: only orders of customers that member may read. */
    pick(query: string, limit: number, scope?: CustomerSearchScope): Promise<{ number: string; customerName: string; status: string }[]>;
  };
  /** Order entry: new orders, cancellations, shipments and invoices (src/data/order-entry-queries.ts). */
  orderEntry: OrderEntryQueries;
  receivables: {
    /** `byCurrency`: the totals per customer currency (null: the workspace's), since amounts in different currencies do not add up. */
    /** `visibleTo`: only the customers that member may read (customer-visibility.ts). */
    ageing(options: { today: CalendarDate; customerId?: number; limit: number } & CustomerSearchScope): Promise<{ rows: AgeingRow[]; totals: AgeingRow["buckets"]; total: number; customerCount: number; byCurrency?: { currency: string | null; totals: AgeingRow["buckets"]; total: number }[] }>;
  };
  /** Export tables and chart/activity aggregates (src/data/report-queries.ts). */
  reports: ReportQueries;
  /** Receipts and write-offs (src/data/ledger-queries.ts). */
  ledger: LedgerQueries;
  /** Member hand-over (src/data/team-queries.ts). */
  team: TeamQueries;
  /** Contact persons (src/data/contact-queries.ts). */
  contacts: ContactQueries;
  /** Merging and archiving duplicates (src/data/merge-queries.ts). */
  merges: MergeQueries;
  /** Many open tasks per customer (src/data/task-queries.ts). */
  tasks: TaskQueries;
  /** Quotes and their numbering (src/data/quote-queries.ts). */
  quotes: QuoteQueries;
  /** Deals, their stages and history (src/data/deal-queries.ts). */
  deals: DealQueries;
  /** Per-channel settings: link previews (src/data/channel-settings-queries.ts). */
  channelSettings: ChannelSettingsQueries;
  /** Personal alerts raised by this transaction's writes (src/data/alert-store.ts). */
  alerts: AlertQueries;
  followUps: {
    list(options: { from?: CalendarDate; to: CalendarDate; ownerId?: number; limit: number; offset: number }): Promise<Page<FollowUpRow>>;
  };
  members: {
    get(id: number): Promise<Member | null>;
    /** Active members only, unless `includeInactive` (an admin reopening someone's access). */
    search(query: string, limit: number, options?: { includeInactive?: boolean }): Promise<Member[]>;
    /**
     * Sets the role (`active: true` also reopens a closed member), or the member's own settings:
     * `locale` (null follows the platform), `timeZone` with `timeZoneChosen` (false follows the platform).
     */
    update(
      id: number,
      changes: { role?: Role; active?: boolean; locale?: string | null; timeZone?: string; timeZoneChosen?: boolean },
    ): Promise<{ before: Member; after: Member }>;
    /**
     * Records that the member was asked which time zone they are in, unless they were asked before
     * or chose a zone themselves: true when this call recorded it (so the question is asked once).
     */
    claimTimeZoneQuestion(id: number, now: Date): Promise<boolean>;
  };
  /** The workspace's own settings (`settings workspace ...`). A new currency applies to amounts entered from now on. */
  workspace: {
    update(changes: { defaultLocale?: string | null; timeZone?: string; currency?: string; customerVisibility?: CustomerVisibility }): Promise<{ before: Tenant; after: Tenant }>;
  };
  audit: { record(actorId: number | null, entry: AuditEntry): Promise<void> };
  idempotency: {
    /** Claims the key for this transaction; returns the earlier reply if it was already used. */
    claim(key: string): Promise<Reply | null>;
    complete(key: string, reply: Reply): Promise<void>;
  };
  undo: {
    create(input: { token: string; memberId: number; kind: string; payload: unknown; expiresAt: Date }): Promise<void>;
    /** Marks the token used and returns it, or null when unknown, used, expired or not this member's. */
    consume(token: string, memberId: number, now: Date): Promise<{ kind: string; payload: unknown } | null>;
  };
};

/**
 * Resolves actors to tenant and member rows, creating them on first use atomically (concurrent
 * first commands of one workspace make one tenant and one member each). Not tenant-bound.
 */
export type Directory = {
  ensureTenant(input: { platform: string; externalId: string; name?: string }): Promise<Tenant>;
  /** A new member is a rep unless the platform says admin (see Actor.profile); guests stay reps. */
  ensureMember(
    tenant: Tenant,
    input: { externalId: string; displayName?: string; email?: string; timeZone?: string; locale?: string; isPlatformAdmin?: boolean; isGuest?: boolean },
  ): Promise<Member>;
  storeFor(tenant: Tenant): Store;
  /**
   * People known before first use: upserts the platform's people (src/core/people-sync.ts) in one
   * transaction. `complete`: the list is everyone, so an active member missing from it has left.
   */
  syncPeople?(tenant: Tenant, people: readonly PlatformPerson[], options: { complete: boolean }): Promise<PeopleSyncSummary>;
};
