/**
 * Ranked fuzzy customer search, entirely in SQL and index-backed. It runs in tiers, each bounded,
 * and stops as soon as the page is full, because every tier ranks strictly above the next:
 *  1. name prefix (exact name first): btree (tenant_id, search_name text_pattern_ops), read in
 *     index order;                                                            score 1.0 / 0.9
 *  2. substring of the search document (names, aliases, contacts, emails, pinyin, initials) via
 *     the trigram GIN index; CJK/Hangul queries via the gram-array GIN index; phone digits via
 *     the phone trigram index;                                          score 0.85 / 0.75 / 0.7
 *  3. typo tolerance: trigram word similarity (`<%`, threshold 0.5), only for Latin queries of
 *     3+ characters that are not addresses, and only when tiers 1-2 found fewer than 3 customers;
 *                                                                       score similarity x 0.7
 * Tiers 2 and 3 rank at most CANDIDATE_CAP candidates each, so a very common word costs a bounded
 * amount instead of scoring every match in a million-row tenant.
 */
import { buildSearchQuery, type SearchQuery } from "../core/text/search-keys.js";
import type { CustomerHit, CustomerStatus } from "../core/domain.js";
import type { DbClient } from "./client-types.js";

/** Words shorter than this similarity are not worth showing as typo matches. */
export const WORD_SIMILARITY_THRESHOLD = 0.5;
const CANDIDATE_CAP = 1000;
/** The typo tier runs when the prefix and substring tiers found fewer than this many customers. */
const TYPO_TIER_BELOW = 3;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

type HitRow = { id: number; name: string; status: string; city: string | null; owner_name: string | null; score: number };

const SELECT_HIT = `c.id, c.name, c.status, c.city, m.display_name AS owner_name`;
const JOIN_OWNER = `LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id`;

function toHit(row: HitRow): CustomerHit {
  return { id: row.id, name: row.name, status: row.status as CustomerStatus, city: row.city, ownerName: row.owner_name, score: Number(row.score) };
}

async function prefixTier(db: DbClient, tenantId: number, query: SearchQuery, wanted: number): Promise<HitRow[]> {
  return db.$queryRawUnsafe<HitRow[]>(
    `SELECT ${SELECT_HIT}, (CASE WHEN c.search_name = $2 THEN 1.0 ELSE 0.9 END)::float8 AS score
     FROM customers c ${JOIN_OWNER}
     WHERE c.tenant_id = $1 AND c.search_name LIKE $3 || '%'
     ORDER BY (c.search_name = $2) DESC, c.search_name, c.id
     LIMIT $4`,
    tenantId,
    query.text,
    escapeLike(query.text),
    wanted,
  );
}

async function candidateTier(
  db: DbClient,
  tenantId: number,
  query: SearchQuery,
  wanted: number,
  kind: "substring" | "similarity",
): Promise<HitRow[]> {
  const params: unknown[] = [tenantId, query.text, escapeLike(query.text)];
  const conditions: string[] = [];
  let phoneScore = "0";
  if (kind === "similarity") {
    conditions.push(`$2 <% c.search_doc`);
  } else if (query.grams.length > 0) {
    params.push(query.grams);
    conditions.push(`(c.search_grams @> $4::text[] AND c.search_doc LIKE '%' || $3 || '%')`);
  } else if ([...query.text].length >= 3) {
    conditions.push(`c.search_doc LIKE '%' || $3 || '%'`);
  }
  if (kind === "substring" && query.digits) {
    params.push(escapeLike(query.digits));
    const index = params.length;
    conditions.push(`c.search_phones LIKE '%' || $${index} || '%'`);
    phoneScore = `CASE WHEN c.search_phones LIKE '%' || $${index} || '%' THEN 0.85 ELSE 0 END`;
  }
  if (conditions.length === 0) return [];
  params.push(CANDIDATE_CAP, wanted);
  const cap = params.length - 1;
  return db.$queryRawUnsafe<HitRow[]>(
    `WITH candidates AS (
       SELECT c.id, c.name, c.status, c.city, c.owner_id, c.tenant_id, c.search_name, c.search_doc, c.search_phones
       FROM customers c
       WHERE c.tenant_id = $1 AND (${conditions.join(" OR ")})
       LIMIT $${cap}
     )
     SELECT ${SELECT_HIT},
       GREATEST(
         CASE WHEN c.search_name = $2 THEN 1.0
              WHEN c.search_name LIKE $3 || '%' THEN 0.9
              WHEN c.search_doc LIKE '%' || $3 || '%' THEN 0.75
              WHEN ${query.grams.length > 0 ? "TRUE" : "FALSE"} THEN 0.7
              ELSE 0 END,
         ${phoneScore},
         ${kind === "similarity" ? "word_similarity($2, c.search_doc) * 0.7" : "0"}
       )::float8 AS score
     FROM candidates c ${JOIN_OWNER}
     ORDER BY score DESC, c.name ASC, c.id ASC
     LIMIT $${cap + 1}`,
    ...params,
  );
}

export async function searchCustomers(
  db: DbClient,
  tenantId: number,
  raw: string,
  options: { limit: number; offset?: number },
): Promise<CustomerHit[]> {
  const query = buildSearchQuery(raw);
  if (!query.text) return [];
  const wanted = options.limit + (options.offset ?? 0);
  const hits = new Map<number, HitRow>();
  const add = (rows: HitRow[]) => {
    for (const row of rows) if (!hits.has(row.id) && hits.size < wanted) hits.set(row.id, row);
  };
  const digitsOnly = query.digits !== "" && /^[\d\s()+\-.]+$/.test(raw.trim());
  if (!digitsOnly) add(await prefixTier(db, tenantId, query, wanted));
  if (hits.size < wanted) add(await candidateTier(db, tenantId, query, wanted, "substring"));
  // Emails, URLs and domains are typed exactly: trigram similarity against them matches every
  // "info@", "www." and ".com" in the tenant, thousands of candidates for nothing (bench evidence).
  const looksLikeAddress = /[@/]/.test(query.text) || /\.[a-z]{2,}\b/.test(query.text);
  const typoWorthy = query.grams.length === 0 && !digitsOnly && [...query.text].length >= 3 && !looksLikeAddress;
  // Typo suggestions are for when the text itself found (almost) nothing: with a few real matches
  // in hand, scanning trigram neighbours only adds noise and cost.
  if (hits.size < Math.min(wanted, TYPO_TIER_BELOW) && typoWorthy) add(await candidateTier(db, tenantId, query, wanted, "similarity"));
  return [...hits.values()].slice(options.offset ?? 0).map(toHit);
}
