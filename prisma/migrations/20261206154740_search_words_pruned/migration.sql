-- Hand-written (docs/decisions/098, "Words nobody holds"): catalog.prune-words deletes, nightly, the
-- SearchWord rows no EntitlementWord refers to any more. A writer that finds its word already there
-- adds no SearchWord row and takes no lock on it; if a prune deleted that word before the writer's
-- EntitlementWord row committed, the entitlement would be held under a word that no longer exists and a
-- search through it would miss it. So every transaction that writes EntitlementWord rows holds this
-- lock shared until it commits, and the prune takes it exclusively, only when nobody holds it
-- (pg_try_advisory_xact_lock: it never queues, so writers never wait behind a waiting prune), and
-- deletes with a snapshot taken after it: every writer before it has committed, and a writer after it
-- waits the moment of the delete, then sees the word gone and adds it again.
CREATE OR REPLACE FUNCTION db_search_words_add(words text[]) RETURNS void LANGUAGE plpgsql
  SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended('gatehouse:search-words-prune', 0));
  IF EXISTS (SELECT 1 FROM unnest(words) AS w WHERE NOT EXISTS (SELECT 1 FROM "SearchWord" s WHERE s.id = md5(w)::uuid)) THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('gatehouse:search-words', 0));
    INSERT INTO "SearchWord" (id, word)
      SELECT DISTINCT md5(w)::uuid, w FROM unnest(words) AS w ORDER BY 1
    ON CONFLICT (id) DO NOTHING;
  END IF;
END $$;
