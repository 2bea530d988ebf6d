/** Domain types shared by the core, the commands and the data layer. Money in minor units. */
import type { CalendarDate } from "./dates.js";

/**
 * Admins, managers and reps rank in that order; finance (receipts, write-offs, receivable exports)
 * and assistant (order entry, shipments, invoices) are desk roles beside rep: they see what a rep
 * sees and may do their desk's work on any customer (see CAPABILITY_ROLES in permissions.ts).
 */
export const ROLES = ["admin", "manager", "finance", "assistant", "rep"] as const;
export type Role = (typeof ROLES)[number];

export const CUSTOMER_STATUSES = ["prospect", "active", "dormant", "lost"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const PIPELINE_STAGES = ["lead", "qualified", "proposal", "negotiation", "won", "lost"] as const;

export const INTERACTION_CHANNELS = ["call", "email", "meeting", "visit", "chat", "note"] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export const INTERACTION_OUTCOMES = ["effective", "high-value", "unsuccessful"] as const;
export type InteractionOutcome = (typeof INTERACTION_OUTCOMES)[number];

export type Tenant = {
  id: number;
  platform: string;
  externalId: string;
  name: string;
  /** ISO 4217 code new amounts are entered in; stored amounts keep their own currency. */
  currency: string;
  timeZone: string;
  /** `settings workspace language`; null or absent: the platform's guild locale, then RAPPORT_LOCALE. */
  defaultLocale?: string | null;
  /** `settings workspace visibility`: "own" lets reps and guests read only their own and unowned customers. */
  customerVisibility?: CustomerVisibility;
};

export const CUSTOMER_VISIBILITIES = ["all", "own"] as const;
export type CustomerVisibility = (typeof CUSTOMER_VISIBILITIES)[number];

export type Member = {
  id: number;
  tenantId: number;
  externalId: string;
  displayName: string;
  email: string | null;
  role: Role;
  timeZone: string;
  /** True once the member chose a zone with `settings timezone`: the platform's no longer replaces it. */
  timeZoneChosen?: boolean;
  /** `settings language`; null or absent: the platform's locale for this person. */
  locale?: string | null;
  /** The platform's language for this person (one of our locales) as last seen; null when unknown. */
  platformLocale?: string | null;
  active: boolean;
  /** A platform guest (Slack restricted / ultra-restricted): never above rep. */
  guest: boolean;
};

export type Customer = {
  id: number;
  name: string;
  aliases: string[];
  status: CustomerStatus;
  stage: string | null;
  grade: string | null;
  type: string | null;
  industry: string | null;
  source: string | null;
  region: string | null;
  city: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  ownerId: number | null;
  /** Minor units of `currency ?? tenant.currency`. */
  creditLimit: number | null;
  /** ISO 4217 code of the customer's amounts; null: the tenant's currency. */
  currency: string | null;
  nextFollowUp: CalendarDate | null;
  lastContactAt: Date | null;
  notes: string | null;
  firstOrderAt: CalendarDate | null;
  lastOrderAt: CalendarDate | null;
  orderCount: number;
  lifetimeSales: number;
  avgCycleDays: number | null;
  predictedNextAt: CalendarDate | null;
  createdAt: Date;
  updatedAt: Date;
  /** Hidden from find, lists, digests and stats (archive, merge); still reachable by #id. */
  archivedAt?: Date | null;
  /** The customer this duplicate was merged into. */
  mergedIntoId?: number | null;
  /** Days from invoice to due date (`terms=`); null: the workspace default of 30. */
  paymentTermsDays?: number | null;
};

/** The customer fields a person may set with `new` and `edit` (what `field=value` accepts). */
export const EDITABLE_CUSTOMER_FIELDS = [
  "name",
  "aliases",
  "status",
  "stage",
  "grade",
  "type",
  "industry",
  "source",
  "region",
  "city",
  "address",
  "phone",
  "email",
  "website",
  "credit_limit",
  "terms",
  "currency",
  "notes",
] as const;
export type EditableCustomerField = (typeof EDITABLE_CUSTOMER_FIELDS)[number];

/** What `new`, `edit`, `assign`, `followup` and `log` may change; derived from Customer so the two never drift. */
export type CustomerPatch = Partial<Pick<Customer, CustomerPatchField>>;
type CustomerPatchField =
  | "name" | "aliases" | "status" | "stage" | "grade" | "type" | "industry" | "source" | "region" | "city"
  | "address" | "phone" | "email" | "website" | "creditLimit" | "currency" | "notes" | "ownerId" | "nextFollowUp"
  | "paymentTermsDays";

export type Contact = { id: number; name: string; title: string | null; phone: string | null; email: string | null; isPrimary: boolean; wechat?: string | null; kakao?: string | null; line?: string | null };

export type Interaction = {
  id: number;
  customerId: number;
  channel: InteractionChannel;
  outcome: InteractionOutcome | null;
  summary: string;
  occurredAt: Date;
  loggedById: number;
  loggedByName?: string;
  messageLink: string | null;
  nextFollowUp: CalendarDate | null;
  undone: boolean;
};

export type OrderLine = { sku: string; description: string | null; quantity: number; unitPrice: number; unitCost: number | null };
export type Shipment = { shippedOn: CalendarDate | null; warehouse: string | null; carrier: string | null; tracking: string | null; status: string };

export type Order = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  status: string;
  orderedOn: CalendarDate;
  total: number;
  totalCost: number | null;
  lines: OrderLine[];
  shipments: Shipment[];
  invoiced: number;
  paid: number;
  /** Invoiced amounts closed by write-offs: neither paid nor open. */
  writtenOff: number;
};

export type CustomerHit = {
  id: number;
  name: string;
  status: CustomerStatus;
  city: string | null;
  ownerName: string | null;
  score: number;
  /** Why it matched, e.g. a contact's name or an alias. */
  matchedOn?: string;
};

export type ReceivableSummary = {
  balance: number;
  overdue: number;
  buckets: AgeingBuckets;
};

export const AGEING_BUCKETS = ["0-30", "31-60", "61-90", "91-180", ">180"] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];
export type AgeingBuckets = Record<AgeingBucket, number>;

export type CustomerProfile = {
  customer: Customer;
  ownerName: string | null;
  contacts: Contact[];
  recentInteractions: Interaction[];
  openOrders: Pick<Order, "number" | "status" | "orderedOn" | "total">[];
  receivables: ReceivableSummary;
  grossMargin: number | null;
  churnRisk: boolean;
  /** The kept customer's name when this one was merged into it. */
  mergedIntoName?: string | null;
};

/** `creditLimitCurrency` is the customer's currency (null: the tenant's), in which its limit, balance and buckets are. */
export type AgeingRow = { customerId: number; customerName: string; creditLimit: number | null; creditLimitCurrency: string | null; balance: number; buckets: AgeingBuckets };

export type FollowUpRow = {
  customerId: number;
  customerName: string;
  ownerId: number | null;
  ownerName: string | null;
  nextFollowUp: CalendarDate;
  lastContactAt: Date | null;
};

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};
