/**
 * Re-derives the search keys of customers built by an older SEARCH_KEYS_VERSION, so stored
 * customers benefit from new keys without a re-import. Runs after the SQL migrations (migrate.ts),
 * in id order and in batches that each commit on their own: an interrupted run resumes where it
 * stopped, and a fully migrated database costs one cheap query.
 */
import { buildSearchKeys, SEARCH_KEYS_VERSION } from "../core/text/search-keys.js";
import type { SqlRunner } from "./sql-runner.js";

const BATCH = 500;
/** Joins a row's grams into one text parameter; never part of a gram (grams are letters). */
const SEPARATOR = "\u001f";

type Row = {
  id: number;
  name: string;
  aliases: string[];
  email: string | null;
  phone: string | null;
  website: string | null;
  contacts: { name: string; email: string | null; phone: string | null }[];
};

export async function rederiveSearchKeys(db: SqlRunner, version = SEARCH_KEYS_VERSION): Promise<number> {
  let done = 0;
  let after = 0;
  for (;;) {
    const rows = await db.query<Row>(
      `SELECT c.id, c.name, c.aliases, c.email, c.phone, c.website,
              COALESCE((SELECT json_agg(json_build_object('name', k.name, 'email', k.email, 'phone', k.phone) ORDER BY k.id)
                        FROM contacts k WHERE k.customer_id = c.id AND k.removed_at IS NULL), '[]') AS contacts
       FROM customers c
       WHERE c.search_keys_version < $1 AND c.id > $2
       ORDER BY c.id
       LIMIT ${BATCH}`,
      [version, after],
    );
    if (rows.length === 0) return done;
    const keys = rows.map((row) => buildSearchKeys({ ...row, contacts: typeof row.contacts === "string" ? JSON.parse(row.contacts) : row.contacts }));
    await db.query(
      `UPDATE customers c
       SET search_name = v.n, search_doc = v.d, search_grams = string_to_array(v.g, E'\\x1f'), search_phones = v.p, search_keys_version = $6
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, n, d, g, p)
       WHERE c.id = v.id`,
      [
        rows.map((row) => row.id),
        keys.map((key) => key.searchName),
        keys.map((key) => key.searchDoc),
        keys.map((key) => key.searchGrams.join(SEPARATOR)),
        keys.map((key) => key.searchPhones),
        version,
      ],
    );
    done += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
