/**
 * Deals (opportunities): the workspace's ordered stages, the deals moving through them and the
 * history of every change. Amounts are minor units in the deal's currency (the customer's at
 * creation; null = the workspace's).
 */
import type { CalendarDate } from "./dates.js";

export const LOST_REASONS = ["price", "competitor", "no-budget", "timing", "other"] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export const DEAL_STATUSES = ["open", "won", "lost"] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export type StageKind = DealStatus;

/** One stage of the workspace's list. `name` null: a built-in key, named by the catalogs. */
export type DealStage = { key: string; name: string | null; position: number; probability: number; kind: StageKind };

/** The list a workspace has until an admin sets its own (`deal stages set`). */
export const DEFAULT_STAGES: readonly DealStage[] = [
  { key: "lead", name: null, position: 1, probability: 10, kind: "open" },
  { key: "qualified", name: null, position: 2, probability: 25, kind: "open" },
  { key: "proposal", name: null, position: 3, probability: 50, kind: "open" },
  { key: "negotiation", name: null, position: 4, probability: 75, kind: "open" },
  { key: "won", name: null, position: 100, probability: 100, kind: "won" },
  { key: "lost", name: null, position: 101, probability: 0, kind: "lost" },
];

export const BUILT_IN_STAGE_KEYS: readonly string[] = DEFAULT_STAGES.map((stage) => stage.key);

export type Deal = {
  id: number;
  customerId: number;
  customerName: string;
  customerOwnerId: number | null;
  ownerId: number | null;
  ownerName: string | null;
  title: string;
  amount: number;
  currency: string | null;
  stage: string;
  /** Null: the stage's probability. */
  probability: number | null;
  closeOn: CalendarDate | null;
  status: DealStatus;
  lostReason: LostReason | null;
  lostNote: string | null;
  stageChangedAt: Date;
  closedOn: CalendarDate | null;
  createdAt: Date;
};

export type DealEventKind = "created" | "stage" | "won" | "lost" | "edit" | "reopened";

export type DealEvent = {
  id: number;
  actorId: number | null;
  actorName: string | null;
  at: Date;
  kind: DealEventKind;
  fromStage: string | null;
  toStage: string | null;
  detail: Record<string, unknown> | null;
};

export type DealPatch = Partial<{
  title: string;
  amount: number;
  stage: string;
  probability: number | null;
  closeOn: CalendarDate | null;
  ownerId: number | null;
  status: DealStatus;
  lostReason: LostReason | null;
  lostNote: string | null;
  stageChangedAt: Date;
  closedOn: CalendarDate | null;
}>;

export type DealFilter = {
  status?: DealStatus;
  ownerId?: number;
  stage?: string;
  customerId?: number;
  closeFrom?: CalendarDate;
  closeTo?: CalendarDate;
};

/** Sums of deals in one currency: `weighted` applies each deal's probability (its own, else its stage's). */
export type CurrencyTotal = { currency: string | null; count: number; amount: number; weighted: number };

/**
 * The forecast's sums, added up per currency (amounts in different currencies do not add up).
 * `weighted` is rounded per owner, stage and currency, then added: the member table, the stage
 * table and the totals add up the same rounded amounts.
 */
export type ForecastSums = {
  /** Every currency with a deal in the period: open and weighted amounts of open deals, won amount, lost deals. */
  totals: { currency: string | null; open: number; weighted: number; won: number; lost: number }[];
  /** Each owner with open or won deals in the period (ownerName null: no owner, or one no longer known). */
  members: { currency: string | null; ownerId: number | null; ownerName: string | null; open: number; weighted: number; won: number }[];
  /** Each stage with open deals in the period. */
  stages: { currency: string | null; stage: string; count: number; open: number; weighted: number }[];
  /** Won amount in the earlier period, for each currency with a deal won or lost then. */
  earlier: { currency: string | null; won: number }[];
};

export type DealOutcomes = {
  won: number;
  lost: number;
  /** Lost reasons, most frequent first. */
  reasons: { reason: string; count: number }[];
};

export type DealQueries = {
  /** The workspace's stages in order; the default list when it has none of its own. */
  stages(): Promise<DealStage[]>;
  /** Replaces the whole list (open, won and lost stages). */
  replaceStages(stages: readonly DealStage[]): Promise<void>;
  /** Moves every deal in stage `from` to `to`; returns the ids of those moved. */
  moveStage(from: string, to: string, at: Date): Promise<number[]>;
  countByStage(): Promise<Map<string, number>>;
  get(id: number): Promise<Deal | null>;
  create(input: {
    customerId: number;
    ownerId: number | null;
    createdById: number;
    title: string;
    amount: number;
    currency: string | null;
    stage: string;
    probability: number | null;
    closeOn: CalendarDate | null;
    status: DealStatus;
    closedOn: CalendarDate | null;
    /** When it was created (the command's clock): also when it entered its stage. */
    at: Date;
    externalId?: string | null;
  }): Promise<Deal>;
  update(id: number, patch: DealPatch): Promise<{ before: Deal; after: Deal }>;
  /** Deletes the deal and its history (undo of `deal new`). */
  remove(id: number): Promise<void>;
  recordEvent(input: { dealId: number; actorId: number | null; kind: DealEventKind; fromStage?: string | null; toStage?: string | null; detail?: Record<string, unknown> | null }): Promise<void>;
  events(dealId: number, limit: number): Promise<DealEvent[]>;
  /** Deals matching the filter, the soonest close first, with totals per currency over all of them. */
  list(filter: DealFilter & { limit: number; offset: number }): Promise<{ items: Deal[]; total: number; totals: CurrencyTotal[] }>;
  /**
   * The forecast of [from, to]: open deals expected to close then, won and lost deals closed then;
   * and the deals won and lost in the earlier period (the same period a year before). One read.
   */
  forecast(input: { from: CalendarDate; to: CalendarDate; earlier: { from: CalendarDate; to: CalendarDate }; ownerId?: number }): Promise<ForecastSums>;
  /** Won, lost and lost reasons of deals closed in [from, to]. */
  outcomes(input: { from: CalendarDate; to: CalendarDate; ownerId?: number }): Promise<DealOutcomes>;
  /** The quotes that price this deal, newest first. */
  quotesOf(dealId: number): Promise<{ number: string; status: string; total: number; validUntil: CalendarDate | null }[]>;
};

/** A deal's probability in percent: its own, else its stage's (0 when the stage is gone). */
export function effectiveProbability(deal: Pick<Deal, "probability" | "stage" | "status">, stages: readonly DealStage[]): number {
  if (deal.status === "won") return 100;
  if (deal.status === "lost") return 0;
  if (deal.probability !== null) return deal.probability;
  return stages.find((stage) => stage.key === deal.stage)?.probability ?? 0;
}

/** The amount times probability, rounded to whole minor units. */
export function weightedAmount(amount: number, probability: number): number {
  return Math.round((amount * probability) / 100);
}
