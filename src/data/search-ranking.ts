/**
 * The score every search statement gives its rows, as SQL over the search document's sections
 * (see src/core/text/search-keys.ts). Signals, strongest first:
 *   1.00  the name without its legal form equals the query without its legal form (or the full name)
 *   0.95  an alias, romanization or pinyin entry equals the query (spaces ignored for readings)
 *   0.90  the name starts with the query
 *   0.85  an alias/reading starts with the query, or a phone contains the digits
 *   0.80  every query word is inside the names section (any order)
 *   0.70  every query word is inside names, contacts, emails or website
 *   0.65  pinyin or Hangul initials equal the query (with or without 市, 省, 县 ...)
 *   0.60  pinyin or Hangul initials contain the query
 *   ≤0.60 typo neighbours: (word similarity + word-aligned similarity) to names and contacts × 0.3
 * plus up to 0.04 for how much of the name the query covers, so among equal matches the
 * closest name (fewest extra words) comes first; a legal form never earns or costs a signal.
 */
import type { SearchQuery } from "../core/text/search-keys.js";

/** A best score at or above this needs no typo suggestions. */
export const STRONG_MATCH = 0.6;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Positional parameters collected while SQL is written. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const NAMES = `split_part(c.search_doc, ' ~~ ', 1)`;
const PEOPLE = `split_part(c.search_doc, ' ~~ ', 2)`;
const INITIALS = `split_part(c.search_doc, ' ~~ ', 3)`;
const ADDRESSES = `split_part(c.search_doc, ' ~~ ', 4)`;
/**
 * Names and contacts: what a typo can be a typo of (initials and addresses are typed exactly).
 * The index customers_search_typo_trgm is built on this very expression; change both together.
 */
export const TYPO_TEXT = `(${NAMES} || ' ' || ${PEOPLE})`;
/** The name without its legal form: the first entry of the names section. */
const NAME_CORE = `substr(split_part(c.search_doc, ' | ', 1), 3)`;

export function scoreSql(params: SqlParams, query: SearchQuery, similarity: "none" | "typo"): string {
  const text = params.add(query.text);
  const core = params.add(escapeLike(query.core));
  const joined = params.add(escapeLike(query.joined));
  const words = query.words.map((word) => params.add(escapeLike(word)));
  const allIn = (section: string) =>
    words.length > 0 ? words.map((word) => `${section} LIKE '%' || ${word} || '%'`).join(" AND ") : "FALSE";
  const phone = query.national || query.digits;
  const typoText = similarity === "typo" ? params.add(query.core) : "";
  const typo = similarity === "typo" ? `(word_similarity(${typoText}, ${TYPO_TEXT}) + strict_word_similarity(${typoText}, ${TYPO_TEXT})) * 0.3` : "0";
  const coreLength = params.add([...query.core].length);
  return `(GREATEST(
      CASE
        WHEN c.search_name = ${text} OR c.search_doc LIKE '| ' || ${core} || ' |%' THEN 1.0
        WHEN ${NAMES} LIKE '%| ' || ${core} || ' |%' OR ${NAMES} LIKE '%| ' || ${joined} || ' |%' THEN 0.95
        WHEN c.search_doc LIKE '| ' || ${core} || '%' THEN 0.9
        WHEN ${NAMES} LIKE '%| ' || ${core} || '%' OR ${NAMES} LIKE '%| ' || ${joined} || '%' THEN 0.85
        WHEN ${allIn(NAMES)} THEN 0.8
        WHEN ${allIn(`(${NAMES} || ' ' || ${PEOPLE} || ' ' || ${ADDRESSES})`)} THEN 0.7
        WHEN ' ; ' || ${INITIALS} || ' ; ' LIKE '% ; ' || ${joined} || ' ; %' THEN 0.65
        WHEN ${INITIALS} LIKE '%' || ${joined} || '%' THEN 0.6
        ELSE 0 END,
      ${phone ? `CASE WHEN c.search_phones LIKE '%' || ${params.add(phone)} || '%' THEN 0.85 ELSE 0 END` : "0"},
      ${typo}
    ) + 0.04 * LEAST(1.0, ${coreLength}::float8 / GREATEST(1, char_length(${NAME_CORE}))))::float8`;
}
