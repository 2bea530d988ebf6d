/**
 * Batched writes for imports: one multi-row INSERT ... ON CONFLICT per batch (about 1,000 rows),
 * search keys computed in JS with buildSearchKeys, derived figures (purchase statistics, search
 * keys that include contacts) refreshed per batch for the customers the batch touched.
 *
 * Upsert keys (what makes a re-import change nothing):
 * - customers: (tenant_id, external_id); without an id column the natural key is
 *   "name:" + the normalised name (case, accents, width and Traditional/Simplified folded).
 * - contacts: external id, else "contact:<customer id>:<normalised name>".
 * - orders and invoices: their number (already unique per tenant); the external id is kept.
 * - payments: external id, else "payment:<customer id>:<date>:<amount>:<reference>". A payment is
 *   applied to invoices (the named one first, then the oldest open) only when first inserted.
 * An update is skipped when no imported column differs (IS DISTINCT FROM), so a re-import
 * neither rewrites rows nor moves updated_at.
 */
import type { SqlRunner } from "./sql-runner.js";
import { buildSearchKeys } from "../core/text/search-keys.js";
import { normalizeText } from "../core/text/normalize.js";
import type { AmountProblem, ContactRow, CustomerRow, ImportAmount, InvoiceRow, LateIssue, Lined, OrderLineRow, OrderRow, PaymentRow, WriteCounts } from "../core/import-sink.js";
import { amountToMinor } from "../core/money/amount-cell.js";
import { computePurchaseStats } from "./purchase-stats.js";
import { englishOf } from "../core/i18n/localized-messages.js";

const SEPARATOR = "\u001f";

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value === undefined ? null : value);
    return `$${this.values.length}::${cast}`;
  }
}

export function customerKey(row: Pick<CustomerRow, "externalId" | "name">): string {
  return row.externalId ?? `name:${normalizeText(row.name)}`;
}

/** An owner cell matched to a member, or why it cannot be (several members, or one who is inactive). */
export type OwnerMatch = { id: number } | { problem: AmountProblem } | null;

/** Owner text -> member id (null when none, several or inactive), and `match` saying which. */
export type MemberLookup = ((text: string) => number | null) & { match(text: string): OwnerMatch };

/**
 * Resolves owner text to members: the external id or @handle, else the email, else the display
 * name (case-insensitive). Only a unique match counts: a name two members share, or a member who
 * is inactive (left the workspace, closed at a hand-over), is a row error naming why. Members
 * synced from Slack or Discord (people known before first use) match before their first command.
 */
export async function loadMemberLookup(db: SqlRunner, tenantId: number): Promise<MemberLookup> {
  type Row = { id: number; external_id: string; display_name: string; email: string | null; active: boolean };
  const members = await db.query<Row>(`SELECT id, external_id, display_name, email, active FROM members WHERE tenant_id = $1`, [tenantId]);
  const index = (pick: (member: Row) => string | null) => {
    const map = new Map<string, Row[]>();
    for (const member of members) {
      const key = pick(member)?.trim().toLowerCase();
      if (key) map.set(key, [...(map.get(key) ?? []), member]);
    }
    return map;
  };
  const keys = [index((member) => member.external_id), index((member) => member.email), index((member) => member.display_name)];
  const match = (text: string): OwnerMatch => {
    const wanted = text.replace(/^@/, "").trim().toLowerCase();
    for (const map of keys) {
      const found = map.get(wanted);
      if (!found) continue;
      if (found.length > 1) return { problem: { key: "import.row.ownerAmbiguous", values: { owner: text, names: found.map((member) => member.email ?? member.display_name).join(", ") } } };
      const [member] = found;
      if (!member!.active) return { problem: { key: "import.row.ownerInactive", values: { owner: text, name: member!.display_name } } };
      return { id: member!.id };
    }
    return null;
  };
  const lookup = (text: string) => {
    const found = match(text);
    return found && "id" in found ? found.id : null;
  };
  return Object.assign(lookup, { match });
}

/**
 * Customer references in contact/order/invoice/payment files: "#id", a customer external id, or
 * a name (matched through the name natural key, then the normalised name when it is unique).
 * Resolved per batch with a bounded cache, so memory stays flat for any file size.
 */
export function createCustomerResolver(db: SqlRunner, tenantId: number) {
  const cache = new Map<string, number | null>();
  return async function resolve(refs: string[]): Promise<Map<string, number | null>> {
    const wanted = [...new Set(refs)].filter((ref) => !cache.has(ref));
    if (wanted.length) {
      const found = new Map<string, number | null>(wanted.map((ref) => [ref, null]));
      const ids = wanted.filter((ref) => /^#\d{1,9}$/.test(ref)).map((ref) => Number(ref.slice(1)));
      if (ids.length) {
        const rows = await db.query<{ id: number }>(`SELECT id FROM customers WHERE tenant_id = ${tenantId} AND id = ANY($1::int[])`, [ids]);
        for (const row of rows) found.set(`#${row.id}`, row.id);
      }
      const keyed = new Map<string, string>(); // key -> ref
      for (const ref of wanted) {
        keyed.set(`name:${normalizeText(ref)}`, ref);
        keyed.set(ref, ref); // an external id wins over a name key
      }
      const byKey = await db.query<{ id: number; external_id: string }>(
        `SELECT id, external_id FROM customers WHERE tenant_id = ${tenantId} AND external_id = ANY($1::text[])`,
        [[...keyed.keys()]],
      );
      const exact = new Set<string>();
      for (const row of byKey) {
        const ref = keyed.get(row.external_id)!;
        if (row.external_id === ref) exact.add(ref);
        if (!exact.has(ref) || row.external_id === ref) found.set(ref, row.id);
      }
      const unresolved = wanted.filter((ref) => found.get(ref) === null && !ref.startsWith("#"));
      if (unresolved.length) {
        const names = new Map(unresolved.map((ref) => [normalizeText(ref), ref]));
        const rows = await db.query<{ search_name: string; id: number; n: bigint }>(
          `SELECT search_name, MIN(id) AS id, COUNT(*) AS n FROM customers
           WHERE tenant_id = ${tenantId} AND search_name = ANY($1::text[]) GROUP BY search_name`,
          [[...names.keys()]],
        );
        for (const row of rows) if (Number(row.n) === 1) found.set(names.get(row.search_name)!, row.id);
      }
      if (cache.size > 100_000) cache.clear();
      for (const [ref, id] of found) cache.set(ref, id);
    }
    return new Map(refs.map((ref) => [ref, cache.get(ref) ?? null]));
  };
}

type Column<T> = {
  name: string;
  cast: string;
  value: (row: T) => unknown;
  /** compared to decide whether an update changes anything */
  compare?: boolean;
  /** false: written when the row is inserted, left alone when it already exists */
  update?: boolean;
};

async function upsert<T>(
  db: SqlRunner,
  options: { table: string; conflict: string; columns: Column<T>[]; rows: T[]; touchUpdatedAt: boolean; returning: string },
): Promise<{ inserted: boolean; [key: string]: unknown }[]> {
  if (options.rows.length === 0) return [];
  const params = new Params();
  const tuples = options.rows.map((row) => `(${options.columns.map((column) => params.add(column.value(row), column.cast)).join(",")})`);
  const names = options.columns.map((column) => column.name);
  const settable = options.columns.filter((column) => column.update !== false && !["tenant_id", ...options.conflict.split(",").map((name) => name.trim())].includes(column.name));
  const compared = settable.filter((column) => column.compare !== false);
  const set = [...settable.map((column) => `${column.name} = EXCLUDED.${column.name}`), ...(options.touchUpdatedAt ? ["updated_at = now()"] : [])];
  const sql =
    `INSERT INTO ${options.table} (${names.join(",")}${options.touchUpdatedAt ? ",updated_at" : ""}) VALUES ` +
    tuples.map((tuple) => (options.touchUpdatedAt ? tuple.replace(/\)$/, ",now())") : tuple)).join(",") +
    ` ON CONFLICT (${options.conflict}) DO UPDATE SET ${set.join(",")}` +
    (compared.length
      ? ` WHERE (${compared.map((column) => `${options.table}.${column.name}`).join(",")}) IS DISTINCT FROM (${compared.map((column) => `EXCLUDED.${column.name}`).join(",")})`
      : "") +
    ` RETURNING (xmax = 0) AS inserted, ${options.returning}`;
  return db.query(sql, params.values);
}

function countsOf(result: { inserted: boolean }[], batchSize: number): WriteCounts {
  const inserted = result.filter((row) => row.inserted).length;
  return { inserted, updated: result.length - inserted, unchanged: batchSize - result.length };
}

/** Rebuilds search keys (name, aliases, contacts, email, phones) of these customers in one UPDATE. */
export async function refreshSearchKeysBulk(db: SqlRunner, tenantId: number, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  type ContactKeys = { name: string; email: string | null; phone: string | null };
  const customers = await db.query<{ id: number; name: string; aliases: string[]; email: string | null; phone: string | null; website: string | null; contacts: ContactKeys[] }>(
    `SELECT c.id, c.name, c.aliases, c.email, c.phone, c.website,
            COALESCE((SELECT json_agg(json_build_object('name', k.name, 'email', k.email, 'phone', k.phone) ORDER BY k.id) FROM contacts k WHERE k.customer_id = c.id), '[]') AS contacts
     FROM customers c WHERE c.tenant_id = $1 AND c.id = ANY($2::int[])`,
    [tenantId, customerIds],
  );
  if (customers.length === 0) return;
  const params = new Params();
  const tuples = customers.map((customer) => {
    const keys = buildSearchKeys(customer);
    return `(${params.add(customer.id, "int")},${params.add(keys.searchName, "text")},${params.add(keys.searchDoc, "text")},${params.add(keys.searchGrams.join(SEPARATOR), "text")},${params.add(keys.searchPhones, "text")})`;
  });
  await db.query(
    `UPDATE customers c SET search_name = v.n, search_doc = v.d, search_grams = string_to_array(v.g, E'\\x1f'), search_phones = v.p
     FROM (VALUES ${tuples.join(",")}) AS v(id, n, d, g, p) WHERE c.id = v.id AND c.tenant_id = ${tenantId}`,
    params.values,
  );
}

/** Recomputes derived purchase statistics (see purchase-stats.ts) of these customers in two queries. */
export async function recomputePurchaseStatsBulk(db: SqlRunner, tenantId: number, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  // Dates as text: the pg driver would turn a DATE into local midnight.
  const orders = await db.query<{ customer_id: number; ordered_on: string; total: string | bigint }>(
    `SELECT customer_id, ordered_on::text AS ordered_on, total FROM orders WHERE tenant_id = ${tenantId} AND customer_id = ANY($1::int[]) AND status <> 'cancelled'`,
    [customerIds],
  );
  const byCustomer = new Map<number, { orderedOn: string; total: number }[]>(customerIds.map((id) => [id, []]));
  for (const order of orders) byCustomer.get(order.customer_id)?.push({ orderedOn: order.ordered_on, total: Number(order.total) });
  const params = new Params();
  const tuples = [...byCustomer].map(([id, list]) => {
    const stats = computePurchaseStats(list);
    return `(${params.add(id, "int")},${params.add(stats.firstOrderAt, "date")},${params.add(stats.lastOrderAt, "date")},${params.add(stats.orderCount, "int")},${params.add(String(stats.lifetimeSales), "bigint")},${params.add(stats.avgCycleDays, "float8")},${params.add(stats.predictedNextAt, "date")})`;
  });
  await db.query(
    `UPDATE customers c SET first_order_at = v.f, last_order_at = v.l, order_count = v.n, lifetime_sales = v.s, avg_cycle_days = v.a, predicted_next_at = v.p
     FROM (VALUES ${tuples.join(",")}) AS v(id, f, l, n, s, a, p) WHERE c.id = v.id AND c.tenant_id = ${tenantId}`,
    params.values,
  );
}

type CustomerWrite = CustomerRow & { key: string; ownerId: number | null; keys: ReturnType<typeof buildSearchKeys> };

/** Customer fields and the file fields they come from; only fields the file has are written. */
const CUSTOMER_COLUMNS: (Column<CustomerWrite> & { field: string })[] = [
  { field: "name", name: "name", cast: "text", value: (row) => row.name },
  { field: "aliases", name: "aliases", cast: "text", value: (row) => row.aliases.join(SEPARATOR) },
  { field: "status", name: "status", cast: "text", value: (row) => row.status },
  { field: "stage", name: "stage", cast: "text", value: (row) => row.stage },
  { field: "grade", name: "grade", cast: "text", value: (row) => row.grade },
  { field: "type", name: "type", cast: "text", value: (row) => row.type },
  { field: "industry", name: "industry", cast: "text", value: (row) => row.industry },
  { field: "source", name: "source", cast: "text", value: (row) => row.source },
  { field: "region", name: "region", cast: "text", value: (row) => row.region },
  { field: "city", name: "city", cast: "text", value: (row) => row.city },
  { field: "address", name: "address", cast: "text", value: (row) => row.address },
  { field: "phone", name: "phone", cast: "text", value: (row) => row.phone },
  { field: "email", name: "email", cast: "text", value: (row) => row.email },
  { field: "website", name: "website", cast: "text", value: (row) => row.website },
  { field: "owner", name: "owner_id", cast: "int", value: (row) => row.ownerId },
  { field: "currency", name: "currency", cast: "text", value: (row) => row.currency },
  { field: "creditLimit", name: "credit_limit", cast: "bigint", value: (row) => (row.creditLimit === null ? null : String(row.creditLimit)) },
  { field: "nextFollowUp", name: "next_follow_up", cast: "date", value: (row) => row.nextFollowUp },
  { field: "notes", name: "notes", cast: "text", value: (row) => row.notes },
];

type CustomerContext = {
  fields: ReadonlySet<string>;
  ownerOf: ((text: string) => number | null) & { match?: (text: string) => OwnerMatch };
  onWarning: (line: number, message: string) => void;
  /** A row whose owner names several members or an inactive one: reported as an error and not written. */
  onIssue?: (issue: LateIssue) => void;
  unknownOwners: Set<string>;
};

/** A customer batch ready to send: its statement and parameters. */
export type PreparedCustomers = { count: number; sql: string; params: unknown[] };

/**
 * The JavaScript half of a customer batch (owners, search keys, one array per column). It is
 * separate from the write so the importer can prepare a batch while the previous one is in the
 * database: the two halves then run on two cores at once.
 */
export function prepareCustomers(tenantId: number, batch: Lined<CustomerRow>[], context: CustomerContext): PreparedCustomers {
  const unique = new Map<string, CustomerWrite>();
  for (const { line, row } of batch) {
    const matched = row.owner && context.ownerOf.match ? context.ownerOf.match(row.owner) : undefined;
    if (matched && "problem" in matched && context.onIssue) {
      context.onIssue({ line, reason: englishOf(matched.problem.key, matched.problem.values), problem: matched.problem });
      continue;
    }
    const ownerId = row.owner ? context.ownerOf(row.owner) : null;
    // Reported once per owner: a CRM export names the same few owners on every row.
    if (row.owner && ownerId === null && !context.unknownOwners.has(row.owner)) {
      context.unknownOwners.add(row.owner);
      context.onWarning(line, `owner "${row.owner}" is not a member of this workspace; rows with this owner are imported without one (reported once)`);
    }
    const keys = buildSearchKeys({ name: row.name, aliases: row.aliases, email: row.email, phone: row.phone, website: row.website, contacts: [] });
    const key = customerKey(row);
    unique.set(key, { ...row, key, ownerId, keys });
  }
  const rows = [...unique.values()];
  const columns: Column<CustomerWrite>[] = [
    { name: "tenant_id", cast: "int", value: () => tenantId },
    { name: "external_id", cast: "text", value: (row) => row.key },
    // Only the fields the file has: a column missing from the file leaves that field as it was.
    ...CUSTOMER_COLUMNS.filter((column) => column.field === "name" || context.fields.has(column.field)),
    { name: "search_name", cast: "text", value: (row) => row.keys.searchName, compare: false },
    { name: "search_doc", cast: "text", value: (row) => row.keys.searchDoc, compare: false },
    { name: "search_grams", cast: "text", value: (row) => row.keys.searchGrams.join(SEPARATOR), compare: false },
    { name: "search_phones", cast: "text", value: (row) => row.keys.searchPhones, compare: false },
  ];
  return { count: rows.length, ...customerUpsert(tenantId, columns, rows) };
}

export async function writePreparedCustomers(db: SqlRunner, tenantId: number, prepared: PreparedCustomers): Promise<WriteCounts> {
  if (prepared.count === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const result = await db.query<{ inserted: boolean; id: number }>(prepared.sql, prepared.params);
  // Updated customers that already have contacts need those contacts back in their search keys.
  const updatedIds = result.filter((row) => !row.inserted).map((row) => Number(row.id));
  if (updatedIds.length) {
    const withContacts = await db.query<{ customer_id: number }>(
      `SELECT DISTINCT customer_id FROM contacts WHERE tenant_id = ${tenantId} AND customer_id = ANY($1::int[])`,
      [updatedIds],
    );
    await refreshSearchKeysBulk(db, tenantId, withContacts.map((row) => row.customer_id));
  }
  return countsOf(result, prepared.count);
}

/**
 * The customers upsert. Each column travels as ONE array parameter and the rows are rebuilt with
 * unnest(): 20 parameters per batch instead of 20,000 keeps the driver and planner cheap. The two
 * array columns travel as separated strings.
 */
function customerUpsert(tenantId: number, columns: Column<CustomerWrite>[], rows: CustomerWrite[]): { sql: string; params: unknown[] } {
  const params: string[] = [];
  const arrayColumns = new Set(["aliases", "search_grams"]);
  const selects = columns.map((column, index) => {
    if (column.name === "tenant_id") return String(tenantId);
    params.push(arrayLiteral(rows, column.value));
    const source = column.cast === "text" || column.cast === "int" ? `t.c${index}` : `t.c${index}::${column.cast}`;
    return arrayColumns.has(column.name) ? `string_to_array(${source}, E'\\x1f')` : source;
  });
  const unnestArgs = columns
    .map((column, index) => (column.name === "tenant_id" ? null : { index, cast: column.cast }))
    .filter((item): item is { index: number; cast: string } => item !== null);
  const settable = columns.filter((column) => !["tenant_id", "external_id"].includes(column.name));
  const compared = settable.filter((column) => column.compare !== false);
  // Each parameter is sent as text and cast twice: PGlite types a bare text[] parameter and would
  // expect a JavaScript array where the array literal is already built.
  const sql =
    `INSERT INTO customers (${columns.map((column) => column.name).join(",")},updated_at)
     SELECT ${selects.join(",")}, now()
     FROM unnest(${unnestArgs.map((item, position) => `$${position + 1}::text::${item.cast === "int" ? "int" : "text"}[]`).join(",")})
       AS t(${unnestArgs.map((item) => `c${item.index}`).join(",")})
     ON CONFLICT (tenant_id, external_id) DO UPDATE SET ${settable.map((column) => `${column.name} = EXCLUDED.${column.name}`).join(",")}, updated_at = now()
     WHERE (${compared.map((column) => `customers.${column.name}`).join(",")}) IS DISTINCT FROM (${compared.map((column) => `EXCLUDED.${column.name}`).join(",")})
     RETURNING (xmax = 0) AS inserted, id`;
  return { sql, params };
}

const ARRAY_ELEMENT_ESCAPES = /[\\"]/g;

/**
 * One column of a batch as a PostgreSQL array literal ({"a","b",NULL}). Built here in one pass:
 * the pg driver's own array serialisation runs two regular expressions per element and took 8 %
 * of the import's JavaScript time. Every element is quoted, so only \ and " need escaping.
 */
export function arrayLiteral<T>(rows: readonly T[], value: (row: T) => unknown): string {
  let literal = "{";
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) literal += ",";
    const element = value(rows[i]!);
    if (element === null || element === undefined) literal += "NULL";
    else literal += `"${String(element).replace(ARRAY_ELEMENT_ESCAPES, "\\$&")}"`;
  }
  return `${literal}}`;
}

type Resolver = ReturnType<typeof createCustomerResolver>;

/**
 * Each customer's currency (its own, else the workspace's), the currency of the amounts of its
 * orders, invoices and payments. Looked up once per batch for the customers not yet seen.
 */
export function createCurrencyLookup(db: SqlRunner, tenantId: number, tenantCurrency: string) {
  const cache = new Map<number, string>();
  return async function currencies(customerIds: number[]): Promise<Map<number, string>> {
    const wanted = [...new Set(customerIds)].filter((id) => !cache.has(id));
    if (wanted.length) {
      if (cache.size > 100_000) cache.clear();
      const rows = await db.query<{ id: number; currency: string | null }>(`SELECT id, currency FROM customers WHERE tenant_id = ${tenantId} AND id = ANY($1::int[])`, [wanted]);
      for (const row of rows) cache.set(Number(row.id), row.currency ?? tenantCurrency);
    }
    return new Map(customerIds.map((id) => [id, cache.get(id) ?? tenantCurrency]));
  };
}

type CurrencyLookup = ReturnType<typeof createCurrencyLookup>;
export type AmountContext = { resolve: Resolver; currencies: CurrencyLookup; onIssue: (issue: LateIssue) => void };

async function withCustomers<T extends { customer: string }>(
  batch: Lined<T>[],
  resolve: Resolver,
  onIssue: (issue: LateIssue) => void,
): Promise<(Lined<T> & { customerId: number })[]> {
  const ids = await resolve(batch.map((item) => item.row.customer));
  const resolved: (Lined<T> & { customerId: number })[] = [];
  for (const item of batch) {
    const customerId = ids.get(item.row.customer) ?? null;
    if (customerId === null) {
      const values = { customer: item.row.customer };
      onIssue({ line: item.line, reason: englishOf("import.row.noCustomer", values), problem: { key: "import.row.noCustomer", values } });
    }
    else resolved.push({ ...item, customerId });
  }
  return resolved;
}

/** Thrown inside a row conversion: the row is reported and skipped. */
class AmountRejected extends Error {
  constructor(readonly problem: AmountProblem) {
    super(problem.key);
  }
}

/** Minor units of an amount cell in the row's customer currency. */
export function minorOf(field: string, amount: ImportAmount, currency: string): number {
  const result = amountToMinor(field, amount, currency);
  if ("problem" in result) throw new AmountRejected(result.problem);
  return result.minor;
}

/**
 * Rows with their customer resolved and their amounts in minor units of that customer's currency.
 * A row whose currency column names another currency, or whose amount cannot be that currency
 * (₩ on a CNY customer, decimals on a KRW one), is reported and skipped.
 */
export async function withCustomerAmounts<T extends { customer: string; currency: string | null }, U>(
  batch: Lined<T>[],
  context: AmountContext,
  convert: (row: T, currency: string) => U,
): Promise<(Lined<T> & { customerId: number; minor: U })[]> {
  const resolved = await withCustomers(batch, context.resolve, context.onIssue);
  const currencies = await context.currencies(resolved.map((item) => item.customerId));
  const converted: (Lined<T> & { customerId: number; minor: U })[] = [];
  for (const item of resolved) {
    const currency = currencies.get(item.customerId)!;
    if (item.row.currency !== null && item.row.currency !== currency) {
      context.onIssue({
        line: item.line,
        reason: `the currency column says ${item.row.currency}, but customer "${item.row.customer}" is in ${currency}`,
        problem: { key: "import.row.currencyMismatch", values: { written: item.row.currency, customer: item.row.customer, expected: currency } },
      });
      continue;
    }
    try {
      converted.push({ ...item, minor: convert(item.row, currency) });
    } catch (error) {
      if (!(error instanceof AmountRejected)) throw error;
      context.onIssue({ line: item.line, reason: error.message, problem: error.problem });
    }
  }
  return converted;
}

export async function writeContacts(
  db: SqlRunner,
  tenantId: number,
  batch: Lined<ContactRow>[],
  context: { resolve: Resolver; onIssue: (issue: LateIssue) => void },
): Promise<WriteCounts & { written: number }> {
  const resolved = await withCustomers(batch, context.resolve, context.onIssue);
  const unique = new Map<string, (typeof resolved)[number] & { key: string }>();
  for (const item of resolved) {
    const key = item.row.externalId ?? `contact:${item.customerId}:${normalizeText(item.row.name)}`;
    unique.set(key, { ...item, key });
  }
  type Item = (typeof resolved)[number] & { key: string };
  const result = await upsert<Item>(db, {
    table: "contacts",
    conflict: "tenant_id, external_id",
    touchUpdatedAt: false,
    returning: "customer_id",
    rows: [...unique.values()],
    columns: [
      { name: "tenant_id", cast: "int", value: () => tenantId },
      { name: "external_id", cast: "text", value: (item) => item.key },
      { name: "customer_id", cast: "int", value: (item) => item.customerId },
      { name: "name", cast: "text", value: (item) => item.row.name },
      { name: "title", cast: "text", value: (item) => item.row.title },
      { name: "phone", cast: "text", value: (item) => item.row.phone },
      { name: "email", cast: "text", value: (item) => item.row.email },
      { name: "is_primary", cast: "boolean", value: (item) => item.row.isPrimary },
    ],
  });
  await refreshSearchKeysBulk(db, tenantId, [...new Set(result.map((row) => Number(row.customer_id)))]);
  return { ...countsOf(result, unique.size), written: unique.size };
}

type OrderContext = AmountContext & {
  fields: ReadonlySet<string>;
  ownerOf: (text: string) => number | null;
  /** Orders whose old lines this import already replaced: later rows of theirs add lines. */
  linesReplaced: Set<string>;
};

/**
 * Orders, one row per order or (with a sku column) one row per order line. Rows of one order may
 * span batches and need not be next to each other: an order's lines from the database are
 * replaced the first time this import meets the order, later rows add to them, and the total
 * (when the file has no total column) is recomputed from all its lines after each batch.
 */
export async function writeOrders(db: SqlRunner, tenantId: number, batch: Lined<OrderRow>[], context: OrderContext): Promise<WriteCounts> {
  const resolved = await withCustomerAmounts(batch, context, (row, currency) => ({
    total: row.total === null ? null : minorOf("total", row.total, currency),
    totalCost: row.totalCost === null ? null : minorOf("totalCost", row.totalCost, currency),
    line: row.line === null ? null : minorLine(row.line, currency),
  }));
  type Item = (typeof resolved)[number] & { lines: MinorLine[] };
  const orders = new Map<string, Item>();
  for (const item of resolved) {
    const first = orders.get(item.row.number);
    if (!first) orders.set(item.row.number, { ...item, lines: item.minor.line ? [item.minor.line] : [] });
    else if (first.customerId !== item.customerId) {
      const values = { number: item.row.number, line: String(first.line) };
      context.onIssue({ line: item.line, reason: englishOf("import.row.orderOfAnotherCustomer", values), problem: { key: "import.row.orderOfAnotherCustomer", values } });
    }
    else if (item.minor.line) first.lines.push(item.minor.line);
    else orders.set(item.row.number, { ...item, lines: [] }); // one row per order: the last row wins
  }
  const hasLines = context.fields.has("sku");
  const totalFromLines = hasLines && !context.fields.has("total");
  const lineSum = (lines: MinorLine[], pick: (line: MinorLine) => number | null) =>
    lines.every((line) => pick(line) !== null) ? lines.reduce((sum, line) => sum + line.quantity * pick(line)!, 0) : null;
  const result = await upsert<Item>(db, {
    table: "orders",
    conflict: "tenant_id, number",
    touchUpdatedAt: true,
    returning: "customer_id",
    rows: [...orders.values()],
    columns: [
      { name: "tenant_id", cast: "int", value: () => tenantId },
      { name: "number", cast: "text", value: (item) => item.row.number },
      { name: "external_id", cast: "text", value: (item) => item.row.externalId },
      { name: "customer_id", cast: "int", value: (item) => item.customerId },
      { name: "ordered_on", cast: "date", value: (item) => item.row.orderedOn },
      { name: "status", cast: "text", value: (item) => item.row.status },
      totalFromLines
        ? { name: "total", cast: "bigint", value: (item) => String(lineSum(item.lines, (line) => line.unitPrice) ?? 0), update: false }
        : { name: "total", cast: "bigint", value: (item) => String(item.minor.total ?? 0) },
      ...(context.fields.has("totalCost") || !totalFromLines
        ? [{ name: "total_cost", cast: "bigint", value: (item: Item) => nullableString(item.minor.totalCost) }]
        : [{ name: "total_cost", cast: "bigint", value: (item: Item) => nullableString(lineSum(item.lines, (line) => line.unitCost)), update: false }]),
      ...(context.fields.has("owner") ? [{ name: "owner_id", cast: "int", value: (item: Item) => (item.row.owner ? context.ownerOf(item.row.owner) : null) }] : []),
    ],
  });
  const touchedCustomers = new Set(result.map((row) => Number(row.customer_id)));
  if (hasLines && orders.size) {
    await writeOrderLines(db, tenantId, [...orders.values()], context.linesReplaced);
    if (totalFromLines) {
      const totals = await db.query<{ customer_id: number }>(
        `UPDATE orders o SET total = s.total, total_cost = s.total_cost
         FROM (SELECT l.order_id, SUM(l.quantity * l.unit_price) AS total,
                      CASE WHEN bool_and(l.unit_cost IS NOT NULL) THEN SUM(l.quantity * l.unit_cost) END AS total_cost
               FROM order_lines l JOIN orders x ON x.id = l.order_id
               WHERE x.tenant_id = $1 AND x.number = ANY($2::text[]) GROUP BY l.order_id) s
         WHERE o.id = s.order_id AND (o.total, o.total_cost) IS DISTINCT FROM (s.total, s.total_cost)
         RETURNING o.customer_id`,
        [tenantId, [...orders.keys()]],
      );
      for (const row of totals) touchedCustomers.add(Number(row.customer_id));
    }
  }
  await recomputePurchaseStatsBulk(db, tenantId, [...touchedCustomers]);
  return countsOf(result, orders.size);
}

/** An order line with its prices in minor units of the order's customer currency. */
type MinorLine = Omit<OrderLineRow, "unitPrice" | "unitCost"> & { unitPrice: number; unitCost: number | null };

function minorLine(line: OrderLineRow, currency: string): MinorLine {
  return {
    ...line,
    unitPrice: minorOf("unitPrice", line.unitPrice, currency),
    unitCost: line.unitCost === null ? null : minorOf("unitCost", line.unitCost, currency),
  };
}

function nullableString(value: number | null): string | null {
  return value === null ? null : String(value);
}

/**
 * Lines of a batch's orders. An order met for the first time in this import gets its lines
 * replaced, unless they are exactly the lines it already has (then a re-import changes nothing).
 */
async function writeOrderLines(db: SqlRunner, tenantId: number, orders: { row: { number: string }; lines: MinorLine[] }[], replaced: Set<string>): Promise<void> {
  const ids = new Map(
    (await db.query<{ id: number; number: string }>(`SELECT id, number FROM orders WHERE tenant_id = $1 AND number = ANY($2::text[])`, [tenantId, orders.map((order) => order.row.number)])).map((row) => [row.number, row.id]),
  );
  const fresh = orders.filter((order) => !replaced.has(order.row.number));
  const existing = new Map<number, string>();
  if (fresh.length) {
    const rows = await db.query<{ order_id: number; lines: string }>(
      `SELECT order_id, string_agg(concat_ws(E'\\x1f', sku, description, quantity, unit_price, unit_cost), E'\\x1e' ORDER BY id) AS lines
       FROM order_lines WHERE order_id = ANY($1::int[]) GROUP BY order_id`,
      [fresh.map((order) => ids.get(order.row.number)!)],
    );
    for (const row of rows) existing.set(row.order_id, row.lines);
  }
  const fingerprint = (lines: MinorLine[]) =>
    lines.map((line) => [line.sku, line.description, line.quantity, line.unitPrice, line.unitCost].filter((value) => value !== null).join("\x1f")).join("\x1e");
  const toDelete: number[] = [];
  const toInsert: { orderId: number; line: MinorLine }[] = [];
  for (const order of orders) {
    const orderId = ids.get(order.row.number)!;
    if (!replaced.has(order.row.number)) {
      replaced.add(order.row.number);
      if (existing.get(orderId) === fingerprint(order.lines)) continue; // unchanged: keep the rows
      toDelete.push(orderId);
    }
    for (const line of order.lines) toInsert.push({ orderId, line });
  }
  if (toDelete.length) await db.query(`DELETE FROM order_lines WHERE order_id = ANY($1::int[])`, [toDelete]);
  if (toInsert.length === 0) return;
  const column = <T>(pick: (item: (typeof toInsert)[number]) => T) => toInsert.map(pick);
  await db.query(
    `INSERT INTO order_lines (order_id, sku, description, quantity, unit_price, unit_cost)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::bigint[], $6::bigint[])`,
    [
      column((item) => item.orderId),
      column((item) => item.line.sku),
      column((item) => item.line.description),
      column((item) => item.line.quantity),
      column((item) => String(item.line.unitPrice)),
      column((item) => nullableString(item.line.unitCost)),
    ],
  );
}

export async function writeInvoices(
  db: SqlRunner,
  tenantId: number,
  batch: Lined<InvoiceRow>[],
  context: AmountContext,
): Promise<WriteCounts> {
  const resolved = await withCustomerAmounts(batch, context, (row, currency) => ({
    amount: minorOf("amount", row.amount, currency),
    paid: row.paid === null ? 0 : minorOf("paid", row.paid, currency),
  }));
  const unique = new Map(resolved.map((item) => [item.row.number, item]));
  const params = new Params();
  const rows = [...unique.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const tuples = rows.map(
    (item) =>
      `(${tenantId},${params.add(item.row.number, "text")},${params.add(item.row.externalId, "text")},${params.add(item.customerId, "int")},` +
      `(SELECT id FROM orders WHERE tenant_id = ${tenantId} AND number = ${params.add(item.row.orderNumber, "text")}),` +
      `${params.add(item.row.issuedOn, "date")},${params.add(item.row.dueOn, "date")},${params.add(String(item.minor.amount), "bigint")},` +
      `${params.add(String(item.minor.paid), "bigint")},${params.add(item.minor.paid >= item.minor.amount ? "paid" : "open", "text")})`,
  );
  const changed = ["external_id", "customer_id", "order_id", "issued_on", "due_on", "amount", "paid", "status"];
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO invoices (tenant_id, number, external_id, customer_id, order_id, issued_on, due_on, amount, paid, status) VALUES ${tuples.join(",")}
     ON CONFLICT (tenant_id, number) DO UPDATE SET ${changed.map((name) => `${name} = ${name === "status" ? SETTLED_STATUS : `EXCLUDED.${name}`}`).join(",")}
     WHERE (${changed.map((name) => `invoices.${name}`).join(",")}) IS DISTINCT FROM (${changed.map((name) => (name === "status" ? SETTLED_STATUS : `EXCLUDED.${name}`)).join(",")})
     RETURNING (xmax = 0) AS inserted`,
    params.values,
  );
  return countsOf(result, rows.length);
}

export async function writePayments(
  db: SqlRunner,
  tenantId: number,
  batch: Lined<PaymentRow>[],
  context: AmountContext,
): Promise<WriteCounts> {
  const resolved = await withCustomerAmounts(batch, context, (row, currency) => minorOf("amount", row.amount, currency));
  type Item = (typeof resolved)[number] & { key: string };
  const unique = new Map<string, Item>();
  for (const item of resolved) {
    const key = item.row.externalId ?? `payment:${item.customerId}:${item.row.receivedOn}:${item.minor}:${item.row.reference ?? ""}`;
    unique.set(key, { ...item, key });
  }
  const rows = [...unique.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const params = new Params();
  const tuples = rows.map(
    (item) =>
      `(${tenantId},${params.add(item.key, "text")},${params.add(item.customerId, "int")},${params.add(String(item.minor), "bigint")},` +
      `${params.add(item.row.receivedOn, "date")},${params.add(item.row.method, "text")},${params.add(item.row.reference, "text")})`,
  );
  // Payments are facts: an existing one is left alone (its allocations were made when it arrived).
  const inserted = await db.query<{ id: number; external_id: string }>(
    `INSERT INTO payments (tenant_id, external_id, customer_id, amount, received_on, method, reference) VALUES ${tuples.join(",")}
     ON CONFLICT (tenant_id, external_id) DO NOTHING RETURNING id, external_id`,
    params.values,
  );
  for (const row of inserted) {
    const item = unique.get(row.external_id)!;
    await allocatePayment(db, tenantId, { paymentId: row.id, customerId: item.customerId, amount: item.minor, invoiceNumber: item.row.invoiceNumber });
  }
  return { inserted: inserted.length, updated: 0, unchanged: rows.length - inserted.length };
}

/** An updated invoice's status: write-offs recorded in Rapport still count towards settling it. */
const SETTLED_STATUS = `CASE WHEN EXCLUDED.paid >= EXCLUDED.amount THEN 'paid' WHEN EXCLUDED.paid + invoices.written_off >= EXCLUDED.amount THEN 'written-off' ELSE 'open' END`;

/** Applies a new payment to the named invoice first, then to the customer's oldest open invoices (as recordPayment does). */
async function allocatePayment(
  db: SqlRunner,
  tenantId: number,
  payment: { paymentId: number; customerId: number; amount: number; invoiceNumber: string | null },
): Promise<void> {
  // Locked in id order, as a receipt entered in chat locks them (ledger-queries.ts), so an import
  // beside a `pay` waits for it instead of overpaying an invoice or deadlocking; then ordered.
  const locked = await db.query<{ id: number; outstanding: bigint; named: boolean | null; due: string }>(
    `SELECT id, amount - paid - written_off AS outstanding, number = $2::text AS named, due_on::text AS due FROM invoices
     WHERE tenant_id = ${tenantId} AND customer_id = $1 AND status = 'open'
     ORDER BY id FOR NO KEY UPDATE`,
    [payment.customerId, payment.invoiceNumber],
  );
  const open = locked
    .filter((invoice) => Number(invoice.outstanding) > 0)
    .sort((a, b) => Number(Boolean(b.named)) - Number(Boolean(a.named)) || (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id - b.id));
  let remaining = payment.amount;
  for (const invoice of open) {
    if (remaining <= 0) break;
    const outstanding = Number(invoice.outstanding);
    const applied = Math.min(outstanding, remaining);
    remaining -= applied;
    await db.query(`INSERT INTO payment_allocations (payment_id, invoice_id, amount) VALUES ($1, $2, $3::bigint)`, [payment.paymentId, invoice.id, String(applied)]);
    await db.query(
      `UPDATE invoices SET paid = paid + $2::bigint,
         status = CASE WHEN paid + $2::bigint >= amount THEN 'paid' WHEN paid + written_off + $2::bigint >= amount THEN 'written-off' ELSE 'open' END WHERE id = $1`,
      [invoice.id, String(applied)],
    );
  }
}
