-- The forecast reads one period's months of deal_month_totals (and the same months a year
-- earlier); without this index each read filtered every row of every tenant and month. The key
-- holds no summed column, so the trigger's upserts stay HOT updates.
CREATE INDEX "deal_month_totals_tenant_id_month_idx" ON "deal_month_totals" ("tenant_id", "month");
