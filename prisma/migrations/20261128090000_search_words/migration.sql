-- The distinct words of every customer's names and contacts, per workspace. A typo search first
-- corrects each query word against this short list (trigram neighbours, one-edit variants) and
-- then looks for customers holding the corrected words, instead of comparing the query with the
-- names and contacts of every customer that shares a common word with it ("Johnson", "Components").
-- Only words with a letter and 4+ characters: shorter ones are not corrected, and numbers are not
-- mistyped into other numbers here.
-- Words are never removed: a word left by a renamed or deleted customer only yields a correction
-- that finds nobody, and the search then falls back to comparing names directly.
-- The text split is TYPO_TEXT in src/data/search-ranking.ts; change both together.
CREATE TABLE "search_words" (
    "tenant_id" INTEGER NOT NULL,
    "word" TEXT NOT NULL,
    -- Word first: a workspace's words are looked up by word, never listed (without statistics, the
    -- planner would list all of them through a (tenant_id, word) key and filter by similarity).
    CONSTRAINT "search_words_pkey" PRIMARY KEY ("word", "tenant_id"),
    CONSTRAINT "search_words_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE
);
-- Nearest words first (`ORDER BY typed <<-> word LIMIT n`), which a GiST trigram index walks
-- directly; words alone, not per workspace (btree_gist is not available): other workspaces' words
-- are skipped by the filter as the index walks.
CREATE INDEX "search_words_trgm" ON "search_words" USING GIST ("word" gist_trgm_ops);

CREATE FUNCTION "search_words_of"(doc TEXT) RETURNS SETOF TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT word
  FROM regexp_split_to_table(split_part(doc, ' ~~ ', 1) || ' ' || split_part(doc, ' ~~ ', 2), '[^a-z0-9]+') AS word
  WHERE char_length(word) >= 4 AND word ~ '[a-z]'
$$;

-- Statement triggers: an import of 100k rows collects its words in one set-based INSERT.
CREATE FUNCTION "search_words_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w.word FROM new_rows n CROSS JOIN LATERAL search_words_of(n.search_doc) AS w(word)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE FUNCTION "search_words_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (tenant_id, word)
  SELECT DISTINCT n.tenant_id, w.word
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  CROSS JOIN LATERAL search_words_of(n.search_doc) AS w(word)
  WHERE n.search_doc IS DISTINCT FROM o.search_doc
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "customers_search_words_insert" AFTER INSERT ON "customers"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_after_insert();
CREATE TRIGGER "customers_search_words_update" AFTER UPDATE ON "customers"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_after_update();

INSERT INTO search_words (tenant_id, word)
SELECT DISTINCT c.tenant_id, w.word FROM customers c CROSS JOIN LATERAL search_words_of(c.search_doc) AS w(word)
ON CONFLICT DO NOTHING;

-- A typo search asks the names-and-contacts index for rows holding every corrected word. With
-- the default statistics the planner takes a word common to 2% of the book ("mitchell") for one in
-- a thousand and checks the other words row by row; a finer histogram of that text lets it put
-- all the words into the one index scan.
ALTER INDEX "customers_search_typo_trgm" ALTER COLUMN 2 SET STATISTICS 1000;
ANALYZE "customers";
