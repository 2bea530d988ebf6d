/**
 * A typo query's words corrected against the workspace's own words (table search_words, kept by
 * triggers on customers; migration 20261128090000_search_words). Each word gets its closest
 * trigram neighbours and the stored words one edit away: trigrams barely see an edit in a short
 * word ("kohc" shares 2 of its 8 trigrams with "koch").
 */
import { SqlParams } from "./search-ranking.js";

/** Shorter query words are not corrected (too many words are one edit from "abc"). */
export const CORRECTED_MIN_LENGTH = 4;
/**
 * Up to this length every word one edit away is looked up as well as the trigram neighbours:
 * trigrams barely see an edit in a short word.
 */
const ALL_EDITS_MAX_LENGTH = 6;
/**
 * Longer words, up to this length, have only their swaps and dropped letters looked up: a swap
 * can leave fewer than half of a word's trigrams ("oarkidge"), while a missing or wrong letter
 * leaves most of them for the trigram lookup; the 26 letters at every position would cost more.
 */
const SWAPS_MAX_LENGTH = 16;
/** Trigram neighbours kept per query word, the most similar first. */
const NEIGHBOURS_PER_WORD = 5;
/** Letters a correction may add or drop against the typed word. */
const MAX_LENGTH_CHANGE = 2;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * The query words that get corrected, split as the stored words are (migration: runs of a-z and
 * 0-9 with a letter); shorter words and numbers stay unconstrained.
 */
export function correctableWords(core: string): string[] {
  const words = core.split(/[^a-z0-9]+/).filter((word) => word.length >= CORRECTED_MIN_LENGTH && /[a-z]/.test(word));
  return [...new Set(words)];
}

/** Every word one deletion or swap of neighbours away and, with `all`, one substitution or insertion away. */
export function oneEditVariants(word: string, all: boolean): string[] {
  const variants = new Set<string>();
  for (let at = 0; at <= word.length; at++) {
    const head = word.slice(0, at);
    const tail = word.slice(at);
    if (tail) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail[1] + tail[0] + tail.slice(2));
    if (!all) continue;
    for (const letter of LETTERS) {
      variants.add(head + letter + tail);
      if (tail) variants.add(head + letter + tail.slice(1));
    }
  }
  variants.delete(word);
  return [...variants];
}

export type CorrectionsStatement = { sql: string; params: unknown[] };

/**
 * One statement: for each word (by its 1-based position), the stored words that may be what was
 * meant. A correction is at most MAX_LENGTH_CHANGE letters longer or shorter: "joh" and "john"
 * are in every book, but not what "johnsn" was meant to be.
 */
export function correctionsStatement(tenantId: number, words: readonly string[]): CorrectionsStatement {
  const params = new SqlParams();
  const tenant = params.add(tenantId);
  const neighbours = params.add(NEIGHBOURS_PER_WORD);
  const change = params.add(MAX_LENGTH_CHANGE);
  // The stored words nearest to the typed one, at least 0.3 similar (search_word_neighbours, migration
  // 20261128120000_search_words_gin). Not pg_trgm's `%` or `<->`: on PGlite 0.5, with btree_gin
  // loaded, both return no row at all.
  const parts = words.map((word, index) => {
    const typed = params.add(word);
    const lookups = [`(SELECT ${index + 1} AS position, word FROM search_word_neighbours(${tenant}, ${typed}, ${neighbours}, ${change}) AS word)`];
    if (word.length <= SWAPS_MAX_LENGTH) {
      const variants = [word, ...oneEditVariants(word, word.length <= ALL_EDITS_MAX_LENGTH)];
      // One index probe per variant. As `word = ANY(...)`, the planner reads the whole table
      // rather than make hundreds of probes; LIMIT 1 keeps the subquery a probe, not a join.
      lookups.push(`(SELECT ${index + 1}, found.word FROM unnest(${params.add(variants)}::text[]) AS variant(word)
         CROSS JOIN LATERAL (SELECT word FROM search_words WHERE word = variant.word AND tenant_id = ${tenant} LIMIT 1) found)`);
    }
    return lookups.join("\n     UNION\n     ");
  });
  return { sql: parts.join("\n     UNION\n     "), params: params.values };
}

/** Each word's corrections in the words' order, or null when some word has none (nothing can match them all). */
export function correctionsByWord(words: readonly string[], rows: readonly { position: number | string; word: string }[]): string[][] | null {
  const byWord = words.map(() => [] as string[]);
  for (const row of rows) byWord[Number(row.position) - 1]?.push(row.word);
  for (const corrections of byWord) corrections.sort();
  return byWord.every((corrections) => corrections.length > 0) ? byWord : null;
}
