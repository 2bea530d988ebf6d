-- The language a channel digest is written in (`digest add ... language=ko`); null follows the
-- workspace's default_locale.
ALTER TABLE "digest_subscriptions" ADD COLUMN "language" TEXT;
ALTER TABLE "digest_subscriptions" ADD CONSTRAINT "digest_subscriptions_language_known" CHECK ("language" IS NULL OR "language" IN ('en', 'zh-CN', 'zh-TW', 'ko'));
