/** Storage of quotes, bound to one tenant like the rest of the Store (src/data/quote-queries.ts). */
import type { CalendarDate } from "./dates.js";
import type { ExpiringQuote, NewQuote, Quote, QuoteDeal } from "./quotes.js";
import type { CustomerSearchScope } from "./customer-visibility.js";

export type QuoteQueries = {
  /** The workspace's prefix template (`QT-{year}-`); null: the default. */
  prefixTemplate(): Promise<string | null>;
  setPrefixTemplate(template: string | null): Promise<{ before: string | null; after: string | null }>;
  /** The next number under `prefix` (year filled in), through `number_sequences` kind "quote". */
  nextNumber(prefix: string): Promise<string>;
  create(quote: NewQuote): Promise<Quote>;
  getByNumber(number: string): Promise<Quote | null>;
  /** Numbers that contain `fragment`, for "did you mean". */
  /** Quote numbers containing `fragment`; `scope` leaves out customers the reader may not see. */
  similar(fragment: string, limit: number, scope?: CustomerSearchScope): Promise<string[]>;
  /** Open (draft or sent) quotes whose number contains `fragment`, the member's own (made by them or for their customers) first, newest first: for autocomplete. */
  recentOpen(input: { fragment: string; memberId: number; limit: number; scope?: CustomerSearchScope }): Promise<{ number: string; customerName: string; status: string }[]>;
  markSent(id: number, at: Date): Promise<void>;
  reject(id: number, reason: string, at: Date): Promise<void>;
  /** Marks the quote accepted, links both ways to the order created from it and sets the order's total to the quote's (tax included). */
  accept(id: number, orderId: number, at: Date): Promise<{ orderTotal: number }>;
  /** Removes a draft nothing depends on (Undo of `quote new`); false otherwise. */
  removeDraft(id: number): Promise<boolean>;
  /** Puts status and dates back (Undo of send and reject). */
  restore(id: number, state: { status: string; sentAt: Date | null; decidedAt: Date | null; rejectReason: string | null }): Promise<void>;
  deal(id: number): Promise<QuoteDeal | null>;
  /** Moves the deal to won with a deal_events row, unless it is already closed. */
  winDeal(dealId: number, actorId: number, at: Date, today: CalendarDate, quoteNumber: string): Promise<boolean>;
  /** Open quotes whose validity ends between `from` and `to` (inclusive), soonest first. */
  expiring(options: { from: CalendarDate; to: CalendarDate; ownerId?: number; limit: number }): Promise<ExpiringQuote[]>;
};
