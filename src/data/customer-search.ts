/**
 * Ranked fuzzy customer search, entirely in SQL and index-backed:
 *  - 3+ character text: trigram GIN on search_doc (ILIKE substring, `<%` word similarity for typos);
 *  - CJK/Hangul: the query's bigrams must all be in search_grams (array GIN), then substring check;
 *  - 1-2 Latin characters: prefix on search_name (btree text_pattern_ops);
 *  - phone-looking queries: digits substring on search_phones (trigram GIN).
 * Score: exact name 1.0 > name prefix 0.9 > phone 0.85 > substring 0.75 > CJK grams 0.7 > similarity.
 */
import { buildSearchQuery } from "../core/text/search-keys.js";
import type { CustomerHit, CustomerStatus } from "../core/domain.js";
import type { DbClient } from "./client-types.js";

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

type HitRow = { id: number; name: string; status: string; city: string | null; owner_name: string | null; score: number };

export async function searchCustomers(
  db: DbClient,
  tenantId: number,
  raw: string,
  options: { limit: number; offset?: number },
): Promise<CustomerHit[]> {
  const query = buildSearchQuery(raw);
  if (!query.text) return [];
  const like = escapeLike(query.text);
  const conditions: string[] = [];
  const params: unknown[] = [tenantId, query.text, like];
  const isShortLatin = query.grams.length === 0 && [...query.text].length < 3;
  if (query.grams.length > 0) {
    params.push(query.grams);
    conditions.push(`(c.search_grams @> $4::text[] AND c.search_doc LIKE '%' || $3 || '%')`);
  } else if (isShortLatin) {
    conditions.push(`c.search_name LIKE $3 || '%'`);
  } else {
    conditions.push(`c.search_doc LIKE '%' || $3 || '%'`, `$2 <% c.search_doc`);
  }
  let phoneScore = "0";
  if (query.digits) {
    params.push(escapeLike(query.digits));
    const index = params.length;
    conditions.push(`c.search_phones LIKE '%' || $${index} || '%'`);
    phoneScore = `CASE WHEN c.search_phones LIKE '%' || $${index} || '%' THEN 0.85 ELSE 0 END`;
  }
  params.push(options.limit, options.offset ?? 0);
  const limitIndex = params.length - 1;
  const sql = `
    SELECT c.id, c.name, c.status, c.city, m.display_name AS owner_name,
      GREATEST(
        CASE WHEN c.search_name = $2 THEN 1.0
             WHEN c.search_name LIKE $3 || '%' THEN 0.9
             WHEN c.search_doc LIKE '%' || $3 || '%' THEN 0.75
             ELSE 0 END,
        ${phoneScore},
        word_similarity($2, c.search_doc) * 0.7
      )::float8 AS score
    FROM customers c
    LEFT JOIN members m ON m.id = c.owner_id AND m.tenant_id = c.tenant_id
    WHERE c.tenant_id = $1 AND (${conditions.join(" OR ")})
    ORDER BY score DESC, c.name ASC, c.id ASC
    LIMIT $${limitIndex} OFFSET $${limitIndex + 1}`;
  const rows = await db.$queryRawUnsafe<HitRow[]>(sql, ...params);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status as CustomerStatus,
    city: row.city,
    ownerName: row.owner_name,
    score: Number(row.score),
  }));
}

/** Words shorter than this similarity are not worth showing as typo matches. */
export const WORD_SIMILARITY_THRESHOLD = 0.5;
