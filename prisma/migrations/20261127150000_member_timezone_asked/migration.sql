-- When Rapport asked a member which time zone they are in (Discord tells bots none): the question
-- is asked once, so a member who ignores it is not asked again.
ALTER TABLE "members" ADD COLUMN "timezone_asked_at" TIMESTAMP(3);
