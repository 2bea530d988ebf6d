/**
 * Ranked fuzzy customer search, entirely in SQL and index-backed. Three bounded statements:
 *  1. name prefix: btree (tenant_id, search_name text_pattern_ops), the first PREFIX_CAP rows in
 *     index order;
 *  2. candidates: every query word in the search document (trigram GIN for words of 3+ letters,
 *     gram-array GIN for CJK/Hangul words and two-letter words), or the phone: a whole number
 *     as a gram-array element, part of one by the phone trigram GIN; at most CANDIDATE_CAP rows;
 *  3. typo tolerance, only for Latin queries of 3+ letters and only when statements 1-2 found
 *     nothing scoring STRONG_MATCH (0.6) or more: first the query's words are corrected against
 *     the workspace's own words (typo-corrections.ts) and customers holding a correction of every
 *     word are read through the names-and-contacts trigram GIN; when that finds nobody, the query
 *     is compared with the names and contacts themselves (a trigram word-neighbour, `<%`,
 *     threshold 0.5, through the same index). Either way a row must be, word-aligned, close to a
 *     name or contact.
 * Every statement ranks its rows with the same score (search-ranking.ts), so their results merge
 * into one order. No row is scored in JavaScript.
 */
import { buildSearchQuery, type SearchQuery } from "../core/text/search-keys.js";
import type { CustomerHit, CustomerStatus } from "../core/domain.js";
import type { CustomerSearchScope } from "../core/customer-visibility.js";
import type { DbClient } from "./client-types.js";
import type { SqlReader } from "./sql-runner.js";
import { escapeLike, scoreSql, SqlParams, STRONG_MATCH, TYPO_TEXT } from "./search-ranking.js";
import { correctableWords, correctionsByWord, correctionsStatement } from "./typo-corrections.js";

/** Words shorter than this similarity are not worth showing as typo matches. */
export const WORD_SIMILARITY_THRESHOLD = 0.5;
const CANDIDATE_CAP = 1000;
/** Name-prefix rows scored per query, read in name order. */
const PREFIX_CAP = 200;
const CANDIDATE_COLUMNS = `c.id, c.name, c.status, c.city, c.owner_id, c.tenant_id, c.search_name, c.search_doc, c.search_phones`;
/** Word-aligned similarity a typo needs to a name or contact (two edits in two long words: ~0.45). */
const STRICT_SIMILARITY_THRESHOLD = 0.4;
/** Trigram neighbours re-checked per typo query (as many as the candidate tier reads, plus the share that fails the re-check). */
export const TYPO_SCANNED = 1500;
/** Typo neighbours fully scored per query, the closest first (a page is 10; pick lists up to 25). */
export const TYPO_SCORED = 100;

type HitRow = { id: number; name: string; status: string; city: string | null; owner_name: string | null; score: number };

const SELECT_HIT = `c.id, c.name, c.status, c.city, m.display_name AS owner_name`;
const JOIN_OWNER = `LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id`;
const ORDER = `ORDER BY score DESC, char_length(c.name), c.name, c.id`;

/** Every statement ends alike: its `candidates` scored, owners named, the best `limit` in the one order. */
function scoredPage(score: string, limit: string): string {
  return `SELECT ${SELECT_HIT}, ${score} AS score FROM candidates c ${JOIN_OWNER} ${ORDER} LIMIT ${limit}`;
}

function toHit(row: HitRow): CustomerHit {
  return { id: row.id, name: row.name, status: row.status as CustomerStatus, city: row.city, ownerName: row.owner_name, score: Number(row.score) };
}

export type SearchStatement = { tier: "prefix" | "candidates" | "typo"; sql: string; params: unknown[] };

/**
 * The rows a restricted rep may read (customer-visibility.ts), inside each candidate CTE so that
 * the caps count only visible rows and a hidden customer never takes a visible one's place.
 */
function visibleCondition(params: SqlParams, scope: CustomerSearchScope): string {
  return scope.visibleTo ? ` AND (c.owner_id IS NULL OR c.owner_id = ${params.add(scope.visibleTo.memberId)})` : "";
}

function prefixStatement(tenantId: number, query: SearchQuery, wanted: number, scope: CustomerSearchScope): SearchStatement {
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const prefix = params.add(escapeLike(query.core));
  // The prefix as an index range as well: a statement's one plan (see rowsOf) cannot derive the
  // range from a LIKE parameter. Names sort bytewise (text_pattern_ops), and no name continues
  // a prefix past U+10FFFF, the last code point.
  const from = params.add(query.core);
  const to = params.add(`${query.core}\u{10FFFF}`);
  const visible = visibleCondition(params, scope);
  const score = scoreSql(params, query, "none");
  const limit = params.add(wanted);
  // Read in index order (~<~ is text_pattern_ops' order) and capped: the name equal to the query is
  // the shortest with that prefix, so it is among the first rows however common the prefix.
  return {
    tier: "prefix",
    sql: `WITH candidates AS (
       SELECT ${CANDIDATE_COLUMNS}
       FROM customers c
       WHERE c.tenant_id = ${tenant} AND c.search_name ~>=~ ${from} AND c.search_name ~<=~ ${to}
         AND c.search_name LIKE ${prefix} || '%' AND c.archived_at IS NULL${visible}
       ORDER BY c.search_name USING ~<~
       LIMIT ${PREFIX_CAP}
     )
     ${scoredPage(score, limit)}`,
    params: params.values,
  };
}

/** Conditions every matching document meets, index-backed where a word allows it. */
function wordConditions(params: SqlParams, query: SearchQuery): string[] {
  const indexed: string[] = [];
  const filters: string[] = [];
  if (query.grams.length > 0) indexed.push(`c.search_grams @> ${params.add(query.grams)}::text[]`);
  for (const word of query.words) {
    const like = `LIKE '%' || ${params.add(escapeLike(word))} || '%'`;
    if (word.length >= 3) indexed.push(`c.search_doc ${like}`);
    // `|| ''` keeps the plan off the trigram index, which cannot serve a pattern under 3 letters
    // (CJK words that short are found by their grams).
    else filters.push(`(c.search_doc || '') ${like}`);
  }
  if (indexed.length === 0 && query.shortWords.length > 0) {
    // Only two-letter words ("LG", "HP"): found whole in the gram array (names and aliases).
    indexed.push(`c.search_grams @> ${params.add(query.shortWords)}::text[]`);
  }
  return indexed.length > 0 ? [...indexed, ...filters] : [];
}

function candidateStatement(tenantId: number, query: SearchQuery, wanted: number, wholePhone: boolean, scope: CustomerSearchScope): SearchStatement | null {
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const alternatives: string[] = [];
  // A whole phone number is not also looked for as text: digit trigrams over every document would
  // cost more than the exact lookup saves (a name of 7+ digits is not a thing people search).
  const words = wholePhone ? [] : wordConditions(params, query);
  if (words.length > 0) alternatives.push(`(${words.join(" AND ")})`);
  if (query.phoneGram) {
    // A whole number (7+ digits): one exact element of the gram array, selective at any size.
    alternatives.push(`c.search_grams @> ARRAY[${params.add(query.phoneGram)}]::text[]`);
  } else if (query.digits) {
    // Part of a number: digit trigrams. Every stored phone carries its national number, which ends
    // its digits, so the query's national number alone finds both forms.
    alternatives.push(`c.search_phones LIKE '%' || ${params.add(query.national || query.digits)} || '%'`);
  }
  if (alternatives.length === 0) return null;
  return rankedStatement("candidates", params, tenant, `(${alternatives.join(" OR ")})${visibleCondition(params, scope)}`, query, wanted);
}

/**
 * The typo tier. `corrections` (each query word's corrections, see typo-corrections.ts): rows
 * holding one correction of every word, found through the names-and-contacts trigram index; a
 * word common to thousands of names ("Johnson") costs nothing more when the other is rare.
 * Without them: rows whose names and contacts are a trigram word-neighbour of the whole query.
 */
export function typoStatement(tenantId: number, query: SearchQuery, wanted: number, scope: CustomerSearchScope, corrections?: readonly string[][]): SearchStatement | null {
  if ([...query.core].length < 3) return null;
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const text = params.add(query.core);
  const near = corrections
    ? corrections.map((words) => `(${words.map((word) => `${TYPO_TEXT} LIKE ${params.add(`%${escapeLike(word)}%`)}`).join(" OR ")})`).join(" AND ")
    : `${text} <% ${TYPO_TEXT}`;
  // Then re-checked word-aligned: initials and addresses are typed exactly ("zzzzzz" is a neighbour
  // of the initials "zzzxfz"), and one shared word ending ("line" in "trampoline" and "Crestline")
  // is not a typo of a name.
  const closeness = `strict_word_similarity(${text}, ${TYPO_TEXT})`;
  const visible = visibleCondition(params, scope);
  const score = scoreSql(params, query, "typo");
  const limit = params.add(wanted);
  // Two caps keep the cost flat however large the book: the index's neighbours are re-checked
  // only up to TYPO_SCANNED rows (a short or common query has thousands), and only the closest
  // TYPO_SCORED of them get the full score, which costs several similarity computations a row.
  return {
    tier: "typo",
    sql: `WITH near AS (
       SELECT ${CANDIDATE_COLUMNS}
       FROM customers c
       WHERE c.tenant_id = ${tenant} AND ${near}${visible} AND c.archived_at IS NULL
       LIMIT ${TYPO_SCANNED}
     ), candidates AS (
       SELECT * FROM (SELECT c.*, ${closeness} AS closeness FROM near c) near
       WHERE closeness >= ${STRICT_SIMILARITY_THRESHOLD}
       ORDER BY closeness DESC, id
       LIMIT ${TYPO_SCORED}
     )
     ${scoredPage(score, limit)}`,
    params: params.values,
  };
}

function rankedStatement(
  tier: "candidates",
  params: SqlParams,
  tenant: string,
  condition: string,
  query: SearchQuery,
  wanted: number,
): SearchStatement {
  const score = scoreSql(params, query, "none");
  const limit = params.add(wanted);
  return {
    tier,
    sql: `WITH candidates AS (
       SELECT ${CANDIDATE_COLUMNS}
       FROM customers c
       WHERE c.tenant_id = ${tenant} AND (${condition}) AND c.archived_at IS NULL
       LIMIT ${CANDIDATE_CAP}
     )
     ${scoredPage(score, limit)}`,
    params: params.values,
  };
}

/** Whether the query is only a phone number: the name tiers would only find noise. */
function isDigitsOnly(raw: string, query: SearchQuery): boolean {
  return query.digits !== "" && /^[\d\s()+\-.]+$/.test(raw.normalize("NFKC").trim());
}

/** Emails, URLs and domains are typed exactly: trigram neighbours of "info@" or ".com" are noise. */
function looksLikeAddress(text: string): boolean {
  return /[@/]/.test(text) || /\.[a-z]{2,}\b/.test(text);
}

/** The statements of the first two tiers, in the order they run (for EXPLAIN checks and benchmarks). */
export function searchStatements(tenantId: number, raw: string, wanted: number, scope: CustomerSearchScope = {}): { query: SearchQuery; first: SearchStatement[]; typo: SearchStatement | null } {
  const query = buildSearchQuery(raw);
  if (!query.text) return { query, first: [], typo: null };
  const first: SearchStatement[] = [];
  if (!isDigitsOnly(raw, query)) first.push(prefixStatement(tenantId, query, wanted, scope));
  const candidates = candidateStatement(tenantId, query, wanted, isDigitsOnly(raw, query) && query.phoneGram !== "", scope);
  if (candidates) first.push(candidates);
  const typoWorthy = query.grams.length === 0 && !isDigitsOnly(raw, query) && !looksLikeAddress(query.text);
  return { query, first, typo: typoWorthy ? typoStatement(tenantId, query, wanted, scope) : null };
}

/**
 * The first tiers as one statement: every `find` runs both, and a round trip costs the server and
 * PostgreSQL more CPU than the second statement's planning. Each tier keeps its own order and cap
 * (parenthesised), its placeholders renumbered after the previous tier's. A customer found by
 * both tiers comes back twice, with the same columns and its score from each.
 */
export function inOneRoundTrip(statements: readonly SearchStatement[]): SearchStatement {
  if (statements.length === 1) return statements[0]!;
  const params: unknown[] = [];
  const parts = statements.map((statement) => {
    const offset = params.length;
    params.push(...statement.params);
    return `(${statement.sql.replace(/\$(\d+)/g, (_, index: string) => `$${Number(index) + offset}`)})`;
  });
  return { tier: statements[statements.length - 1]!.tier, sql: parts.join("\nUNION ALL\n"), params };
}

/** Where search statements run: plain SQL outside a transaction (cheaper), or the ORM client of one. */
export type SearchConnection = DbClient | SqlReader;

// Never as prepared statements: which index serves a tier depends on the text (a two-character
// word cannot use the trigram index), and PostgreSQL's generic plan, blind to it, scanned the table.
function rowsOf<T>(db: SearchConnection, statement: { sql: string; params: unknown[] }): Promise<T[]> {
  return typeof db === "function" ? db<T>(statement.sql, statement.params) : db.$queryRawUnsafe<T[]>(statement.sql, ...statement.params);
}

/** The typo tier over the query words' corrections, or null when some word has none. */
async function correctedTypoStatement(db: SearchConnection, tenantId: number, query: SearchQuery, wanted: number, scope: CustomerSearchScope): Promise<SearchStatement | null> {
  const words = correctableWords(query.core);
  if (words.length === 0) return null;
  const corrections = correctionsByWord(words, await rowsOf<{ position: number; word: string }>(db, correctionsStatement(tenantId, words)));
  return corrections ? typoStatement(tenantId, query, wanted, scope, corrections) : null;
}

export async function searchCustomers(
  db: SearchConnection,
  tenantId: number,
  raw: string,
  options: { limit: number; offset?: number } & CustomerSearchScope,
): Promise<CustomerHit[]> {
  // A typo search reads three times: on one connection it waits for a connection once.
  if (typeof db === "function" && db.together) return db.together((read) => searchOn(read, tenantId, raw, options));
  return searchOn(db, tenantId, raw, options);
}

async function searchOn(db: SearchConnection, tenantId: number, raw: string, options: { limit: number; offset?: number } & CustomerSearchScope): Promise<CustomerHit[]> {
  const wanted = options.limit + (options.offset ?? 0);
  const { query, first, typo } = searchStatements(tenantId, raw, wanted, options);
  const run = (statement: SearchStatement) => rowsOf<HitRow>(db, statement);
  const hits = new Map<number, HitRow>();
  const add = (rows: HitRow[]) => {
    for (const row of rows) {
      const known = hits.get(row.id);
      if (!known || Number(known.score) < Number(row.score)) hits.set(row.id, row);
    }
  };
  if (first.length) add(await run(inOneRoundTrip(first)));
  const best = Math.max(0, ...[...hits.values()].map((row) => Number(row.score)));
  // Typo neighbours are for when the text itself found nothing strong: next to a real match they
  // are noise, and scanning them costs.
  if (typo && best < STRONG_MATCH) {
    const corrected = await correctedTypoStatement(db, tenantId, query, wanted, options);
    const rows = corrected ? await run(corrected) : [];
    add(rows.length > 0 ? rows : await run(typo));
  }
  const ranked = [...hits.values()].sort(
    (a, b) => Number(b.score) - Number(a.score) || [...a.name].length - [...b.name].length || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id),
  );
  return ranked.slice(options.offset ?? 0, wanted).map(toHit);
}
