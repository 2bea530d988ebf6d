/**
 * The receivable ledger: invoices, receipts applied to them, and write-offs. An invoice's open
 * amount is amount - paid - written_off everywhere (ageing, balances, overdue, credit exposure).
 */
import type { CalendarDate } from "./dates.js";
import type { CustomerSearchScope } from "./customer-visibility.js";

export const PAYMENT_METHODS = ["bank", "card", "cash", "check", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export type InvoiceStatus = "open" | "paid" | "written-off" | "void";

export type LedgerInvoice = {
  id: number;
  number: string;
  customerId: number;
  issuedOn: CalendarDate;
  dueOn: CalendarDate;
  amount: number;
  paid: number;
  writtenOff: number;
  status: string;
};

/** The status as a message selector (ICU select keys cannot hold a hyphen). */
export function statusSelector(status: string): string {
  return status === "written-off" ? "writtenOff" : status;
}

/** One part of a receipt: how much of it settles which invoice. */
export type Allocation = { invoiceId: number; number: string; amount: number };

export function openAmount(invoice: Pick<LedgerInvoice, "amount" | "paid" | "writtenOff">): number {
  return Math.max(0, invoice.amount - invoice.paid - invoice.writtenOff);
}

/**
 * An invoice's status from its figures: paid in full is "paid"; settled with a write-off is
 * "written-off"; anything left to collect is "open".
 */
export function invoiceStatus(invoice: Pick<LedgerInvoice, "amount" | "paid" | "writtenOff">): "open" | "paid" | "written-off" {
  if (invoice.paid >= invoice.amount) return "paid";
  if (invoice.paid + invoice.writtenOff >= invoice.amount) return "written-off";
  return "open";
}

/**
 * Splits a receipt over open invoices in the order given (oldest due first), each up to its open
 * amount. `unapplied` is what no open invoice could take.
 */
export function allocateOldestFirst(invoices: readonly LedgerInvoice[], amount: number): { allocations: Allocation[]; unapplied: number } {
  const allocations: Allocation[] = [];
  let remaining = amount;
  for (const invoice of invoices) {
    if (remaining <= 0) break;
    const open = openAmount(invoice);
    if (open <= 0) continue;
    const applied = Math.min(open, remaining);
    allocations.push({ invoiceId: invoice.id, number: invoice.number, amount: applied });
    remaining -= applied;
  }
  return { allocations, unapplied: remaining };
}

export type RecordedReceipt = { paymentId: number; invoices: LedgerInvoice[] };

export type ReceiptUndone = {
  customerId: number;
  amount: number;
  receivedOn: CalendarDate;
  allocations: Allocation[];
};

export type WriteOffUndone = { customerId: number; invoiceNumber: string; amount: number };

/** An open invoice as a picker shows it: what is left to collect, in the customer's currency (null: the workspace's). */
export type OpenInvoiceMatch = { number: string; customerName: string; currency: string | null; open: number; dueOn: CalendarDate };

/** What the ledger commands need from storage (src/data/ledger-queries.ts). */
export type LedgerQueries = {
  /** An invoice of this workspace by number (case-insensitive). */
  invoiceByNumber(number: string): Promise<LedgerInvoice | null>;
  /** Invoice numbers starting like `prefix`, for "did you mean". */
  /** Invoice numbers containing `prefix`; `scope` leaves out customers the reader may not see. */
  pickInvoices(prefix: string, limit: number, scope?: CustomerSearchScope): Promise<string[]>;
  /**
   * The customer's open invoices with something left to collect, oldest due first, locked until the
   * transaction ends, so a receipt entered at the same moment waits and allocates to what is left.
   */
  openInvoices(customerId: number): Promise<LedgerInvoice[]>;
  /**
   * Records a receipt applied as given; each allocation must still fit its invoice's open amount
   * (checked in the UPDATE itself, so two receipts at once cannot overpay): null when one no
   * longer fits.
   */
  recordReceipt(input: {
    customerId: number;
    amount: number;
    receivedOn: CalendarDate;
    method: PaymentMethod;
    reference: string | null;
    recordedById: number;
    allocations: Allocation[];
  }): Promise<RecordedReceipt | null>;
  /** Removes the receipt's allocations, restores its invoices, marks it undone; null when gone or already undone. */
  undoReceipt(paymentId: number, now: Date): Promise<ReceiptUndone | null>;
  /** Writes off part or all of an invoice's open amount; null when it no longer fits. */
  recordWriteOff(input: { invoiceId: number; customerId: number; amount: number; reason: string; recordedById: number; at: Date }): Promise<{ writeOffId: number; invoice: LedgerInvoice } | null>;
  undoWriteOff(writeOffId: number, now: Date): Promise<WriteOffUndone | null>;
  /** Open invoices due on or before `today` (as `overdue` counts them), oldest first. */
  overdueInvoices(customerId: number, today: CalendarDate): Promise<LedgerInvoice[]>;
  /**
   * At most `limit` open invoices whose number or customer's name contains `fragment` (all when
   * empty), earliest due (most overdue) first: one bounded query, for autocomplete.
   */
  openInvoicesMatching(input: { fragment: string; limit: number }): Promise<OpenInvoiceMatch[]>;
};
