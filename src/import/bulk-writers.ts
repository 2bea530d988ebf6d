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
import type { DbClient } from "../data/client-types.js";
import { buildSearchKeys } from "../core/text/search-keys.js";
import { normalizeText } from "../core/text/normalize.js";
import { computePurchaseStats } from "../data/purchase-stats.js";
import type { ContactRow, CustomerRow, InvoiceRow, OrderRow, PaymentRow } from "./validate-row.js";

export type WriteCounts = { inserted: number; updated: number; unchanged: number };
/** A row the database side rejected (unknown customer, ...), with the file line. */
export type LateIssue = { line: number; reason: string };
export type Lined<T> = { line: number; row: T };

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

/** Resolves owner text (email, display name, external id, @handle) to member ids. */
export async function loadMemberLookup(db: DbClient, tenantId: number): Promise<(text: string) => number | null> {
  const members = await db.member.findMany({ where: { tenantId }, select: { id: true, externalId: true, displayName: true, email: true } });
  const byKey = new Map<string, number>();
  for (const member of members) {
    for (const key of [member.externalId, member.displayName, member.email]) if (key) byKey.set(key.trim().toLowerCase(), member.id);
  }
  return (text) => byKey.get(text.replace(/^@/, "").trim().toLowerCase()) ?? null;
}

/**
 * Customer references in contact/order/invoice/payment files: "#id", a customer external id, or
 * a name (matched through the name natural key, then the normalised name when it is unique).
 * Resolved per batch with a bounded cache, so memory stays flat for any file size.
 */
export function createCustomerResolver(db: DbClient, tenantId: number) {
  const cache = new Map<string, number | null>();
  return async function resolve(refs: string[]): Promise<Map<string, number | null>> {
    const wanted = [...new Set(refs)].filter((ref) => !cache.has(ref));
    if (wanted.length) {
      const found = new Map<string, number | null>(wanted.map((ref) => [ref, null]));
      const ids = wanted.filter((ref) => /^#\d{1,9}$/.test(ref)).map((ref) => Number(ref.slice(1)));
      if (ids.length) {
        const rows = await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM customers WHERE tenant_id = ${tenantId} AND id = ANY($1::int[])`, ids);
        for (const row of rows) found.set(`#${row.id}`, row.id);
      }
      const keyed = new Map<string, string>(); // key -> ref
      for (const ref of wanted) {
        keyed.set(`name:${normalizeText(ref)}`, ref);
        keyed.set(ref, ref); // an external id wins over a name key
      }
      const byKey = await db.$queryRawUnsafe<{ id: number; external_id: string }[]>(
        `SELECT id, external_id FROM customers WHERE tenant_id = ${tenantId} AND external_id = ANY($1::text[])`,
        [...keyed.keys()],
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
        const rows = await db.$queryRawUnsafe<{ search_name: string; id: number; n: bigint }[]>(
          `SELECT search_name, MIN(id) AS id, COUNT(*) AS n FROM customers
           WHERE tenant_id = ${tenantId} AND search_name = ANY($1::text[]) GROUP BY search_name`,
          [...names.keys()],
        );
        for (const row of rows) if (Number(row.n) === 1) found.set(names.get(row.search_name)!, row.id);
      }
      if (cache.size > 100_000) cache.clear();
      for (const [ref, id] of found) cache.set(ref, id);
    }
    return new Map(refs.map((ref) => [ref, cache.get(ref) ?? null]));
  };
}

type Column<T> = { name: string; cast: string; value: (row: T) => unknown; /** compared to decide whether an update changes anything */ compare?: boolean };

async function upsert<T>(
  db: DbClient,
  options: { table: string; conflict: string; columns: Column<T>[]; rows: T[]; touchUpdatedAt: boolean; returning: string },
): Promise<{ inserted: boolean; [key: string]: unknown }[]> {
  if (options.rows.length === 0) return [];
  const params = new Params();
  const tuples = options.rows.map((row) => `(${options.columns.map((column) => params.add(column.value(row), column.cast)).join(",")})`);
  const names = options.columns.map((column) => column.name);
  const settable = options.columns.filter((column) => !["tenant_id", ...options.conflict.split(",").map((name) => name.trim())].includes(column.name));
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
  return db.$queryRawUnsafe(sql, ...params.values);
}

function countsOf(result: { inserted: boolean }[], batchSize: number): WriteCounts {
  const inserted = result.filter((row) => row.inserted).length;
  return { inserted, updated: result.length - inserted, unchanged: batchSize - result.length };
}

/** Rebuilds search keys (name, aliases, contacts, email, phones) of these customers in one UPDATE. */
export async function refreshSearchKeysBulk(db: DbClient, tenantId: number, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  const customers = await db.customer.findMany({
    where: { tenantId, id: { in: customerIds } },
    select: { id: true, name: true, aliases: true, email: true, phone: true, website: true, contacts: { select: { name: true, email: true, phone: true } } },
  });
  if (customers.length === 0) return;
  const params = new Params();
  const tuples = customers.map((customer) => {
    const keys = buildSearchKeys(customer);
    return `(${params.add(customer.id, "int")},${params.add(keys.searchName, "text")},${params.add(keys.searchDoc, "text")},${params.add(keys.searchGrams.join(SEPARATOR), "text")},${params.add(keys.searchPhones, "text")})`;
  });
  await db.$executeRawUnsafe(
    `UPDATE customers c SET search_name = v.n, search_doc = v.d, search_grams = string_to_array(v.g, E'\\x1f'), search_phones = v.p
     FROM (VALUES ${tuples.join(",")}) AS v(id, n, d, g, p) WHERE c.id = v.id AND c.tenant_id = ${tenantId}`,
    ...params.values,
  );
}

/** Recomputes derived purchase statistics (see purchase-stats.ts) of these customers in two queries. */
export async function recomputePurchaseStatsBulk(db: DbClient, tenantId: number, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  const orders = await db.$queryRawUnsafe<{ customer_id: number; ordered_on: Date; total: bigint }[]>(
    `SELECT customer_id, ordered_on, total FROM orders WHERE tenant_id = ${tenantId} AND customer_id = ANY($1::int[]) AND status <> 'cancelled'`,
    customerIds,
  );
  const byCustomer = new Map<number, { orderedOn: string; total: number }[]>(customerIds.map((id) => [id, []]));
  for (const order of orders) byCustomer.get(order.customer_id)?.push({ orderedOn: order.ordered_on.toISOString().slice(0, 10), total: Number(order.total) });
  const params = new Params();
  const tuples = [...byCustomer].map(([id, list]) => {
    const stats = computePurchaseStats(list);
    return `(${params.add(id, "int")},${params.add(stats.firstOrderAt, "date")},${params.add(stats.lastOrderAt, "date")},${params.add(stats.orderCount, "int")},${params.add(String(stats.lifetimeSales), "bigint")},${params.add(stats.avgCycleDays, "float8")},${params.add(stats.predictedNextAt, "date")})`;
  });
  await db.$executeRawUnsafe(
    `UPDATE customers c SET first_order_at = v.f, last_order_at = v.l, order_count = v.n, lifetime_sales = v.s, avg_cycle_days = v.a, predicted_next_at = v.p
     FROM (VALUES ${tuples.join(",")}) AS v(id, f, l, n, s, a, p) WHERE c.id = v.id AND c.tenant_id = ${tenantId}`,
    ...params.values,
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
  { field: "creditLimit", name: "credit_limit", cast: "bigint", value: (row) => (row.creditLimit === null ? null : String(row.creditLimit)) },
  { field: "nextFollowUp", name: "next_follow_up", cast: "date", value: (row) => row.nextFollowUp },
  { field: "notes", name: "notes", cast: "text", value: (row) => row.notes },
];

export async function writeCustomers(
  db: DbClient,
  tenantId: number,
  batch: Lined<CustomerRow>[],
  context: { fields: Set<string>; ownerOf: (text: string) => number | null; onWarning: (line: number, message: string) => void },
): Promise<WriteCounts> {
  const unique = new Map<string, CustomerWrite>();
  for (const { line, row } of batch) {
    const ownerId = row.owner ? context.ownerOf(row.owner) : null;
    if (row.owner && ownerId === null) context.onWarning(line, `owner "${row.owner}" is not a member of this workspace; imported without an owner`);
    const keys = buildSearchKeys({ name: row.name, aliases: row.aliases, email: row.email, phone: row.phone, website: row.website, contacts: [] });
    unique.set(customerKey(row), { ...row, key: customerKey(row), ownerId, keys });
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
  const result = await upsertWithArrays(db, columns, rows);
  // Updated customers that already have contacts need those contacts back in their search keys.
  const updatedIds = result.filter((row) => !row.inserted).map((row) => Number(row.id));
  if (updatedIds.length) {
    const withContacts = await db.$queryRawUnsafe<{ customer_id: number }[]>(
      `SELECT DISTINCT customer_id FROM contacts WHERE tenant_id = ${tenantId} AND customer_id = ANY($1::int[])`,
      updatedIds,
    );
    await refreshSearchKeysBulk(db, tenantId, withContacts.map((row) => row.customer_id));
  }
  return countsOf(result, rows.length);
}

/**
 * The customers upsert. Each column travels as ONE array parameter and the rows are rebuilt with
 * unnest(): 20 parameters per batch instead of 20,000 keeps the driver and planner cheap (this is
 * what makes 20k+ rows/s possible). The two array columns travel as separated strings.
 */
async function upsertWithArrays(db: DbClient, columns: Column<CustomerWrite>[], rows: CustomerWrite[]) {
  const params: unknown[] = [];
  const arrayColumns = new Set(["aliases", "search_grams"]);
  const selects = columns.map((column, index) => {
    if (column.name === "tenant_id") return String(Number(column.value(rows[0]!)));
    params.push(rows.map((row) => column.value(row) ?? null));
    const source = column.cast === "text" || column.cast === "int" ? `t.c${index}` : `t.c${index}::${column.cast}`;
    return arrayColumns.has(column.name) ? `string_to_array(${source}, E'\\x1f')` : source;
  });
  const unnestArgs = columns
    .map((column, index) => (column.name === "tenant_id" ? null : { index, cast: column.cast }))
    .filter((item): item is { index: number; cast: string } => item !== null);
  const settable = columns.filter((column) => !["tenant_id", "external_id"].includes(column.name));
  const compared = settable.filter((column) => column.compare !== false);
  const sql =
    `INSERT INTO customers (${columns.map((column) => column.name).join(",")},updated_at)
     SELECT ${selects.join(",")}, now()
     FROM unnest(${unnestArgs.map((item, position) => `$${position + 1}::${item.cast === "int" ? "int" : "text"}[]`).join(",")})
       AS t(${unnestArgs.map((item) => `c${item.index}`).join(",")})
     ON CONFLICT (tenant_id, external_id) DO UPDATE SET ${settable.map((column) => `${column.name} = EXCLUDED.${column.name}`).join(",")}, updated_at = now()
     WHERE (${compared.map((column) => `customers.${column.name}`).join(",")}) IS DISTINCT FROM (${compared.map((column) => `EXCLUDED.${column.name}`).join(",")})
     RETURNING (xmax = 0) AS inserted, id`;
  return db.$queryRawUnsafe<{ inserted: boolean; id: number }[]>(sql, ...params);
}

type Resolver = ReturnType<typeof createCustomerResolver>;

async function withCustomers<T extends { customer: string }>(
  batch: Lined<T>[],
  resolve: Resolver,
  onIssue: (issue: LateIssue) => void,
): Promise<(Lined<T> & { customerId: number })[]> {
  const ids = await resolve(batch.map((item) => item.row.customer));
  const resolved: (Lined<T> & { customerId: number })[] = [];
  for (const item of batch) {
    const customerId = ids.get(item.row.customer) ?? null;
    if (customerId === null) onIssue({ line: item.line, reason: `no customer matches "${item.row.customer}" (import customers first, or use its external id or #id)` });
    else resolved.push({ ...item, customerId });
  }
  return resolved;
}

export async function writeContacts(
  db: DbClient,
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

export async function writeOrders(
  db: DbClient,
  tenantId: number,
  batch: Lined<OrderRow>[],
  context: { resolve: Resolver; onIssue: (issue: LateIssue) => void; fields: Set<string>; ownerOf: (text: string) => number | null },
): Promise<WriteCounts> {
  const resolved = await withCustomers(batch, context.resolve, context.onIssue);
  const unique = new Map(resolved.map((item) => [item.row.number, item]));
  type Item = (typeof resolved)[number];
  const result = await upsert<Item>(db, {
    table: "orders",
    conflict: "tenant_id, number",
    touchUpdatedAt: true,
    returning: "customer_id",
    rows: [...unique.values()],
    columns: [
      { name: "tenant_id", cast: "int", value: () => tenantId },
      { name: "number", cast: "text", value: (item) => item.row.number },
      { name: "external_id", cast: "text", value: (item) => item.row.externalId },
      { name: "customer_id", cast: "int", value: (item) => item.customerId },
      { name: "ordered_on", cast: "date", value: (item) => item.row.orderedOn },
      { name: "status", cast: "text", value: (item) => item.row.status },
      { name: "total", cast: "bigint", value: (item) => String(item.row.total) },
      { name: "total_cost", cast: "bigint", value: (item) => (item.row.totalCost === null ? null : String(item.row.totalCost)) },
      ...(context.fields.has("owner") ? [{ name: "owner_id", cast: "int", value: (item: Item) => (item.row.owner ? context.ownerOf(item.row.owner) : null) }] : []),
    ],
  });
  await recomputePurchaseStatsBulk(db, tenantId, [...new Set(result.map((row) => Number(row.customer_id)))]);
  return countsOf(result, unique.size);
}

export async function writeInvoices(
  db: DbClient,
  tenantId: number,
  batch: Lined<InvoiceRow>[],
  context: { resolve: Resolver; onIssue: (issue: LateIssue) => void },
): Promise<WriteCounts> {
  const resolved = await withCustomers(batch, context.resolve, context.onIssue);
  const unique = new Map(resolved.map((item) => [item.row.number, item]));
  const params = new Params();
  const rows = [...unique.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const tuples = rows.map(
    (item) =>
      `(${tenantId},${params.add(item.row.number, "text")},${params.add(item.row.externalId, "text")},${params.add(item.customerId, "int")},` +
      `(SELECT id FROM orders WHERE tenant_id = ${tenantId} AND number = ${params.add(item.row.orderNumber, "text")}),` +
      `${params.add(item.row.issuedOn, "date")},${params.add(item.row.dueOn, "date")},${params.add(String(item.row.amount), "bigint")},` +
      `${params.add(String(item.row.paid), "bigint")},${params.add(item.row.paid >= item.row.amount ? "paid" : "open", "text")})`,
  );
  const changed = ["external_id", "customer_id", "order_id", "issued_on", "due_on", "amount", "paid", "status"];
  const result = await db.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO invoices (tenant_id, number, external_id, customer_id, order_id, issued_on, due_on, amount, paid, status) VALUES ${tuples.join(",")}
     ON CONFLICT (tenant_id, number) DO UPDATE SET ${changed.map((name) => `${name} = EXCLUDED.${name}`).join(",")}
     WHERE (${changed.map((name) => `invoices.${name}`).join(",")}) IS DISTINCT FROM (${changed.map((name) => `EXCLUDED.${name}`).join(",")})
     RETURNING (xmax = 0) AS inserted`,
    ...params.values,
  );
  return countsOf(result, rows.length);
}

export async function writePayments(
  db: DbClient,
  tenantId: number,
  batch: Lined<PaymentRow>[],
  context: { resolve: Resolver; onIssue: (issue: LateIssue) => void },
): Promise<WriteCounts> {
  const resolved = await withCustomers(batch, context.resolve, context.onIssue);
  type Item = (typeof resolved)[number] & { key: string };
  const unique = new Map<string, Item>();
  for (const item of resolved) {
    const key = item.row.externalId ?? `payment:${item.customerId}:${item.row.receivedOn}:${item.row.amount}:${item.row.reference ?? ""}`;
    unique.set(key, { ...item, key });
  }
  const rows = [...unique.values()];
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const params = new Params();
  const tuples = rows.map(
    (item) =>
      `(${tenantId},${params.add(item.key, "text")},${params.add(item.customerId, "int")},${params.add(String(item.row.amount), "bigint")},` +
      `${params.add(item.row.receivedOn, "date")},${params.add(item.row.method, "text")},${params.add(item.row.reference, "text")})`,
  );
  // Payments are facts: an existing one is left alone (its allocations were made when it arrived).
  const inserted = await db.$queryRawUnsafe<{ id: number; external_id: string }[]>(
    `INSERT INTO payments (tenant_id, external_id, customer_id, amount, received_on, method, reference) VALUES ${tuples.join(",")}
     ON CONFLICT (tenant_id, external_id) DO NOTHING RETURNING id, external_id`,
    ...params.values,
  );
  for (const row of inserted) {
    const item = unique.get(row.external_id)!;
    await allocatePayment(db, tenantId, { paymentId: row.id, customerId: item.customerId, amount: item.row.amount, invoiceNumber: item.row.invoiceNumber });
  }
  return { inserted: inserted.length, updated: 0, unchanged: rows.length - inserted.length };
}

/** Applies a new payment to the named invoice first, then to the customer's oldest open invoices (as recordPayment does). */
async function allocatePayment(
  db: DbClient,
  tenantId: number,
  payment: { paymentId: number; customerId: number; amount: number; invoiceNumber: string | null },
): Promise<void> {
  const open = await db.$queryRawUnsafe<{ id: number; outstanding: bigint }[]>(
    `SELECT id, amount - paid AS outstanding FROM invoices
     WHERE tenant_id = ${tenantId} AND customer_id = $1 AND status = 'open' AND amount > paid
     ORDER BY (number = $2::text) DESC NULLS LAST, due_on, id`,
    payment.customerId,
    payment.invoiceNumber,
  );
  let remaining = payment.amount;
  for (const invoice of open) {
    if (remaining <= 0) break;
    const outstanding = Number(invoice.outstanding);
    const applied = Math.min(outstanding, remaining);
    remaining -= applied;
    await db.$executeRawUnsafe(`INSERT INTO payment_allocations (payment_id, invoice_id, amount) VALUES ($1, $2, $3::bigint)`, payment.paymentId, invoice.id, String(applied));
    await db.$executeRawUnsafe(
      `UPDATE invoices SET paid = paid + $2::bigint, status = CASE WHEN paid + $2::bigint >= amount THEN 'paid' ELSE 'open' END WHERE id = $1`,
      invoice.id,
      String(applied),
    );
  }
}
