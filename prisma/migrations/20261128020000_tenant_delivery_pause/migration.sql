-- A workspace that took Rapport's access away (Slack app_uninstalled, tokens_revoked for the bot,
-- invalid_auth on a post) has its scheduled digests and alerts paused: the schedulers skip it
-- without calling the platform and without recording failures. Installing again clears the pause
-- and sets deliveries_resumed_at; slots that fell due while paused are then neither posted nor
-- recorded as missed.
ALTER TABLE "tenants" ADD COLUMN "deliveries_paused_at" TIMESTAMP(3);
ALTER TABLE "tenants" ADD COLUMN "deliveries_paused_reason" TEXT;
ALTER TABLE "tenants" ADD COLUMN "deliveries_resumed_at" TIMESTAMP(3);
