-- Deals (opportunities) with the workspace's own stages and a history of every change; quotes that
-- belong to a deal, carry tax, terms and discounts, and become orders.

-- The workspace's ordered stages. Built-in keys (lead, qualified, proposal, negotiation, won, lost) are
-- named by the catalogs; a custom stage keeps the name an admin gave it.
CREATE TABLE "deal_stages" (
    "tenant_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT,
    "position" INTEGER NOT NULL,
    "probability" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'open',
    CONSTRAINT "deal_stages_pkey" PRIMARY KEY ("tenant_id", "key")
);

CREATE TABLE "deals" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "owner_id" INTEGER,
    "title" TEXT NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "currency" TEXT,
    "stage" TEXT NOT NULL,
    "probability" INTEGER,
    "close_on" DATE,
    "status" TEXT NOT NULL DEFAULT 'open',
    "lost_reason" TEXT,
    "lost_note" TEXT,
    "stage_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_on" DATE,
    "created_by_id" INTEGER,
    "external_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "deals_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "deals_tenant_id_status_close_on_idx" ON "deals"("tenant_id", "status", "close_on");
CREATE INDEX "deals_tenant_id_owner_id_status_idx" ON "deals"("tenant_id", "owner_id", "status");
CREATE INDEX "deals_tenant_id_status_closed_on_idx" ON "deals"("tenant_id", "status", "closed_on");
CREATE INDEX "deals_customer_id_idx" ON "deals"("customer_id");
CREATE UNIQUE INDEX "deals_tenant_id_external_id_key" ON "deals"("tenant_id", "external_id");
ALTER TABLE "deals" ADD CONSTRAINT "deals_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every stage change, win, loss and edit: who, when, from and to.
CREATE TABLE "deal_events" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "deal_id" INTEGER NOT NULL,
    "actor_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "from_stage" TEXT,
    "to_stage" TEXT,
    "detail" JSONB,
    CONSTRAINT "deal_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "deal_events_deal_id_at_idx" ON "deal_events"("deal_id", "at");
CREATE INDEX "deal_events_tenant_id_at_idx" ON "deal_events"("tenant_id", "at");
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "deals"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Quotes: the deal they price, currency, tax (basis points), terms, who made them, what became of them.
ALTER TABLE "quotes" ADD COLUMN "deal_id" INTEGER;
ALTER TABLE "quotes" ADD COLUMN "currency" TEXT;
ALTER TABLE "quotes" ADD COLUMN "subtotal" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "quotes" ADD COLUMN "tax_rate_bp" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "quotes" ADD COLUMN "tax" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "quotes" ADD COLUMN "payment_terms" TEXT;
ALTER TABLE "quotes" ADD COLUMN "notes" TEXT;
ALTER TABLE "quotes" ADD COLUMN "created_by_id" INTEGER;
ALTER TABLE "quotes" ADD COLUMN "sent_at" TIMESTAMP(3);
ALTER TABLE "quotes" ADD COLUMN "decided_at" TIMESTAMP(3);
ALTER TABLE "quotes" ADD COLUMN "reject_reason" TEXT;
ALTER TABLE "quotes" ADD COLUMN "order_id" INTEGER;
ALTER TABLE "quotes" ADD COLUMN "external_id" TEXT;
ALTER TABLE "quotes" ADD COLUMN "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
CREATE INDEX "quotes_tenant_id_status_valid_until_idx" ON "quotes"("tenant_id", "status", "valid_until");
CREATE INDEX "quotes_deal_id_idx" ON "quotes"("deal_id");
CREATE UNIQUE INDEX "quotes_tenant_id_external_id_key" ON "quotes"("tenant_id", "external_id");
ALTER TABLE "quote_lines" ADD COLUMN "discount_bp" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "quote_lines" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;

-- The quote numbering prefix (`Q-2026-0001`); {year} is replaced by the issue year.
ALTER TABLE "tenants" ADD COLUMN "quote_prefix" TEXT;
