/**
 * Turns the cells of one row into a typed record, or says what is wrong with it. Hand-written
 * checks rather than zod: they run a million times per large import. Rules match `new`/`edit`
 * (src/commands/shared/customer-fields.ts) where the same field exists, but accept the value
 * spellings of CRM exports (HubSpot lifecycle stages, "$1,250.00", "3/14/2026", "Yes").
 */
import type { CustomerPatch } from "../core/domain.js";
import { CUSTOMER_STATUSES, PIPELINE_STAGES, type CustomerStatus } from "../core/domain.js";
import type { ContactRow, CustomerRow, DealImportRow, ImportAmount, ImportKind, InvoiceRow, OrderLineRow, OrderRow, PaymentRow, QuoteImportRow, RowOf } from "../core/import-sink.js";
import { QUOTE_STATUSES, readPercent } from "../core/quotes.js";
import { amountToMinor, compareDecimals, currencyOfCell, decimalOfCell } from "../core/money/amount-cell.js";
import { DateReader } from "./import-dates.js";
import { RowError } from "./row-error.js";

export { RowError };

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export type Cells = (field: string) => string;

function optional(cells: Cells, field: string, max: number): string | null {
  const value = cells(field).trim();
  if (!value) return null;
  if (value.length > max) throw new RowError("import.row.tooLong", { field, max });
  if (CONTROL.test(value)) throw new RowError("import.row.control", { field });
  return value;
}

function required(cells: Cells, field: string, max: number): string {
  const value = optional(cells, field, max);
  if (value === null) throw new RowError("import.row.missing", { field });
  return value;
}

/** HubSpot lifecycle stages and Salesforce/Pipedrive words folded onto our statuses. */
const STATUS_WORDS: Record<string, CustomerStatus> = {
  prospect: "prospect",
  active: "active",
  dormant: "dormant",
  lost: "lost",
  customer: "active",
  evangelist: "active",
  lead: "prospect",
  subscriber: "prospect",
  marketingqualifiedlead: "prospect",
  salesqualifiedlead: "prospect",
  opportunity: "prospect",
  other: "prospect",
  inactive: "dormant",
  former: "lost",
  formercustomer: "lost",
  churned: "lost",
};

function status(cells: Cells): CustomerStatus {
  const raw = cells("status").trim();
  if (!raw) return "prospect";
  const folded = raw.toLowerCase().replace(/[^a-z]/g, "");
  const value = STATUS_WORDS[folded];
  if (!value) throw new RowError("import.row.status", { value: raw, choices: CUSTOMER_STATUSES.join(", ") });
  return value;
}

function stage(cells: Cells): string | null {
  const raw = cells("stage").trim().toLowerCase();
  if (!raw) return null;
  if (!(PIPELINE_STAGES as readonly string[]).includes(raw)) throw new RowError("import.row.notOneOf", { field: "stage", value: raw, choices: PIPELINE_STAGES.join(", ") });
  return raw;
}

function grade(cells: Cells): string | null {
  const raw = cells("grade").trim().toUpperCase();
  if (!raw) return null;
  // Salesforce ratings Hot/Warm/Cold map to A/B/C.
  const rating: Record<string, string> = { HOT: "A", WARM: "B", COLD: "C" };
  const value = rating[raw] ?? raw;
  if (!/^[A-E]$/.test(value)) throw new RowError("import.row.grade", { value: raw });
  return value;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
function email(cells: Cells, field = "email"): string | null {
  const value = optional(cells, field, 200);
  if (value !== null && !EMAIL.test(value)) throw new RowError("import.row.email", { field, value });
  return value;
}

function phone(cells: Cells): string | null {
  const value = optional(cells, "phone", 60);
  if (value !== null && !/^[+\d(][\d\s()\-.\/x+ext]{2,59}$/i.test(value)) throw new RowError("import.row.phone", { value });
  return value;
}

/** A money cell in minor units of `currency` (a customer row's own currency, else the workspace's). */
export function money(cells: Cells, field: string, currency: string, options: { required: boolean }): number | null {
  const amount = amountCell(cells, field, options);
  if (amount === null) return null;
  const result = amountToMinor(field, amount, currency);
  if ("problem" in result) throw new RowError(result.problem.key, result.problem.values);
  return result.minor;
}

/** A money cell kept exact until its customer's currency is known (see amount-cell.ts). */
export function amountCell(cells: Cells, field: string, options: { required: boolean }): ImportAmount | null {
  const raw = cells(field).trim();
  if (!raw) {
    if (options.required) throw new RowError("import.row.missing", { field });
    return null;
  }
  const decimal = decimalOfCell(raw);
  if (decimal === null) throw new RowError("import.row.amount", { field, value: raw });
  return { text: raw, decimal };
}

function currencyColumn(cells: Cells): string | null {
  const raw = cells("currency");
  const currency = currencyOfCell(raw);
  if (currency === undefined) throw new RowError("import.row.currency", { value: raw.trim() });
  return currency;
}

const isNegative = (amount: ImportAmount | null) => amount !== null && amount.decimal.startsWith("-");
const isPositive = (amount: ImportAmount) => !isNegative(amount) && /[1-9]/.test(amount.decimal);

/** A date cell (formats and day/month order: import-dates.ts). */
export function calendarDate(cells: Cells, field: string, options: { required: boolean }, dates: DateReader): string | null {
  const raw = cells(field).trim();
  if (!raw) {
    if (options.required) throw new RowError("import.row.missing", { field });
    return null;
  }
  return dates.read(raw, field);
}

function orderLine(cells: Cells): OrderLineRow {
  const quantityText = cells("quantity").trim() || "1";
  if (!/^\d{1,9}$/.test(quantityText) || Number(quantityText) === 0) throw new RowError("import.row.quantity", { value: quantityText });
  const unitPrice = amountCell(cells, "unitPrice", { required: true })!;
  if (isNegative(unitPrice)) throw new RowError("import.row.negative", { field: "unitPrice" });
  return {
    sku: required(cells, "sku", 100),
    description: optional(cells, "description", 500),
    quantity: Number(quantityText),
    unitPrice,
    unitCost: amountCell(cells, "unitCost", { required: false }),
  };
}

export type { ContactRow, CustomerRow, InvoiceRow, OrderLineRow, OrderRow, PaymentRow, RowOf };

const ORDER_STATUSES = ["draft", "confirmed", "shipped", "delivered", "invoiced", "closed", "cancelled"];
const PAYMENT_METHODS = ["bank", "card", "cash", "check", "other"];

function flag(cells: Cells, field: string): boolean {
  return /^(1|y|yes|true|x|primary)$/i.test(cells(field).trim());
}

export function validateRow<K extends ImportKind>(
  kind: K,
  cells: Cells,
  currency: string,
  dates: DateReader = new DateReader(),
  options: { hasLines?: boolean } = {},
): RowOf[K] {
  const externalId = optional(cells, "externalId", 200);
  switch (kind) {
    case "customers": {
      const own = currencyColumn(cells);
      const row: CustomerRow = {
        externalId,
        name: required(cells, "name", 200),
        aliases: cells("aliases").split(/[,;，、]/).map((alias) => alias.trim()).filter(Boolean),
        status: status(cells),
        stage: stage(cells),
        grade: grade(cells),
        type: optional(cells, "type", 60),
        industry: optional(cells, "industry", 100),
        source: optional(cells, "source", 100),
        region: optional(cells, "region", 100),
        city: optional(cells, "city", 100),
        address: optional(cells, "address", 300),
        phone: phone(cells),
        email: email(cells),
        website: optional(cells, "website", 200),
        owner: optional(cells, "owner", 200),
        creditLimit: money(cells, "creditLimit", own ?? currency, { required: false }),
        currency: own,
        nextFollowUp: calendarDate(cells, "nextFollowUp", { required: false }, dates),
        notes: optional(cells, "notes", 3000),
      };
      return row as RowOf[K];
    }
    case "contacts": {
      const full = optional(cells, "name", 200) ?? [cells("firstName").trim(), cells("lastName").trim()].filter(Boolean).join(" ");
      if (!full) throw new RowError("import.row.contactName");
      const row: ContactRow = {
        externalId,
        customer: required(cells, "customer", 200),
        name: full.slice(0, 200),
        title: optional(cells, "title", 100),
        phone: phone(cells),
        email: email(cells),
        isPrimary: flag(cells, "isPrimary"),
      };
      return row as RowOf[K];
    }
    case "orders": {
      const lines = options.hasLines;
      const orderStatus = (cells("status").trim() || "confirmed").toLowerCase();
      if (!ORDER_STATUSES.includes(orderStatus)) throw new RowError("import.row.notOneOf", { field: "status", value: orderStatus, choices: ORDER_STATUSES.join(", ") });
      const row: OrderRow = {
        externalId,
        number: required(cells, "number", 100),
        customer: required(cells, "customer", 200),
        orderedOn: calendarDate(cells, "orderedOn", { required: true }, dates)!,
        status: orderStatus,
        total: amountCell(cells, "total", { required: !lines }),
        totalCost: amountCell(cells, "totalCost", { required: false }),
        currency: currencyColumn(cells),
        owner: optional(cells, "owner", 200),
        line: lines ? orderLine(cells) : null,
      };
      if (isNegative(row.total)) throw new RowError("import.row.negative", { field: "total" });
      return row as RowOf[K];
    }
    case "invoices": {
      const issuedOn = calendarDate(cells, "issuedOn", { required: true }, dates)!;
      const dueOn = calendarDate(cells, "dueOn", { required: false }, dates) ?? issuedOn;
      if (dueOn < issuedOn) throw new RowError("import.row.dueBeforeIssued", { due: dueOn, issued: issuedOn });
      const amount = amountCell(cells, "amount", { required: true })!;
      const paid = amountCell(cells, "paid", { required: false });
      if (!isPositive(amount)) throw new RowError("import.row.notPositive", { field: "amount" });
      if (paid !== null && (isNegative(paid) || compareDecimals(paid.decimal, amount.decimal) > 0)) throw new RowError("import.row.paidRange");
      const row: InvoiceRow = {
        externalId,
        number: required(cells, "number", 100),
        customer: required(cells, "customer", 200),
        orderNumber: optional(cells, "orderNumber", 100),
        issuedOn,
        dueOn,
        amount,
        paid,
        currency: currencyColumn(cells),
      };
      return row as RowOf[K];
    }
    case "payments": {
      const method = (cells("method").trim() || "bank").toLowerCase();
      if (!PAYMENT_METHODS.includes(method)) throw new RowError("import.row.notOneOf", { field: "method", value: method, choices: PAYMENT_METHODS.join(", ") });
      const amount = amountCell(cells, "amount", { required: true })!;
      if (!isPositive(amount)) throw new RowError("import.row.notPositive", { field: "amount" });
      const row: PaymentRow = {
        externalId,
        customer: required(cells, "customer", 200),
        amount,
        currency: currencyColumn(cells),
        receivedOn: calendarDate(cells, "receivedOn", { required: true }, dates)!,
        method,
        reference: optional(cells, "reference", 200),
        invoiceNumber: optional(cells, "invoiceNumber", 100),
      };
      return row as RowOf[K];
    }
    case "deals": {
      const rawProbability = cells("probability").trim().replace(/%$/, "");
      const probability = rawProbability === "" ? null : Number(rawProbability);
      if (probability !== null && !(Number.isInteger(probability) && probability >= 0 && probability <= 100)) {
        throw new RowError("import.row.notOneOf", { field: "probability", value: rawProbability, choices: "0 - 100" });
      }
      const row: DealImportRow = {
        externalId,
        customer: required(cells, "customer", 200),
        title: required(cells, "title", 200),
        amount: amountCell(cells, "amount", { required: false }),
        currency: currencyColumn(cells),
        stage: optional(cells, "stage", 60),
        probability,
        closeOn: calendarDate(cells, "closeOn", { required: false }, dates),
        closedOn: calendarDate(cells, "closedOn", { required: false }, dates),
        owner: optional(cells, "owner", 200),
        lostReason: optional(cells, "lostReason", 60),
      };
      return row as RowOf[K];
    }
    case "quotes": {
      const quoteStatus = (cells("status").trim() || "draft").toLowerCase();
      if (!(QUOTE_STATUSES as readonly string[]).includes(quoteStatus)) throw new RowError("import.row.notOneOf", { field: "status", value: quoteStatus, choices: QUOTE_STATUSES.join(", ") });
      const percent = (field: string) => {
        const raw = cells(field).trim();
        if (!raw) return 0;
        const read = readPercent(raw);
        if (read === null) throw new RowError("import.row.notOneOf", { field, value: raw, choices: "0% - 100%" });
        return read;
      };
      const line = orderLine(cells);
      const row: QuoteImportRow = {
        externalId,
        number: required(cells, "number", 100),
        customer: required(cells, "customer", 200),
        issuedOn: calendarDate(cells, "issuedOn", { required: true }, dates)!,
        validUntil: calendarDate(cells, "validUntil", { required: false }, dates),
        status: quoteStatus,
        taxRateBp: percent("taxRate"),
        terms: optional(cells, "terms", 200),
        currency: currencyColumn(cells),
        sku: line.sku,
        description: line.description,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discountBp: percent("discount"),
      };
      return row as RowOf[K];
    }
  }
  throw new Error(`unknown import kind ${String(kind)}`);
}
