/**
 * Quotes: lines typed as `SKU qty unit-price [discount%] [description]`, their totals, tax,
 * validity and numbering. The pure rules live here; storage is `QuoteQueries`
 * (src/core/quote-store.ts, implemented in src/data/quote-queries.ts).
 */
import { addDaysTo, type CalendarDate } from "./dates.js";

export const QUOTE_STATUSES = ["draft", "sent", "accepted", "rejected", "expired"] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** One line as typed, its price still the words the person wrote (read later in the customer's currency). */
export type TypedQuoteLine = { sku: string; quantity: number; price: string; discountBp: number; description?: string };

/** `incomplete`: fewer than SKU, quantity and price; `quantity`: not a whole number above 0; `discount`: not 0-100 %. */
export type QuoteLineProblem = { kind: "incomplete" | "quantity" | "discount"; text: string };

export type QuoteLineInput = { sku: string; quantity: number; unitPrice: number; discountBp: number; description?: string };

export const MAX_QUOTE_LINES = 50;
export const DEFAULT_QUOTE_PREFIX = "Q-{year}-";
/** Days before `valid_until` when a quote shows in the follow-up digest and on App Home. */
export const EXPIRY_WARNING_DAYS = 3;
export const DEFAULT_VALIDITY_DAYS = 30;

const WHOLE = /^\d{1,9}$/;
const PERCENT = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*[%％]$/;

/** Basis points from `13`, `13%`, `12.5 %`, `１３％`; null when it is not a percentage from 0 to 100. */
export function readPercent(text: string): number | null {
  const folded = text.normalize("NFKC").trim().replace(/\s+/g, "");
  const match = /^(\d{1,3}(?:[.,]\d{1,2})?)%?$/.exec(folded);
  if (!match) return null;
  const value = Math.round(Number(match[1]!.replace(",", ".")) * 100);
  return value >= 0 && value <= 10_000 ? value : null;
}

/**
 * Lines separated by `;` or newlines (a form keeps newlines; typed chat commands lose them, so
 * there `;` separates). Within a line: SKU, a whole quantity, the price, an optional discount
 * written with `%`, and the rest as its description.
 */
export function splitQuoteLines(text: string): { lines: TypedQuoteLine[]; problems: QuoteLineProblem[] } {
  const lines: TypedQuoteLine[] = [];
  const problems: QuoteLineProblem[] = [];
  for (const segment of text.split(/[;；\n\r]+/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    const [sku, quantity, price, ...rest] = words;
    if (quantity === undefined || price === undefined) {
      problems.push({ kind: "incomplete", text: words.join(" ") });
      continue;
    }
    const folded = quantity.normalize("NFKC");
    if (!WHOLE.test(folded) || Number(folded) === 0) {
      problems.push({ kind: "quantity", text: words.slice(0, 3).join(" ") });
      continue;
    }
    let discountBp = 0;
    const maybeDiscount = rest[0]?.normalize("NFKC");
    if (maybeDiscount !== undefined && PERCENT.test(maybeDiscount)) {
      const read = readPercent(maybeDiscount);
      if (read === null) {
        problems.push({ kind: "discount", text: words.slice(0, 4).join(" ") });
        continue;
      }
      discountBp = read;
      rest.shift();
    }
    const description = rest.join(" ");
    lines.push({ sku: sku!, quantity: Number(folded), price: price, discountBp, ...(description ? { description } : {}) });
  }
  return { lines, problems };
}

/** quantity × unit price × (1 − discount), rounded to the currency's minor unit. */
export function lineAmount(line: Pick<QuoteLineInput, "quantity" | "unitPrice" | "discountBp">): number {
  return Math.round((line.quantity * line.unitPrice * (10_000 - line.discountBp)) / 10_000);
}

/** The unit price after the line's discount (an order line has no discount of its own). */
export function netUnitPrice(line: Pick<QuoteLineInput, "unitPrice" | "discountBp">): number {
  return Math.round((line.unitPrice * (10_000 - line.discountBp)) / 10_000);
}

export type QuoteTotals = { subtotal: number; tax: number; total: number };

export function quoteTotals(lines: readonly Pick<QuoteLineInput, "quantity" | "unitPrice" | "discountBp">[], taxRateBp: number): QuoteTotals {
  const subtotal = lines.reduce((sum, line) => sum + lineAmount(line), 0);
  const tax = Math.round((subtotal * taxRateBp) / 10_000);
  return { subtotal, tax, total: subtotal + tax };
}

/** `Q-{year}-` with the year filled in. */
export function quotePrefixFor(template: string | null | undefined, today: CalendarDate): string {
  return (template?.trim() || DEFAULT_QUOTE_PREFIX).replaceAll("{year}", today.slice(0, 4));
}

export function formatQuoteNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, "0")}`;
}

/** A prefix an admin may set: letters, digits, `-`, `_`, `/`, `.` and `{year}`, at most 20 characters. */
export function isValidQuotePrefix(template: string): boolean {
  const withoutYear = template.replaceAll("{year}", "");
  return template.length > 0 && template.length <= 20 && /^[\p{L}\p{N}\-_/.]*$/u.test(withoutYear);
}

/** `30d`, `30`, `30天`, `30日`, `30일`: a number of days from today; null when the text is no such period. */
export function readValidityDays(text: string): number | null {
  const match = /^(\d{1,3})\s*(d|days?|天|日|일)?$/i.exec(text.normalize("NFKC").trim());
  if (!match) return null;
  const days = Number(match[1]);
  return days >= 1 && days <= 365 ? days : null;
}

export function validUntilFrom(today: CalendarDate, days: number): CalendarDate {
  return addDaysTo(today, days);
}

/** A quote still open (draft or sent) whose validity has passed. */
export function isExpired(quote: { status: string; validUntil: CalendarDate | null }, today: CalendarDate): boolean {
  if (quote.status === "expired") return true;
  return (quote.status === "draft" || quote.status === "sent") && quote.validUntil !== null && quote.validUntil < today;
}

/** The status a reader sees: an open quote past its validity reads as expired before any job marks it. */
export function effectiveStatus(quote: { status: string; validUntil: CalendarDate | null }, today: CalendarDate): QuoteStatus {
  return isExpired(quote, today) ? "expired" : (quote.status as QuoteStatus);
}

/** `deal:12`, `deal 12`, `#D12`, `D12`: a deal id; null for a customer reference. */
export function dealReference(text: string): number | null {
  const match = /^(?:deal[:#\s]?\s*|#?d)(\d{1,9})$/i.exec(text.normalize("NFKC").trim());
  return match ? Number(match[1]) : null;
}

export type QuoteLine = QuoteLineInput & { amount: number };

/** A quote as the commands and documents read it. */
export type Quote = {
  id: number;
  number: string;
  customerId: number;
  customerName: string;
  customerOwnerId: number | null;
  /** The customer's currency; null: the workspace's. */
  currency: string | null;
  dealId: number | null;
  dealTitle: string | null;
  status: QuoteStatus;
  issuedOn: CalendarDate;
  validUntil: CalendarDate | null;
  subtotal: number;
  taxRateBp: number;
  tax: number;
  total: number;
  paymentTerms: string | null;
  notes: string | null;
  createdById: number | null;
  createdByName: string | null;
  sentAt: Date | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  orderId: number | null;
  orderNumber: string | null;
  lines: QuoteLine[];
};

export type NewQuote = {
  number: string;
  customerId: number;
  dealId: number | null;
  currency: string | null;
  issuedOn: CalendarDate;
  validUntil: CalendarDate;
  taxRateBp: number;
  paymentTerms: string | null;
  notes: string | null;
  createdById: number;
  lines: QuoteLineInput[];
};

/** An open quote whose validity ends soon, for the follow-up digest and App Home. */
export type ExpiringQuote = { number: string; customerId: number; customerName: string; ownerId: number | null; validUntil: CalendarDate; total: number; currency: string | null };

/** A deal as quotes see it: which customer it is for, whether it is still open. */
export type QuoteDeal = { id: number; customerId: number; title: string; status: string; stage: string };
