-- Substring search in the request catalog at 100,000 entitlements (issue 14, docs/decisions/078):
-- trigram GIN indexes serve ILIKE '%word%' on an entitlement's name and description, as on People
-- (docs/decisions/075, which created pg_trgm); the application-name branch of a search word uses the
-- existing indexes that lead with "applicationId".
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "db_entitlement_name_trgm" ON "Entitlement" USING gin ("name" gin_trgm_ops);
CREATE INDEX "db_entitlement_description_trgm" ON "Entitlement" USING gin ("description" gin_trgm_ops);
