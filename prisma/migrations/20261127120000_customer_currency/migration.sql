-- A customer may deal in its own currency (edit acme currency=CNY); null follows the tenant's.
-- Amounts stay integer minor units of that currency, so setting it never rescales a stored amount.
ALTER TABLE "customers" ADD COLUMN "currency" TEXT;
