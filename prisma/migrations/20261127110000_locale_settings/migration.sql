-- Languages and time zones a member or an admin chooses with `settings`. The workspace's time zone
-- and currency already exist (tenants.time_zone, tenants.currency); amounts keep their own currency,
-- so changing tenants.currency never rescales a stored amount.
ALTER TABLE "members" ADD COLUMN "locale" TEXT;
ALTER TABLE "members" ADD COLUMN "time_zone_chosen" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "tenants" ADD COLUMN "default_locale" TEXT;
ALTER TABLE "members" ADD CONSTRAINT "members_locale_known" CHECK ("locale" IS NULL OR "locale" IN ('en', 'zh-CN', 'zh-TW', 'ko'));
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_default_locale_known" CHECK ("default_locale" IS NULL OR "default_locale" IN ('en', 'zh-CN', 'zh-TW', 'ko'));
