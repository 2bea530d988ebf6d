-- External ids: the id a record had in the system it was imported from (HubSpot Record ID,
-- Salesforce Account ID, ...), or a documented natural key. Imports upsert on (tenant_id, external_id),
-- so importing the same file twice changes nothing. NULLs do not conflict (records made in chat).
ALTER TABLE "customers" ADD COLUMN "external_id" TEXT;
ALTER TABLE "contacts" ADD COLUMN "external_id" TEXT;
ALTER TABLE "orders" ADD COLUMN "external_id" TEXT;
ALTER TABLE "invoices" ADD COLUMN "external_id" TEXT;
ALTER TABLE "payments" ADD COLUMN "external_id" TEXT;

CREATE UNIQUE INDEX "customers_tenant_id_external_id_key" ON "customers"("tenant_id", "external_id");
CREATE UNIQUE INDEX "contacts_tenant_id_external_id_key" ON "contacts"("tenant_id", "external_id");
CREATE UNIQUE INDEX "orders_tenant_id_external_id_key" ON "orders"("tenant_id", "external_id");
CREATE UNIQUE INDEX "invoices_tenant_id_external_id_key" ON "invoices"("tenant_id", "external_id");
CREATE UNIQUE INDEX "payments_tenant_id_external_id_key" ON "payments"("tenant_id", "external_id");
