-- Indexes for `deals` and `forecast` at 100k customers / 300k deals (issue 17's benchmark;
-- hand-written: Prisma's schema language cannot express INCLUDE columns). Each carries the columns
-- the deal list's totals and the forecast sum (owner, stage, currency, amount, probability), so
-- those sums are index-only scans of the matching range instead of reading one heap page per deal.
--
-- Open (and won, lost) deals by expected close, then id: `deals all [closing=...] [stage=...]` reads
-- its page in index order (no sort) and its totals index-only; the forecast's open deals closing in
-- the period are one range of it.
DROP INDEX IF EXISTS "deals_tenant_id_status_close_on_idx";
CREATE INDEX "deals_tenant_id_status_close_on_id_idx" ON "deals" ("tenant_id", "status", "close_on", "id")
  INCLUDE ("owner_id", "stage", "currency", "amount", "probability");
-- One owner's deals (`deals mine`, `forecast mine`): the same, per owner; closed_on for the
-- forecast's won and lost deals of one owner.
DROP INDEX IF EXISTS "deals_tenant_id_owner_id_status_idx";
CREATE INDEX "deals_tenant_id_owner_id_status_close_on_id_idx" ON "deals" ("tenant_id", "owner_id", "status", "close_on", "id")
  INCLUDE ("stage", "currency", "amount", "probability", "closed_on");
-- Won and lost deals by closed date (the forecast, `activity`'s win rates): now with the sums' columns.
DROP INDEX IF EXISTS "deals_tenant_id_status_closed_on_idx";
CREATE INDEX "deals_tenant_id_status_closed_on_idx" ON "deals" ("tenant_id", "status", "closed_on")
  INCLUDE ("owner_id", "stage", "currency", "amount", "probability");
