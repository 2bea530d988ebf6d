/**
 * The storage port behind `rapport import` (implemented in src/data/import-sink.ts): one
 * transaction per file, batches of validated rows written per kind, and the rows' shapes.
 */
import type { CustomerPatch } from "./domain.js";
import type { MessageKey } from "./i18n/catalogs/index.js";

export const IMPORT_KINDS = ["customers", "contacts", "orders", "invoices", "payments", "quotes", "deals"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A validated customer row: the editable customer fields plus the import's own keys. */
// Payment terms are set with `terms=` in chat; imports leave them as they are.
export type CustomerRow = Required<Omit<CustomerPatch, "ownerId" | "currency" | "paymentTermsDays">> & {
  externalId: string | null;
  owner: string | null;
  /** ISO 4217 code from the file's currency column; null: the workspace's (credit limit read in it). */
  currency: string | null;
};

/**
 * An amount cell of an order, invoice or payment: its text and exact decimal. It is converted to
 * minor units when written, in the currency of the customer the row belongs to.
 */
export type ImportAmount = { text: string; decimal: string };

/** Why a row cannot be written, as a catalog key so the operator reads it in their language. */
export type AmountProblem = { key: MessageKey; values: Record<string, string> };

export type ContactRow = {
  externalId: string | null;
  customer: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  isPrimary: boolean;
};

export type OrderLineRow = { sku: string; description: string | null; quantity: number; unitPrice: ImportAmount; unitCost: ImportAmount | null };

export type OrderRow = {
  externalId: string | null;
  number: string;
  customer: string;
  orderedOn: string;
  status: string;
  /** Null in a file of order lines without a total column: the total is the sum of the lines. */
  total: ImportAmount | null;
  totalCost: ImportAmount | null;
  /** The file's currency column: must be the customer's currency when present. */
  currency: string | null;
  owner: string | null;
  /** Present when the file has a sku column: this row is one line of the order. */
  line: OrderLineRow | null;
};

export type InvoiceRow = {
  externalId: string | null;
  number: string;
  customer: string;
  orderNumber: string | null;
  issuedOn: string;
  dueOn: string;
  amount: ImportAmount;
  paid: ImportAmount | null;
  currency: string | null;
};

export type PaymentRow = {
  externalId: string | null;
  customer: string;
  amount: ImportAmount;
  currency: string | null;
  receivedOn: string;
  method: string;
  reference: string | null;
  invoiceNumber: string | null;
};

/** One line of a quote: rows with the same quote number are one quote (its header read from the first row). */
export type QuoteImportRow = {
  externalId: string | null;
  number: string;
  customer: string;
  issuedOn: string;
  validUntil: string | null;
  status: string;
  taxRateBp: number;
  terms: string | null;
  currency: string | null;
  sku: string;
  description: string | null;
  quantity: number;
  unitPrice: ImportAmount;
  discountBp: number;
};

/** One deal; the stage is read against the workspace's stages when it is written. */
export type DealImportRow = {
  externalId: string | null;
  customer: string;
  title: string;
  amount: ImportAmount | null;
  currency: string | null;
  stage: string | null;
  probability: number | null;
  closeOn: string | null;
  /** When a won or lost deal closed (Rapport's own export writes it apart from the expected close). */
  closedOn: string | null;
  owner: string | null;
  lostReason: string | null;
};

export type RowOf = { customers: CustomerRow; contacts: ContactRow; orders: OrderRow; invoices: InvoiceRow; payments: PaymentRow; quotes: QuoteImportRow; deals: DealImportRow };

/** A row with its line in the file. */
export type Lined<T> = { line: number; row: T };
export type WriteCounts = { inserted: number; updated: number; unchanged: number };
/** A row the database side rejected (unknown customer, ...), with the file line. */
export type LateIssue = { line: number; reason: string; problem?: AmountProblem };

export type ImportBatches<K extends ImportKind> = {
  /**
   * Does the CPU half of one batch now (owners, search keys, parameters) and returns its write,
   * so the importer can prepare the next batch while this one is in the database.
   */
  prepare(batch: Lined<RowOf[K]>[]): () => Promise<WriteCounts>;
};

export type ImportSink = {
  /** The tenant's currency: customer rows without a currency of their own are read in it. */
  tenantCurrency(tenantId: number): Promise<string>;
  /**
   * Writes one file in ONE transaction: committed when `work` resolves, rolled back when it
   * throws (and the error rethrown). `fields` are the file's columns: only those are written.
   */
  write<K extends ImportKind, T>(
    input: {
      tenantId: number;
      kind: K;
      fields: ReadonlySet<string>;
      onIssue: (issue: LateIssue) => void;
      onWarning: (line: number, reason: string) => void;
    },
    work: (batches: ImportBatches<K>) => Promise<T>,
  ): Promise<T>;
  /** After a committed import of customers or contacts: merges the new entries into the search indexes. */
  refreshSearch(): Promise<void>;
};
