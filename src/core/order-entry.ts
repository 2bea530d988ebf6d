/**
 * Order entry from chat: orders typed as lines (`SKU qty unit-price [description]`), shipments
 * against them, invoices for what is not invoiced yet, and the credit check that guards new
 * orders. The pure rules live here; storage is `OrderEntryQueries` (src/data/order-entry-queries.ts).
 */
import type { CalendarDate } from "./dates.js";

/** One line as typed, its price still the words the person wrote (read later in the customer's currency). */
export type TypedOrderLine = { sku: string; quantity: number; price: string; description?: string };

/** `incomplete`: fewer than SKU, quantity and price; `quantity`: the quantity is not a whole number above 0. */
export type OrderLineProblem = { kind: "incomplete" | "quantity"; text: string };

export type OrderLineInput = { sku: string; quantity: number; unitPrice: number; description?: string };

const WHOLE = /^\d{1,9}$/;
const HAS_DIGIT = /\d/;
export const MAX_ORDER_LINES = 50;

/** Whether `words[at]` starts a line: a SKU followed by a whole quantity and something with digits (the price). */
function startsLine(words: readonly string[], at: number): boolean {
  const quantity = words[at + 1];
  const price = words[at + 2];
  return quantity !== undefined && price !== undefined && WHOLE.test(quantity) && HAS_DIGIT.test(price);
}

/**
 * Lines separated by `;` or newlines; within one segment, a new line starts wherever a word is
 * followed by a whole number and a price (so lines typed on one line without `;` still split,
 * since chat commands lose their newlines). Words after the price up to the next line are its description.
 */
export function splitOrderLines(text: string): { lines: TypedOrderLine[]; problems: OrderLineProblem[] } {
  const lines: TypedOrderLine[] = [];
  const problems: OrderLineProblem[] = [];
  for (const segment of text.split(/[;；\n\r]+/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    let at = 0;
    while (at < words.length) {
      const quantity = words[at + 1];
      if (quantity === undefined || words[at + 2] === undefined) {
        problems.push({ kind: "incomplete", text: words.slice(at).join(" ") });
        break;
      }
      if (!WHOLE.test(quantity) || Number(quantity) === 0) {
        problems.push({ kind: "quantity", text: words.slice(at, at + 3).join(" ") });
        break;
      }
      let end = at + 3;
      while (end < words.length && !startsLine(words, end)) end++;
      const description = words.slice(at + 3, end).join(" ");
      lines.push({ sku: words[at]!, quantity: Number(quantity), price: words[at + 2]!, ...(description ? { description } : {}) });
      at = end;
    }
  }
  return { lines, problems };
}

/**
 * Where typed words after `order new` stop naming the customer and start the lines: the first
 * word (after at least one) followed by a whole quantity and a price word, even an unreadable one
 * (so `acme WID-100 10 abc` is a bad price, not a customer named so). -1 when no line starts.
 */
export function customerWordsEnd(words: readonly string[]): number {
  const bare = words.map((word) => word.replace(/[;；]+$/, ""));
  for (let at = 1; at < bare.length; at++) {
    if (bare[at + 2] !== undefined && WHOLE.test(bare[at + 1]!)) return at;
  }
  return -1;
}

/** What the customer already owes plus what is ordered but not invoiced yet, before a new order. */
export type Exposure = { openReceivables: number; openOrders: number };

export type CreditCheck = { limit: number; exposure: number; excess: number };

/** The check an order of `orderTotal` fails (excess above 0), or null without a limit or within it. */
export function creditCheck(limit: number | null, exposure: Exposure, orderTotal: number): CreditCheck | null {
  if (limit === null) return null;
  const total = exposure.openReceivables + exposure.openOrders + orderTotal;
  return total > limit ? { limit, exposure: total, excess: total - limit } : null;
}

/** An order's lines with what has shipped of each SKU so far. */
export type OrderLineState = { sku: string; description: string | null; quantity: number; unitPrice: number; shipped: number };

/** What the order commands need to know about one order before changing it. */
export type OrderState = {
  id: number;
  number: string;
  customerId: number;
  status: string;
  total: number;
  /** Sum of the order's invoices that are not void. */
  invoiced: number;
  channelRef: string | null;
  cancelled: boolean;
  shipmentCount: number;
  invoiceCount: number;
  lines: OrderLineState[];
};

/** SKU -> quantity still to ship (only SKUs with something left). */
export function unshipped(lines: readonly OrderLineState[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const line of lines) {
    const key = line.sku.toUpperCase();
    const rest = line.quantity - line.shipped;
    left.set(key, (left.get(key) ?? 0) + rest);
  }
  for (const [key, rest] of left) if (rest <= 0) left.delete(key);
  return left;
}

/** The status an open order has from what has shipped and been invoiced. */
export function orderStatusOf(state: { total: number; invoiced: number; allShipped: boolean }): "confirmed" | "shipped" | "invoiced" {
  if (state.allShipped && state.total > 0 && state.invoiced >= state.total) return "invoiced";
  return state.allShipped ? "shipped" : "confirmed";
}

export type NewOrderEntry = {
  customerId: number;
  number: string;
  orderedOn: CalendarDate;
  createdById: number;
  channelRef: string | null;
  creditOverrideById: number | null;
  lines: OrderLineInput[];
};

export type NewShipment = {
  orderId: number;
  shippedOn: CalendarDate;
  createdById: number;
  carrier: string | null;
  tracking: string | null;
  warehouse: string | null;
  lines: { sku: string; quantity: number }[];
};

export type NewInvoiceEntry = {
  orderId: number;
  customerId: number;
  number: string;
  issuedOn: CalendarDate;
  dueOn: CalendarDate;
  amount: number;
  createdById: number;
};

/** Storage of order entry, bound to one tenant like the rest of the Store. */
export type OrderEntryQueries = {
  /** The next number of a per-workspace sequence: continues after the highest existing `SO-n` / `INV-n`. */
  nextNumber(kind: "order" | "invoice"): Promise<string>;
  exposure(customerId: number): Promise<Exposure>;
  /** The customer's payment terms in days (null: the workspace default). */
  paymentTermsDays(customerId: number): Promise<number | null>;
  create(order: NewOrderEntry): Promise<{ id: number; total: number }>;
  state(number: string): Promise<OrderState | null>;
  stateById(orderId: number): Promise<OrderState | null>;
  cancel(orderId: number, reason: string | null, at: Date): Promise<void>;
  /** Records the shipment and moves the order's status; `allShipped` after it. */
  ship(shipment: NewShipment): Promise<{ shipmentId: number; allShipped: boolean }>;
  invoice(invoice: NewInvoiceEntry): Promise<{ invoiceId: number }>;
  /** Removes an order nothing depends on yet (no shipment, no invoice); false otherwise. */
  removeOrder(orderId: number): Promise<boolean>;
  /** Removes a shipment and moves the order's status back; false when it is gone. */
  removeShipment(shipmentId: number): Promise<boolean>;
  /** Removes an invoice nothing was paid or written off on; false otherwise. */
  removeInvoice(invoiceId: number): Promise<boolean>;
};
