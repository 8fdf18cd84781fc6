-- Substring search on the list pages (People: name, email, username) at 100,000 people: a trigram
-- GIN index serves ILIKE '%text%' on the column, which a b-tree cannot (docs/decisions/075).
-- pg_trgm is a trusted extension: the database owner that runs migrations may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "db_identity_display_name_trgm" ON "Identity" USING gin ("displayName" gin_trgm_ops);
CREATE INDEX "db_identity_email_trgm" ON "Identity" USING gin ("email" gin_trgm_ops);
CREATE INDEX "db_identity_username_trgm" ON "Identity" USING gin ("username" gin_trgm_ops);
