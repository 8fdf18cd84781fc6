-- An entitlement's target id as the target compares it (entitlementKey, server/connectors/registry.ts),
-- stored, so that saving an entitlement asks for its one possible twin instead of loading every
-- entitlement of the application (docs/decisions/110). The key of an LDAP DN needs the connector's DN
-- parser, which SQL does not have: rows are keyed by the code (saveEntitlement, aggregation), and a
-- row without a key is keyed by the next save of its application, under the application's lock.
ALTER TABLE "Entitlement" ADD COLUMN "targetKey" TEXT;

CREATE INDEX "Entitlement_applicationId_targetKey_idx" ON "Entitlement"("applicationId", "targetKey");

-- Other connectors compare ids in lower case; for ASCII ids PostgreSQL's lower() is JavaScript's
-- toLowerCase() whatever the collation, so those are keyed here. The rest wait for the code.
UPDATE "Entitlement" e SET "targetKey" = lower(e."externalId")
  FROM "Application" a
 WHERE a."id" = e."applicationId" AND a."connectorType" <> 'LDAP' AND e."externalId" ~ '^[ -~]*$';

-- A key is never stale: a write that changes externalId without writing the key with it (a writer
-- that does not know the key) clears it, and the next save keys the row again.
CREATE FUNCTION db_entitlement_target_key_follows() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW."externalId" IS DISTINCT FROM OLD."externalId" AND NEW."targetKey" IS NOT DISTINCT FROM OLD."targetKey" THEN
    NEW."targetKey" := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_entitlement_target_key_follows BEFORE UPDATE OF "externalId" ON "Entitlement"
  FOR EACH ROW EXECUTE FUNCTION db_entitlement_target_key_follows();
