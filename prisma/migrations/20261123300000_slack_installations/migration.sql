-- Multi-workspace Slack installs (OAuth). The installation JSON, tokens included, is sealed with
-- AES-256-GCM (key derived from RAPPORT_SECRET_KEY); only lookup ids are stored in the clear.
CREATE TABLE "slack_installations" (
    "id" SERIAL NOT NULL,
    "install_key" TEXT NOT NULL,
    "team_id" TEXT,
    "enterprise_id" TEXT,
    "is_enterprise_install" BOOLEAN NOT NULL DEFAULT false,
    "installer_user_id" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "slack_installations_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "slack_installations_install_key_key" ON "slack_installations"("install_key");
CREATE INDEX "slack_installations_team_id_idx" ON "slack_installations"("team_id");
