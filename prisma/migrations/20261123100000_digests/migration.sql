-- Scheduled digests: subscriptions and the per-(subscription, local date) run/claim rows, plus the
-- indexes the digest queries use so their cost follows what is due, not the size of the tables.
-- CreateTable
CREATE TABLE "digest_subscriptions" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "channel_ref" TEXT NOT NULL,
    "channel_name" TEXT,
    "local_time" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "weekdays" INTEGER[],
    "post_when_empty" BOOLEAN NOT NULL DEFAULT false,
    "external_confirmed" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "digest_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest_runs" (
    "id" SERIAL NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "local_date" DATE NOT NULL,
    "scheduled_at" TIMESTAMP(3) NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "claim_token" TEXT,
    "claimed_by" TEXT,
    "next_attempt_at" TIMESTAMP(3),
    "message_id" TEXT,
    "error" TEXT,
    "posted_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "digest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "digest_subscriptions_tenant_id_idx" ON "digest_subscriptions"("tenant_id");

-- CreateIndex
CREATE INDEX "digest_subscriptions_active_idx" ON "digest_subscriptions"("active");

-- CreateIndex
CREATE INDEX "digest_runs_tenant_id_scheduled_at_idx" ON "digest_runs"("tenant_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "digest_runs_next_attempt_at_idx" ON "digest_runs"("next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "digest_runs_subscription_id_local_date_key" ON "digest_runs"("subscription_id", "local_date");

-- CreateIndex
CREATE INDEX "customers_tenant_id_last_order_at_idx" ON "customers"("tenant_id", "last_order_at");

-- CreateIndex
CREATE INDEX "customers_tenant_id_first_order_at_idx" ON "customers"("tenant_id", "first_order_at");

-- CreateIndex
CREATE INDEX "customers_tenant_id_created_at_idx" ON "customers"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "customers_tenant_id_updated_at_idx" ON "customers"("tenant_id", "updated_at");

-- CreateIndex
CREATE INDEX "interactions_tenant_id_occurred_at_idx" ON "interactions"("tenant_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "digest_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

