-- Every start asks for customers whose search keys an older version built (migrate.ts re-derives
-- them). Without an index the answer, nearly always none, is a scan of the whole table: 150 ms at
-- 100k customers, before the process can report ready.
CREATE INDEX "customers_search_keys_version_idx" ON "customers"("search_keys_version");
