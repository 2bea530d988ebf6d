-- Personal alerts (kinds a member turned off, quiet hours), people known before first use (synced_at),
-- per-channel link previews and signed-in browsers on the read-only record pages.
ALTER TABLE "members" ADD COLUMN "alerts_off" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "members" ADD COLUMN "quiet_from" INTEGER;
ALTER TABLE "members" ADD COLUMN "quiet_until" INTEGER;
ALTER TABLE "members" ADD COLUMN "synced_at" TIMESTAMP(3);

CREATE TABLE "alerts" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "claim_token" TEXT,
    "claimed_until" TIMESTAMP(3),
    "sent_at" TIMESTAMP(3),
    "batch_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alerts_member_id_dedupe_key_key" ON "alerts"("member_id", "dedupe_key");
CREATE INDEX "alerts_sent_at_due_at_idx" ON "alerts"("sent_at", "due_at");

CREATE TABLE "channel_settings" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "channel_ref" TEXT NOT NULL,
    "link_previews" BOOLEAN NOT NULL DEFAULT false,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "channel_settings_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "channel_settings_tenant_id_channel_ref_key" ON "channel_settings"("tenant_id", "channel_ref");

CREATE TABLE "web_sessions" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "member_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "web_sessions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "web_sessions_token_hash_key" ON "web_sessions"("token_hash");
CREATE INDEX "web_sessions_expires_at_idx" ON "web_sessions"("expires_at");
