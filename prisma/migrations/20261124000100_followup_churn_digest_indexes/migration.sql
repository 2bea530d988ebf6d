-- The follow-ups and churn digests rank and count customers by a date range. With plain
-- (tenant_id, date) indexes each read the (wide) customers rows of the whole range: at 1M
-- customers 68k heap pages for the follow-ups due this week, a sequential scan of the table for
-- the customers late to reorder. The same indexes now carry the filtered and sorted columns
-- (INCLUDE: hand-written, Prisma's schema language cannot express it; names and keys unchanged),
-- so counts and rankings are index-only and only the listed customers are read. Writes: status and
-- owner_id are indexed already, the order statistics change together with last_order_at and
-- predicted_next_at, and updated_at is indexed, so customer updates were not HOT before either;
-- the entries are wider (no deduplication with INCLUDE: 7 MB -> 42-61 MB each at 1M customers).
DROP INDEX "customers_tenant_id_next_follow_up_idx";
CREATE INDEX "customers_tenant_id_next_follow_up_idx" ON "customers" ("tenant_id", "next_follow_up") INCLUDE ("owner_id", "status");

DROP INDEX "customers_tenant_id_predicted_next_at_idx";
CREATE INDEX "customers_tenant_id_predicted_next_at_idx" ON "customers" ("tenant_id", "predicted_next_at")
  INCLUDE ("order_count", "status", "lifetime_sales", "id");

DROP INDEX "customers_tenant_id_last_order_at_idx";
CREATE INDEX "customers_tenant_id_last_order_at_idx" ON "customers" ("tenant_id", "last_order_at")
  INCLUDE ("status", "order_count", "predicted_next_at", "lifetime_sales", "id");

-- An owner's customers by follow-up date: each owner's most urgent follow-ups are the first rows
-- of its range. Replaces (tenant_id, owner_id), whose queries it still serves.
DROP INDEX "customers_tenant_id_owner_id_idx";
CREATE INDEX "customers_tenant_id_owner_id_next_follow_up_idx" ON "customers" ("tenant_id", "owner_id", "next_follow_up");
