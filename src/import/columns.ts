/**
 * Which file column feeds which field. Headers are compared after folding case, spaces and
 * punctuation ("Company name" = "company_name" = "COMPANY-NAME"), against our own field names and
 * the export headers of HubSpot, Salesforce and Pipedrive. `--map col=field` wins over both.
 * Rapport's own exports in zh-CN, zh-TW and ko write headers in the reader's language (信用额度,
 * 여신 한도); those read as the column name they translate, so an exported file imports back.
 */
import type { ImportKind } from "../core/import-sink.js";
import { CATALOGS, LOCALES } from "../core/i18n/index.js";
import { ImportProblem } from "./row-error.js";

export { IMPORT_KINDS, type ImportKind } from "../core/import-sink.js";

/** Field name -> header names that mean it (ours first). */
const ALIASES: Record<ImportKind, Record<string, string[]>> = {
  customers: {
    externalId: ["external_id", "id", "Record ID", "Account ID", "Organization - ID", "Company ID", "Organization ID"],
    name: ["name", "customer", "Company name", "Account Name", "Organization - Name", "Organization name", "Company", "Organization"],
    aliases: ["aliases", "alias", "Other names"],
    status: ["status", "Lifecycle Stage", "Type of customer", "Account Status", "Lifecycle stage"],
    stage: ["stage", "Lead Status", "Pipeline stage", "Deal stage"],
    grade: ["grade", "Rating", "Account Rating", "Tier", "Customer grade"],
    type: ["type", "Account Type", "Company type", "Organization - Type"],
    industry: ["industry", "Industry", "Organization - Industry"],
    source: ["source", "Original Source", "Lead Source", "Account Source", "Organization - Source"],
    region: ["region", "State/Region", "Billing State/Province", "Billing State", "State", "Organization - State", "Country/Region", "Province"],
    city: ["city", "City", "Billing City", "Organization - City"],
    address: ["address", "Street Address", "Billing Street", "Organization - Address", "Full/combined address of Organization"],
    phone: ["phone", "Phone Number", "Phone", "Account Phone", "Organization - Phone"],
    email: ["email", "Email", "Company email"],
    website: ["website", "Website URL", "Website", "Company Domain Name", "Domain", "Organization - Website"],
    owner: ["owner", "Company owner", "Account Owner", "Organization - Owner", "Owner", "Contact owner", "HubSpot Owner", "Owner Name"],
    creditLimit: ["credit_limit", "Credit limit"],
    currency: ["currency", "Currency", "Currency code", "Account Currency"],
    nextFollowUp: ["next_follow_up", "Next follow-up", "Next Activity Date", "Next activity date", "Organization - Next activity date"],
    notes: ["notes", "Description", "About", "Notes", "Account Description"],
  },
  contacts: {
    externalId: ["external_id", "id", "Record ID", "Contact ID", "Person - ID", "Person ID"],
    customer: ["customer", "customer_id", "customer_external_id", "Associated Company", "Company name", "Account Name", "Account ID", "Organization - Name", "Person - Organization", "Company", "Organization"],
    name: ["name", "Full Name", "Contact Name", "Person - Name", "Name"],
    firstName: ["first_name", "First Name", "Person - First name"],
    lastName: ["last_name", "Last Name", "Person - Last name"],
    title: ["title", "Job Title", "Title", "Person - Job title"],
    phone: ["phone", "Phone Number", "Mobile Phone Number", "Phone", "Mobile", "Person - Phone"],
    email: ["email", "Email", "Person - Email"],
    isPrimary: ["is_primary", "primary", "Primary contact"],
  },
  orders: {
    externalId: ["external_id", "id", "Record ID", "Deal ID", "Opportunity ID", "Deal - ID"],
    number: ["number", "order_number", "Order Number", "Order No", "Deal Name", "Opportunity Name", "Deal - Title"],
    customer: ["customer", "customer_id", "customer_external_id", "Associated Company", "Account Name", "Account ID", "Organization - Name", "Deal - Organization", "Company name"],
    orderedOn: ["ordered_on", "date", "Order Date", "Close Date", "Deal - Won time", "Create Date"],
    status: ["status", "Order Status"],
    total: ["total", "amount", "Amount", "Deal - Value", "Order Total"],
    totalCost: ["total_cost", "cost", "Cost"],
    currency: ["currency", "Currency", "Currency code"],
    owner: ["owner", "Deal owner", "Opportunity Owner", "Deal - Owner", "Owner"],
    // One row per order line: rows with the same order number are one order.
    sku: ["sku", "SKU", "Product Code", "Product SKU", "Item", "Item Code", "Line Item - SKU", "Product"],
    description: ["description", "Product Name", "Item Description", "Line Item - Name", "Line description"],
    quantity: ["quantity", "qty", "Quantity", "Line Item - Quantity"],
    unitPrice: ["unit_price", "Unit Price", "Price", "Sales Price", "Line Item - Unit price"],
    unitCost: ["unit_cost", "Unit Cost", "Cost Price"],
  },
  invoices: {
    externalId: ["external_id", "id", "Invoice ID", "Record ID"],
    number: ["number", "invoice_number", "Invoice Number", "Invoice No"],
    customer: ["customer", "customer_id", "customer_external_id", "Account Name", "Company name", "Associated Company", "Organization - Name"],
    orderNumber: ["order", "order_number", "Order Number"],
    issuedOn: ["issued_on", "Invoice Date", "Issue Date", "Date"],
    dueOn: ["due_on", "Due Date"],
    amount: ["amount", "Amount", "Total", "Invoice Amount"],
    paid: ["paid", "Amount Paid", "Paid"],
    currency: ["currency", "Currency", "Currency code"],
  },
  payments: {
    externalId: ["external_id", "id", "Payment ID", "Record ID"],
    customer: ["customer", "customer_id", "customer_external_id", "Account Name", "Company name", "Associated Company", "Organization - Name"],
    amount: ["amount", "Amount", "Payment Amount"],
    currency: ["currency", "Currency", "Currency code"],
    receivedOn: ["received_on", "date", "Payment Date", "Received Date", "Date"],
    method: ["method", "Payment Method"],
    reference: ["reference", "Reference", "Memo"],
    invoiceNumber: ["invoice", "invoice_number", "Invoice Number"],
  },
  deals: {
    externalId: ["external_id", "id", "Record ID", "Deal ID", "Opportunity ID", "Deal - ID"],
    customer: ["customer", "customer_id", "customer_external_id", "Associated Company", "Account Name", "Account ID", "Organization - Name", "Deal - Organization", "Company name"],
    title: ["title", "name", "Deal Name", "Opportunity Name", "Deal - Title"],
    amount: ["amount", "Amount", "Deal - Value", "Value"],
    currency: ["currency", "Currency", "Currency code", "Deal - Currency"],
    stage: ["stage", "Deal Stage", "Stage", "Deal - Stage", "Pipeline stage"],
    probability: ["probability", "Probability", "Probability (%)", "Deal probability", "Deal - Probability"],
    closeOn: ["close", "close_on", "Close Date", "Expected close date", "Deal - Expected close date"],
    closedOn: ["closed_on", "Closed date", "Deal - Deal closed on"],
    owner: ["owner", "Deal owner", "Opportunity Owner", "Deal - Owner", "Owner"],
    lostReason: ["lost_reason", "Closed Lost Reason", "Loss Reason", "Deal - Lost reason"],
  },
  // One row per quote line: rows with the same quote number are one quote.
  quotes: {
    externalId: ["external_id", "id", "Quote ID", "Record ID"],
    number: ["number", "quote_number", "Quote Number", "Quote No"],
    customer: ["customer", "customer_id", "customer_external_id", "Account Name", "Company name", "Associated Company", "Organization - Name"],
    issuedOn: ["issued_on", "date", "Quote Date", "Issue Date", "Created Date"],
    validUntil: ["valid_until", "Expiration Date", "Valid Until", "Quote Expiration Date"],
    status: ["status", "Quote Status"],
    taxRate: ["tax_rate", "tax", "Tax Rate", "Tax %"],
    terms: ["terms", "payment_terms", "Payment Terms"],
    currency: ["currency", "Currency", "Currency code"],
    sku: ["sku", "SKU", "Product Code", "Item", "Line Item - SKU", "Product"],
    description: ["description", "Product Name", "Line Item - Name", "Line description"],
    quantity: ["quantity", "qty", "Quantity", "Line Item - Quantity"],
    unitPrice: ["unit_price", "Unit Price", "Price", "Sales Price", "Line Item - Unit price"],
    discount: ["discount", "Discount", "Discount %", "Line Item - Discount"],
  },
};

export function fieldsOf(kind: ImportKind): string[] {
  return Object.keys(ALIASES[kind]);
}

/** "Company name" -> "companyname": headers compare without case, spaces or punctuation. */
export function foldHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const COLUMN_KEY = "export.column.";

/** Folded export header in any language -> the folded column name it stands for. */
const TRANSLATED_HEADERS: ReadonlyMap<string, string> = new Map(
  LOCALES.flatMap((locale) =>
    Object.entries(CATALOGS[locale])
      .filter(([key]) => key.startsWith(COLUMN_KEY))
      .map(([key, header]) => [foldHeader(header), foldHeader(key.slice(COLUMN_KEY.length))] as const),
  ),
);

/** A header as a column name: "여신 한도" -> "creditlimit"; any other header folded as it is. */
function columnNameOf(header: string): string {
  const folded = foldHeader(header);
  return TRANSLATED_HEADERS.get(folded) ?? folded;
}

export type ColumnPlan = {
  /** Field -> column index in the file. */
  fieldColumns: Map<string, number>;
  /** Headers that feed no field (reported, not an error). */
  ignored: string[];
};

/**
 * Decides which column feeds which field. A field takes the first header that names it, in the
 * order of its aliases (so "Record ID" beats "Company ID" when both exist); `map` (column -> field)
 * is applied first and wins.
 */
export function planColumns(kind: ImportKind, headers: string[], map: Record<string, string> = {}): ColumnPlan {
  const folded = headers.map(foldHeader);
  const named = headers.map(columnNameOf);
  const fieldColumns = new Map<string, number>();
  const used = new Set<number>();
  const fields = new Set(fieldsOf(kind));
  for (const [column, field] of Object.entries(map)) {
    if (!fields.has(field)) throw new ImportProblem("import.map.notAField", { column, field, kind, fields: [...fields].join(", ") });
    const index = folded.indexOf(foldHeader(column));
    if (index < 0) throw new ImportProblem("import.map.noColumn", { column, field, headers: headers.join(", ") });
    fieldColumns.set(field, index);
    used.add(index);
  }
  for (const [field, aliases] of Object.entries(ALIASES[kind])) {
    if (fieldColumns.has(field)) continue;
    for (const alias of aliases) {
      const index = named.indexOf(foldHeader(alias));
      if (index >= 0 && !used.has(index)) {
        fieldColumns.set(field, index);
        used.add(index);
        break;
      }
    }
  }
  const ignored = headers.filter((_, index) => !used.has(index) && headers[index]!.trim() !== "");
  return { fieldColumns, ignored };
}
