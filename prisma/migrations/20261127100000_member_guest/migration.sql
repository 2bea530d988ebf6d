-- Guests (Slack restricted / ultra-restricted accounts) may use Rapport as reps but never hold a
-- higher role; the flag is refreshed from the platform on every command. The CHECK holds the rule
-- for every path that writes a role (commands, imports, hand-edits), not only the role command.
ALTER TABLE "members" ADD COLUMN "guest" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "members" ADD CONSTRAINT "members_guest_is_rep" CHECK (NOT "guest" OR "role" = 'rep');
