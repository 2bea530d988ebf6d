-- Version of each customer's search keys (src/core/text/search-keys.ts, SEARCH_KEYS_VERSION).
-- Rows that exist now were built by version 1; after the SQL migrations, Rapport re-derives every
-- row below the current version in batches (src/data/search-keys-rederive.ts), because pinyin and
-- romanization cannot be computed in SQL. New rows are written with the current keys, hence the
-- default of 2, which must follow SEARCH_KEYS_VERSION (a test checks it).
ALTER TABLE "customers" ADD COLUMN "search_keys_version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "customers" ALTER COLUMN "search_keys_version" SET DEFAULT 2;
