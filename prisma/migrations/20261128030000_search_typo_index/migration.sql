-- Search keys v3: the website and emails move to a fourth section of search_doc (rows are
-- re-derived after migrating, src/data/search-keys-rederive.ts), so that names and contacts, the
-- text a typo can be a typo of, get a trigram index of their own. It is a fraction of the whole
-- document's, which keeps the typo tier fast at a million customers. The expression must stay
-- identical to TYPO_TEXT in src/data/search-ranking.ts, or the planner will not use the index.
ALTER TABLE "customers" ALTER COLUMN "search_keys_version" SET DEFAULT 3;
CREATE INDEX "customers_search_typo_trgm" ON "customers" USING GIN ("tenant_id", (split_part("search_doc", ' ~~ ', 1) || ' ' || split_part("search_doc", ' ~~ ', 2)) gin_trgm_ops);
