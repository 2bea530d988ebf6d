/**
 * Deterministic synthetic tenants, generated in bulk and cached between runs.
 *
 * Customers (and their contacts) are composed in JS from the vocabulary, with search keys computed
 * by the project's own buildSearchKeys, and inserted in multi-row batches (`INSERT ... SELECT FROM
 * unnest(...)`, which works the same on PostgreSQL and PGlite). Orders, order lines, invoices and
 * interactions are then generated inside the database with `INSERT ... SELECT` over
 * generate_series and an integer hash, so millions of rows never cross the wire. Secondary indexes
 * (the migration's own definitions, read back with pg_indexes) are dropped during the load and
 * rebuilt afterwards, and foreign-key triggers are skipped (session_replication_role = replica): both
 * are bulk-load techniques, the schema ends up identical to a migrated one.
 *
 * Cache: PostgreSQL database rapport_bench_<size> / PGlite dir bench/cache/pglite-<size>, each with a
 * bench_marker table holding GENERATOR_VERSION. Change the generator -> bump the version.
 */
import { rmSync, existsSync } from "node:fs";
import { buildSearchKeys } from "../src/core/text/search-keys.js";
import { openDatabase } from "../src/data/database.js";
import { databaseName, openSql, SIZE_CUSTOMERS, targetFor, withAdmin, type BenchDbKind, type BenchSize, type Sql } from "./db.js";
import { rngFor, type Rng } from "./prng.js";
import { CURRENCY_OF_LANGUAGE, DEAL_LOST_NOTES, DEAL_TITLES, generateName, INDUSTRIES, INTERACTION_SUMMARIES, MEMBER_NAMES } from "./vocabulary.js";

export const GENERATOR_VERSION = 5;
export const SEED = 20261123;
/** The data set's "today": follow-ups, due dates and ages are relative to it; digests run at it. */
export const ANCHOR_DATE = "2026-11-23";
export const MAIN_TENANT = { platform: "slack", externalId: "TBENCHMAIN", name: "Bench main workspace" } as const;
const NEIGHBOURS = 3;
const MEMBERS_MAIN = MEMBER_NAMES.length;
const MEMBERS_NEIGHBOUR = 5;
const BATCH = 5000;

export type DatasetInfo = {
  db: BenchDbKind;
  size: BenchSize;
  cached: boolean;
  generationSeconds: number;
  mainTenantId: number;
  counts: Record<string, number>;
};

export type Log = (message: string) => void;

const DAY_MS = 86_400_000;
const anchorMs = Date.parse(`${ANCHOR_DATE}T00:00:00Z`);
function dateOffset(days: number): string {
  return new Date(anchorMs + days * DAY_MS).toISOString().slice(0, 10);
}

async function readMarker(sql: Sql): Promise<DatasetInfo | null> {
  const exists = await sql.query<{ ok: boolean }>(`SELECT to_regclass('public.bench_marker') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return null;
  const rows = await sql.query<{ version: number; info: DatasetInfo }>(`SELECT version, info FROM bench_marker LIMIT 1`);
  const row = rows[0];
  return row && row.version === GENERATOR_VERSION ? row.info : null;
}

/** Opens the cached data set for (db, size), generating it first when missing or outdated. */
export async function ensureDataset(db: BenchDbKind, size: BenchSize, log: Log): Promise<DatasetInfo> {
  const target = targetFor(db, size);
  if (target.kind === "postgres") {
    const exists = await withAdmin(async (admin) => (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [databaseName(size)])).rowCount === 1);
    if (exists) {
      const sql = await openSql(target);
      const info = await readMarker(sql).finally(() => sql.close());
      if (info) return { ...info, cached: true };
      log(`${databaseName(size)} exists without a current marker: recreating it`);
    }
    await withAdmin(async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${databaseName(size)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${databaseName(size)}`);
    });
  } else if (target.dataDir && existsSync(target.dataDir)) {
    const sql = await openSql(target).catch(() => null);
    const info = sql ? await readMarker(sql).catch(() => null).finally(() => sql.close()) : null;
    if (info) return { ...info, cached: true };
    log(`${target.dataDir} has no current marker: regenerating`);
    rmSync(target.dataDir, { recursive: true, force: true });
  }
  // The project's own migration path creates the schema.
  const migrated = await openDatabase(target, { migrate: true });
  await migrated.close();
  const started = performance.now();
  const sql = await openSql(target);
  try {
    const info = await load(sql, db, size, log);
    info.generationSeconds = (performance.now() - started) / 1000;
    await sql.exec(`CREATE TABLE bench_marker (version int NOT NULL, info jsonb NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
    await sql.query(`INSERT INTO bench_marker (version, info) VALUES ($1, $2::jsonb)`, [GENERATOR_VERSION, JSON.stringify(info)]);
    return info;
  } finally {
    await sql.close();
  }
}

/** `pg_temp.mix`: an integer hash in SQL, deterministic on every PostgreSQL version, unlike random(). */
export const MIX_FUNCTION = `CREATE FUNCTION pg_temp.mix(x bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
    $$ SELECT ((x * 2654435761) # ((x * 2654435761) >> 15)) & 2147483647 $$`;
const ANCHOR = `DATE '${ANCHOR_DATE}'`;

type Step = (label: string, statement: string, params?: unknown[]) => Promise<void>;

/**
 * Deals and their history for every customer already loaded (set-based, inside the database).
 * Needs pg_temp.mix (MIX_FUNCTION) in the session.
 */
export async function loadDeals(sql: Sql, step: Step): Promise<void> {
  // Deals: 1-5 per customer (3 on average), priced in the customer's currency and mostly owned by
  // the customer's owner. 30% open (lead 35%, qualified 30%, proposal 20%, negotiation 15%; expected
  // close from a month overdue to six months ahead; one in five with its own probability), 38% won,
  // 32% lost with a reason; closed ones closed over the last 18 months (so last year's same period has
  // data). Each field draws on its own hash of (customer, deal, field).
  await sql.exec(`CREATE FUNCTION pg_temp.dmix(c bigint, k int, j int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
    $$ SELECT pg_temp.mix(((c * 8 + k) * 16 + j) # 7340033) $$`);
  await step(
    "deals",
    `INSERT INTO deals (tenant_id, customer_id, owner_id, title, amount, currency, stage, probability, close_on, status, lost_reason, lost_note,
       stage_changed_at, closed_on, created_by_id, created_at, updated_at)
     SELECT x.tenant_id, x.customer_id, x.owner_id, x.title,
       x.units * CASE x.currency WHEN 'KRW' THEN 1400 WHEN 'CNY' THEN 700 WHEN 'TWD' THEN 3200 WHEN 'EUR' THEN 92 ELSE 100 END,
       x.currency, x.stage, x.probability,
       CASE WHEN x.status = 'open' THEN ${ANCHOR} + x.day_offset ELSE ${ANCHOR} - x.day_offset + x.slip END,
       x.status, x.lost_reason, x.lost_note,
       x.stage_at, CASE WHEN x.status = 'open' THEN NULL ELSE ${ANCHOR} - x.day_offset END, x.owner_id,
       x.stage_at - make_interval(days => x.age_days), x.stage_at
     FROM (
       SELECT c.tenant_id, c.id AS customer_id, c.currency,
         CASE WHEN c.owner_id IS NOT NULL AND pg_temp.dmix(c.id, k, 8) % 10 < 9 THEN c.owner_id ELSE m.first_member + (pg_temp.dmix(c.id, k, 9) % m.members)::int END AS owner_id,
         ($1::text[])[1 + pg_temp.dmix(c.id, k, 1) % ${DEAL_TITLES.length}] AS title,
         500 * (1 + pg_temp.dmix(c.id, k, 6) % 400) AS units,
         st.status,
         CASE WHEN st.status <> 'open' THEN st.status WHEN st.p < 35 THEN 'lead' WHEN st.p < 65 THEN 'qualified' WHEN st.p < 85 THEN 'proposal' ELSE 'negotiation' END AS stage,
         CASE WHEN st.status = 'open' AND pg_temp.dmix(c.id, k, 4) % 5 = 0 THEN (5 + pg_temp.dmix(c.id, k, 5) % 91)::int END AS probability,
         CASE WHEN st.status = 'open' THEN (pg_temp.dmix(c.id, k, 2) % 211)::int - 30 ELSE (pg_temp.dmix(c.id, k, 2) % 541)::int END AS day_offset,
         (pg_temp.dmix(c.id, k, 3) % 41)::int - 20 AS slip,
         CASE WHEN st.status <> 'lost' THEN NULL WHEN st.r < 35 THEN 'price' WHEN st.r < 60 THEN 'competitor' WHEN st.r < 75 THEN 'no-budget' WHEN st.r < 90 THEN 'timing' ELSE 'other' END AS lost_reason,
         CASE WHEN st.status = 'lost' AND pg_temp.dmix(c.id, k, 11) % 10 < 3 THEN ($2::text[])[1 + pg_temp.dmix(c.id, k, 12) % ${DEAL_LOST_NOTES.length}] END AS lost_note,
         CASE WHEN st.status = 'open'
           THEN ${ANCHOR}::timestamp - make_interval(days => (pg_temp.dmix(c.id, k, 13) % 61)::int, mins => (pg_temp.dmix(c.id, k, 14) % 1440)::int)
           ELSE (${ANCHOR} - (pg_temp.dmix(c.id, k, 2) % 541)::int)::timestamp + interval '9 hours' END AS stage_at,
         CASE WHEN st.status = 'open' AND st.p < 35 THEN 0 ELSE 7 + (pg_temp.dmix(c.id, k, 15) % 120)::int END AS age_days
       FROM customers c
       JOIN (SELECT tenant_id, min(id) AS first_member, count(*) AS members FROM members GROUP BY tenant_id) m ON m.tenant_id = c.tenant_id
       CROSS JOIN LATERAL generate_series(1, (1 + pg_temp.mix(c.id * 64 + 4) % 5)::int) AS k
       CROSS JOIN LATERAL (SELECT
         CASE WHEN pg_temp.dmix(c.id, k, 0) % 100 < 30 THEN 'open' WHEN pg_temp.dmix(c.id, k, 0) % 100 < 68 THEN 'won' ELSE 'lost' END AS status,
         pg_temp.dmix(c.id, k, 7) % 100 AS p, pg_temp.dmix(c.id, k, 10) % 100 AS r) st
     ) x`,
    [DEAL_TITLES, DEAL_LOST_NOTES],
  );
  // Each deal's history: created at lead, one event per stage it moved up, then won or lost.
  await step(
    "deal events",
    `INSERT INTO deal_events (tenant_id, deal_id, actor_id, at, kind, from_stage, to_stage)
     SELECT d.tenant_id, d.id, d.owner_id,
       d.created_at + (d.stage_changed_at - d.created_at) * ((e - 1)::float8 / GREATEST(r.n + r.closing - 1, 1)),
       CASE WHEN e = 1 THEN 'created' WHEN e <= r.n THEN 'stage' ELSE d.status END,
       CASE WHEN e = 1 THEN NULL ELSE (ARRAY['lead','qualified','proposal','negotiation'])[e - 1] END,
       CASE WHEN e <= r.n THEN (ARRAY['lead','qualified','proposal','negotiation'])[e] ELSE d.stage END
     FROM deals d
     CROSS JOIN LATERAL (SELECT
       CASE d.stage WHEN 'lead' THEN 1 WHEN 'qualified' THEN 2 WHEN 'proposal' THEN 3 WHEN 'negotiation' THEN 4 ELSE 1 + (pg_temp.mix(d.id * 4 + 3) % 4)::int END AS n,
       CASE WHEN d.status = 'open' THEN 0 ELSE 1 END AS closing) r
     CROSS JOIN LATERAL generate_series(1, r.n + r.closing) AS e`,
  );
  // The bulk load skips triggers (session_replication_role = replica): sum the pipeline once.
  await step("deal totals", `SELECT deal_month_totals_rebuild()`);
}

const BULK_TABLES = ["customers", "contacts", "orders", "order_lines", "invoices", "interactions", "deals", "deal_events"];

type CustomerRow = {
  id: number[]; tenant_id: number[]; name: string[]; aliases: string[]; status: string[]; stage: (string | null)[]; grade: (string | null)[];
  type: (string | null)[]; industry: string[]; region: string[]; city: string[]; phone: string[]; email: string[]; website: string[];
  owner_id: (number | null)[]; currency: (string | null)[]; credit_limit: (string | null)[]; next_follow_up: (string | null)[]; search_name: string[]; search_doc: string[];
  search_grams: string[]; search_phones: string[]; created_at: string[];
};
type ContactRow = { tenant_id: number[]; customer_id: number[]; name: string[]; title: string[]; phone: (string | null)[]; email: (string | null)[]; is_primary: boolean[] };

const SEP = "\u001f";
const CUSTOMER_COLUMNS: [keyof CustomerRow, string][] = [
  ["id", "int"], ["tenant_id", "int"], ["name", "text"], ["aliases", "text"], ["status", "text"], ["stage", "text"], ["grade", "text"],
  ["type", "text"], ["industry", "text"], ["region", "text"], ["city", "text"], ["phone", "text"], ["email", "text"], ["website", "text"],
  ["owner_id", "int"], ["currency", "text"], ["credit_limit", "bigint"], ["next_follow_up", "date"], ["search_name", "text"], ["search_doc", "text"],
  ["search_grams", "text"], ["search_phones", "text"], ["created_at", "timestamp"],
];
const INSERT_CUSTOMERS = `INSERT INTO customers (id, tenant_id, name, aliases, status, stage, grade, type, industry, source, region, city, phone, email,
    website, owner_id, currency, credit_limit, next_follow_up, search_name, search_doc, search_grams, search_phones, created_at, updated_at)
  SELECT id, tenant_id, name, string_to_array(aliases, E'\\x1f'), status, stage, grade, type, industry, 'BENCH', region, city, phone, email,
    website, owner_id, currency, credit_limit, next_follow_up, search_name, search_doc, string_to_array(search_grams, E'\\x1f'), search_phones, created_at, created_at
  FROM unnest(${CUSTOMER_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ")})
    AS t(${CUSTOMER_COLUMNS.map(([name]) => name).join(", ")})`;
const INSERT_CONTACTS = `INSERT INTO contacts (tenant_id, customer_id, name, title, phone, email, is_primary)
  SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[])`;

function emptyCustomers(): CustomerRow {
  return Object.fromEntries(CUSTOMER_COLUMNS.map(([name]) => [name, []])) as unknown as CustomerRow;
}
function emptyContacts(): ContactRow {
  return { tenant_id: [], customer_id: [], name: [], title: [], phone: [], email: [], is_primary: [] };
}

const STATUSES: [string, number][] = [["active", 0.45], ["prospect", 0.3], ["dormant", 0.15], ["lost", 0.1]];
function pickStatus(rng: Rng): string {
  let roll = rng.next();
  for (const [status, share] of STATUSES) {
    roll -= share;
    if (roll < 0) return status;
  }
  return "active";
}

/** Customer #index of a tenant: the same for every size (its own PRNG stream). */
export function customerSeedIndex(tenantOrdinal: number, index: number): number {
  return tenantOrdinal * 100_000_000 + index;
}

function addCustomer(rows: CustomerRow, contacts: ContactRow, id: number, tenantId: number, seedIndex: number, memberIds: number[]): void {
  const rng = rngFor(SEED, seedIndex);
  const identity = generateName(rng, seedIndex);
  const status = pickStatus(rng);
  const email = `info@${identity.domain}`;
  const website = `www.${identity.domain}`;
  const keys = buildSearchKeys({ name: identity.name, aliases: identity.aliases, email, phone: identity.phone, website, contacts: identity.contacts });
  rows.id.push(id);
  rows.tenant_id.push(tenantId);
  rows.name.push(identity.name);
  rows.aliases.push(identity.aliases.join(SEP));
  rows.status.push(status);
  rows.stage.push(status === "prospect" ? rng.pick(["lead", "qualified", "proposal", "negotiation"]) : null);
  rows.grade.push(rng.pick(["A", "B", "B", "C", "C", "C"]));
  rows.type.push(rng.chance(0.5) ? rng.pick(["distributor", "end user", "OEM", "retailer"]) : null);
  rows.industry.push(rng.pick(INDUSTRIES));
  rows.region.push(identity.region);
  rows.city.push(identity.city);
  rows.phone.push(identity.phone);
  rows.email.push(email);
  rows.website.push(website);
  rows.owner_id.push(rng.chance(0.05) ? null : rng.pick(memberIds));
  // Not drawn from the stream: customer #i stays the same as in earlier generator versions.
  rows.currency.push(CURRENCY_OF_LANGUAGE[identity.language]);
  rows.credit_limit.push(rng.chance(0.6) ? String(rng.int(10, 1000) * 10_000) : null);
  // 30% of customers carry a follow-up date, spread from a month overdue to two months ahead:
  // about 10% of all customers are due today or overdue (100k at 1M).
  rows.next_follow_up.push(rng.chance(0.3) ? dateOffset(rng.int(-30, 60)) : null);
  rows.search_name.push(keys.searchName);
  rows.search_doc.push(keys.searchDoc);
  rows.search_grams.push(keys.searchGrams.join(SEP));
  rows.search_phones.push(keys.searchPhones);
  rows.created_at.push(new Date(anchorMs - rng.int(0, 1500) * DAY_MS - rng.int(0, 86_399) * 1000).toISOString());
  identity.contacts.forEach((contact, index) => {
    contacts.tenant_id.push(tenantId);
    contacts.customer_id.push(id);
    contacts.name.push(contact.name);
    contacts.title.push(contact.title);
    contacts.phone.push(contact.phone);
    contacts.email.push(contact.email);
    contacts.is_primary.push(index === 0);
  });
}

async function load(sql: Sql, db: BenchDbKind, size: BenchSize, log: Log): Promise<DatasetInfo> {
  const mainCustomers = SIZE_CUSTOMERS[size];
  const neighbourCustomers = Math.max(500, Math.round(mainCustomers / 100));
  await sql.exec(`SET session_replication_role = replica`);
  // jit off: the generate_series joins are estimated at 1,000 rows per customer, and compiling the
  // deals INSERT's expressions cost more than running it (12 s against 0.5 s at 10k).
  if (db === "postgres") await sql.exec(`SET maintenance_work_mem = '512MB'; SET synchronous_commit = off; SET jit = off`);
  const indexes = await sql.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [BULK_TABLES],
  );
  for (const index of indexes) await sql.exec(`DROP INDEX "${index.indexname}"`);

  // Tenants and members (explicit ids: the database is fresh).
  const tenants: { id: number; platform: string; externalId: string; name: string; customers: number; members: number }[] = [
    { id: 1, ...MAIN_TENANT, customers: mainCustomers, members: MEMBERS_MAIN },
  ];
  for (let n = 1; n <= NEIGHBOURS; n++) {
    tenants.push({ id: n + 1, platform: "slack", externalId: `TBENCHN${n}`, name: `Bench neighbour ${n}`, customers: neighbourCustomers, members: MEMBERS_NEIGHBOUR });
  }
  let memberId = 0;
  const membersByTenant = new Map<number, number[]>();
  for (const tenant of tenants) {
    await sql.query(`INSERT INTO tenants (id, platform, external_id, name, time_zone) VALUES ($1, $2, $3, $4, 'UTC')`, [tenant.id, tenant.platform, tenant.externalId, tenant.name]);
    const ids: number[] = [];
    for (let m = 0; m < tenant.members; m++) {
      memberId += 1;
      ids.push(memberId);
      await sql.query(
        `INSERT INTO members (id, tenant_id, external_id, display_name, role, updated_at) VALUES ($1, $2, $3, $4, $5, now())`,
        [memberId, tenant.id, `UBENCH${m}`, MEMBER_NAMES[m % MEMBER_NAMES.length], m === 0 ? "admin" : m < 3 ? "manager" : "rep"],
      );
    }
    membersByTenant.set(tenant.id, ids);
  }

  // Customers and contacts, in batches; keys are computed while the previous batch is inserted.
  let customerId = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const startedCustomers = performance.now();
  for (const [ordinal, tenant] of tenants.entries()) {
    const memberIds = membersByTenant.get(tenant.id)!;
    for (let start = 0; start < tenant.customers; start += BATCH) {
      const rows = emptyCustomers();
      const contacts = emptyContacts();
      const end = Math.min(tenant.customers, start + BATCH);
      for (let index = start; index < end; index++) addCustomer(rows, contacts, ++customerId, tenant.id, customerSeedIndex(ordinal, index), memberIds);
      await pending;
      pending = sql
        .query(INSERT_CUSTOMERS, CUSTOMER_COLUMNS.map(([name]) => rows[name]))
        .then(() => sql.query(INSERT_CONTACTS, [contacts.tenant_id, contacts.customer_id, contacts.name, contacts.title, contacts.phone, contacts.email, contacts.is_primary]));
      if (ordinal === 0 && (end / BATCH) % 40 === 0) log(`  customers ${end.toLocaleString("en")} / ${tenant.customers.toLocaleString("en")} (${((performance.now() - startedCustomers) / 1000).toFixed(0)} s)`);
    }
  }
  await pending;
  log(`  customers + contacts loaded in ${((performance.now() - startedCustomers) / 1000).toFixed(1)} s`);

  const step = async (label: string, statement: string, params?: unknown[]) => {
    const started = performance.now();
    await sql.query(statement, params);
    log(`  ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  await sql.exec(MIX_FUNCTION);
  const anchor = `DATE '${ANCHOR_DATE}'`;
  // ~5 orders per active customer on its own purchase cycle (3-7 orders, 20-90 days apart, the
  // latest 0-60 days ago); 1-3 old orders for dormant and lost customers.
  await step(
    "orders",
    `INSERT INTO orders (tenant_id, number, customer_id, status, ordered_on, total, total_cost, owner_id, created_at, updated_at)
     SELECT c.tenant_id, 'SO-' || c.id || '-' || k, c.id,
       CASE WHEN k = s.n AND s.last_age < 10 THEN 'confirmed' WHEN k = s.n AND s.last_age < 30 THEN 'shipped' ELSE 'closed' END,
       ${anchor} - (s.last_age + s.cycle * (s.n - k))::int,
       50000 + pg_temp.mix(c.id * 64 + 8 + k) % 5000000, (50000 + pg_temp.mix(c.id * 64 + 8 + k) % 5000000) * 6 / 10,
       c.owner_id, ${anchor} - (s.last_age + s.cycle * (s.n - k))::int, ${anchor} - (s.last_age + s.cycle * (s.n - k))::int
     FROM customers c
     CROSS JOIN LATERAL (SELECT
       CASE WHEN c.status = 'active' THEN 3 + pg_temp.mix(c.id * 64) % 5 ELSE 1 + pg_temp.mix(c.id * 64) % 3 END AS n,
       20 + pg_temp.mix(c.id * 64 + 1) % 71 AS cycle,
       CASE WHEN c.status = 'active' THEN pg_temp.mix(c.id * 64 + 2) % 61 ELSE 200 + pg_temp.mix(c.id * 64 + 2) % 400 END AS last_age) s
     CROSS JOIN LATERAL generate_series(1, s.n::int) AS k
     WHERE c.status IN ('active', 'dormant', 'lost')`,
  );
  await step(
    "order lines",
    `INSERT INTO order_lines (order_id, sku, description, quantity, unit_price, unit_cost)
     SELECT o.id, 'WID-' || (100 + (o.id % 5) * 100), 'Widget', 1, o.total, o.total_cost FROM orders o`,
  );
  // One invoice per shipped/closed order, net 30 or 60: 90% of past-due invoices paid, 5% part-paid, 5% open.
  await step(
    "invoices",
    `INSERT INTO invoices (tenant_id, number, customer_id, order_id, issued_on, due_on, amount, paid, status, created_at)
     SELECT o.tenant_id, 'INV-' || o.id, o.customer_id, o.id, o.ordered_on + 3, o.ordered_on + 3 + x.terms, o.total,
       CASE WHEN o.ordered_on + 3 + x.terms >= ${anchor} THEN 0 WHEN x.r < 90 THEN o.total WHEN x.r < 95 THEN o.total / 2 ELSE 0 END,
       CASE WHEN o.ordered_on + 3 + x.terms < ${anchor} AND x.r < 90 THEN 'paid' ELSE 'open' END,
       o.ordered_on + 3
     FROM orders o
     CROSS JOIN LATERAL (SELECT CASE WHEN pg_temp.mix(o.id * 4) % 3 = 0 THEN 60 ELSE 30 END AS terms, pg_temp.mix(o.id * 4 + 1) % 100 AS r) x
     WHERE o.status <> 'confirmed'`,
  );
  // ~10 interactions per active customer over the last year, 0-2 for the others.
  await step(
    "interactions",
    `INSERT INTO interactions (tenant_id, customer_id, channel, outcome, summary, occurred_at, logged_by_id, created_at)
     SELECT c.tenant_id, c.id,
       (ARRAY['call','email','visit','meeting','chat'])[1 + pg_temp.mix(c.id * 64 + 16 + k) % 5],
       (ARRAY['effective','high-value','unsuccessful',NULL])[1 + pg_temp.mix(c.id * 64 + 32 + k) % 4],
       ($1::text[])[1 + pg_temp.mix(c.id * 64 + 48 + k) % ${INTERACTION_SUMMARIES.length}],
       ${anchor}::timestamp - make_interval(days => (pg_temp.mix(c.id * 128 + k) % 365)::int, mins => (pg_temp.mix(c.id * 128 + 64 + k) % 1440)::int),
       COALESCE(c.owner_id, f.member_id), ${anchor}::timestamp
     FROM customers c
     JOIN (SELECT tenant_id, min(id) AS member_id FROM members GROUP BY tenant_id) f ON f.tenant_id = c.tenant_id
     CROSS JOIN LATERAL generate_series(1, (CASE WHEN c.status = 'active' THEN 5 + pg_temp.mix(c.id * 64 + 3) % 11 ELSE pg_temp.mix(c.id * 64 + 3) % 3 END)::int) AS k`,
    [INTERACTION_SUMMARIES],
  );
  await loadDeals(sql, step);
  // Invoices were loaded without their triggers too: sum the receivables once.
  await step("receivable summaries", `SELECT receivable_summaries_rebuild()`);
  // So were customers: collect the workspaces' words for typo corrections once.
  await step(
    "search words",
    `INSERT INTO search_words (tenant_id, word)
     SELECT DISTINCT c.tenant_id, w.word FROM customers c CROSS JOIN LATERAL search_words_of(c.search_doc) AS w(word)
     ON CONFLICT DO NOTHING`,
  );
  await step(
    "customer purchase and contact stats",
    `UPDATE customers c SET
       order_count = COALESCE(a.n, 0), lifetime_sales = COALESCE(a.total, 0), first_order_at = a.first, last_order_at = a.last,
       avg_cycle_days = CASE WHEN a.n > 1 THEN (a.last - a.first)::float8 / (a.n - 1) END,
       predicted_next_at = CASE WHEN a.n > 1 THEN a.last + ((a.last - a.first) / (a.n - 1))::int END,
       last_contact_at = a.last_contact
     FROM (SELECT c2.id, o.n, o.total, o.first, o.last, i.last_contact FROM customers c2
           LEFT JOIN (SELECT customer_id, count(*) AS n, sum(total) AS total, min(ordered_on) AS first, max(ordered_on) AS last FROM orders GROUP BY customer_id) o ON o.customer_id = c2.id
           LEFT JOIN (SELECT customer_id, max(occurred_at) AS last_contact FROM interactions GROUP BY customer_id) i ON i.customer_id = c2.id
           WHERE o.n IS NOT NULL OR i.last_contact IS NOT NULL) a
     WHERE c.id = a.id`,
  );
  // Every bulk-loaded table, as autovacuum soon would on a PostgreSQL server (the one here runs with
  // it off): index-only scans (the digests' counts and rankings) need the visibility map. PGlite has
  // no autovacuum; README Performance gives the digests on a never-vacuumed PGlite too.
  const vacuumStarted = performance.now();
  await sql.exec(`VACUUM ${[...BULK_TABLES, "customer_receivables"].join(", ")}`);
  log(`  vacuum ${BULK_TABLES.join(", ")} in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s`);
  const indexStarted = performance.now();
  for (const index of indexes) {
    const started = performance.now();
    await sql.exec(index.indexdef);
    log(`    index ${index.indexname} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  log(`  ${indexes.length} secondary indexes rebuilt in ${((performance.now() - indexStarted) / 1000).toFixed(1)} s`);
  for (const table of ["tenants", "members", "customers"]) {
    await sql.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
  }
  await sql.exec(`SET session_replication_role = origin`);
  const analyzeStarted = performance.now();
  await sql.exec(`ANALYZE`);
  log(`  analyze in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  const counts: Record<string, number> = {};
  for (const table of ["tenants", "members", ...BULK_TABLES]) {
    counts[table] = Number((await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`))[0]!.n);
  }
  const due = await sql.query<{ followups: string; overdue: string; open_deals: string }>(
    `SELECT (SELECT count(*) FROM customers WHERE tenant_id = 1 AND next_follow_up <= ${anchor})::text AS followups,
            (SELECT count(*) FROM invoices WHERE tenant_id = 1 AND status = 'open' AND due_on < ${anchor})::text AS overdue,
            (SELECT count(*) FROM deals WHERE tenant_id = 1 AND status = 'open')::text AS open_deals`,
  );
  counts.mainTenantCustomers = mainCustomers;
  counts.mainTenantFollowUpsDue = Number(due[0]!.followups);
  counts.mainTenantInvoicesOverdue = Number(due[0]!.overdue);
  counts.mainTenantOpenDeals = Number(due[0]!.open_deals);
  return { db, size, cached: false, generationSeconds: 0, mainTenantId: 1, counts };
}
