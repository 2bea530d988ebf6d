-- The open amount of an invoice is amount - paid - written_off (write-offs close what will not be
-- paid). The open-invoice index carries written_off too, so ageing, balances and the overdue digest
-- stay index-only scans. Invoices fully written off leave the index (status 'written-off').
DROP INDEX IF EXISTS "invoices_open_tenant_id_customer_id_idx";
CREATE INDEX "invoices_open_tenant_id_customer_id_idx" ON "invoices" ("tenant_id", "customer_id")
  INCLUDE ("due_on", "amount", "paid", "written_off") WHERE "status" = 'open';
