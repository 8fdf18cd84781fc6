-- Hand-written (docs/decisions/098, "Concurrent writers"): two transactions that add the same new
-- words over several statements (two applications' first aggregations at once, Prisma splitting a large
-- createMany, the update trigger row by row) could each wait for the other's uncommitted SearchWord row
-- (ON CONFLICT waits for it) and deadlock: ORDER BY orders the locks of one statement only. A
-- transaction that adds a word nobody has yet now takes one transaction-level advisory lock first, so
-- at most one transaction at a time holds uncommitted new words; one whose words all exist takes none.
CREATE FUNCTION db_search_words_add(words text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(words) AS w WHERE NOT EXISTS (SELECT 1 FROM "SearchWord" s WHERE s.id = md5(w)::uuid)) THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('gatehouse:search-words', 0));
    INSERT INTO "SearchWord" (id, word)
      SELECT DISTINCT md5(w)::uuid, w FROM unnest(words) AS w ORDER BY 1
    ON CONFLICT (id) DO NOTHING;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION db_entitlement_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM db_search_words_add(ARRAY(
    SELECT DISTINCT w FROM db_new_rows n, db_entitlement_words(n.name, n.description) AS w));
  INSERT INTO "EntitlementWord" ("entitlementId", "wordId", name)
    SELECT n.id, md5(w)::uuid, n.name FROM db_new_rows n, db_entitlement_words(n.name, n.description) AS w;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION db_entitlement_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "EntitlementWord" WHERE "entitlementId" = NEW.id;
  PERFORM db_search_words_add(ARRAY(SELECT w FROM db_entitlement_words(NEW.name, NEW.description) AS w));
  INSERT INTO "EntitlementWord" ("entitlementId", "wordId", name)
    SELECT NEW.id, md5(w)::uuid, NEW.name FROM db_entitlement_words(NEW.name, NEW.description) AS w;
  RETURN NULL;
END $$;
