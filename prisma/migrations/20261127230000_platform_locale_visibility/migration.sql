-- The platform's language for a person (Slack users.list / users.info locale, Discord interaction
-- locale), kept so that alerts reach people who never chose one with `settings language`.
ALTER TABLE "members" ADD COLUMN "platform_locale" TEXT;

-- Who reads which customers: 'all' (every active member reads the whole book) or 'own' (reps and
-- guests read their own customers and unowned ones; managers, admins, assistants and finance all).
ALTER TABLE "tenants" ADD COLUMN "customer_visibility" TEXT NOT NULL DEFAULT 'all';
