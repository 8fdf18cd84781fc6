-- CreateTable
CREATE TABLE "SearchWord" (
    "id" UUID NOT NULL,
    "word" TEXT NOT NULL,
    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EntitlementWord" (
    "entitlementId" UUID NOT NULL,
    "wordId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "EntitlementWord_pkey" PRIMARY KEY ("entitlementId", "wordId")
);

-- CreateIndex
CREATE INDEX "Entitlement_applicationId_name_id_idx" ON "Entitlement"("applicationId", "name", "id");

-- CreateIndex
CREATE INDEX "EntitlementWord_wordId_name_entitlementId_idx" ON "EntitlementWord"("wordId", "name", "entitlementId");

-- AddForeignKey
ALTER TABLE "EntitlementWord" ADD CONSTRAINT "EntitlementWord_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (docs/decisions/098): the catalog's search from inside words reads, for each word that
-- contains what was typed, that word's entitlements in name order (EntitlementWord's index above),
-- instead of walking the whole name index or sorting every match.

-- An entitlement's words: its name and description, case folded as ILIKE folds them, split where a
-- search is split (ASCII white space, all of which the page's \s also splits on, so a search word
-- never spans two words here). Words under 3 characters are left out: the search reads words only
-- for search words of 3 or more, and a shorter word cannot contain one.
CREATE FUNCTION db_entitlement_words(name text, description text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(lower(name || ' ' || description), '[ \t\n\r\f\v]+') AS w
   WHERE length(w) >= 3
$$;

-- ORDER BY id: two transactions adding the same new words take their locks in one order.
CREATE FUNCTION db_entitlement_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SearchWord" (id, word)
    SELECT DISTINCT md5(w)::uuid, w FROM db_new_rows n, db_entitlement_words(n.name, n.description) AS w
     ORDER BY 1
  ON CONFLICT (id) DO NOTHING;
  INSERT INTO "EntitlementWord" ("entitlementId", "wordId", name)
    SELECT n.id, md5(w)::uuid, n.name FROM db_new_rows n, db_entitlement_words(n.name, n.description) AS w;
  RETURN NULL;
END $$;
CREATE TRIGGER db_entitlement_words_inserted AFTER INSERT ON "Entitlement"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_entitlement_words_inserted();

-- Row by row, and only for a changed name or description: aggregation's updates of lastSeenAt and
-- the like cost nothing here.
CREATE FUNCTION db_entitlement_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "EntitlementWord" WHERE "entitlementId" = NEW.id;
  INSERT INTO "SearchWord" (id, word)
    SELECT DISTINCT md5(w)::uuid, w FROM db_entitlement_words(NEW.name, NEW.description) AS w ORDER BY 1
  ON CONFLICT (id) DO NOTHING;
  INSERT INTO "EntitlementWord" ("entitlementId", "wordId", name)
    SELECT NEW.id, md5(w)::uuid, NEW.name FROM db_entitlement_words(NEW.name, NEW.description) AS w;
  RETURN NULL;
END $$;
CREATE TRIGGER db_entitlement_words_updated AFTER UPDATE OF name, description ON "Entitlement"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.description IS DISTINCT FROM NEW.description)
  EXECUTE FUNCTION db_entitlement_words_updated();

INSERT INTO "SearchWord" (id, word)
  SELECT DISTINCT md5(w)::uuid, w FROM "Entitlement" e, db_entitlement_words(e.name, e.description) AS w;
INSERT INTO "EntitlementWord" ("entitlementId", "wordId", name)
  SELECT e.id, md5(w)::uuid, e.name FROM "Entitlement" e, db_entitlement_words(e.name, e.description) AS w;

-- The words that contain a search word, by trigram (pg_trgm: 20261205041500).
CREATE INDEX "db_search_word_trgm" ON "SearchWord" USING gin ("word" gin_trgm_ops);
