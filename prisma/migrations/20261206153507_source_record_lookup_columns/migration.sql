-- A source record's SCIM username (folded) and a SCIM User's raw externalId, the two values a manager
-- reference is looked up by (resolve-managers.ts), become stored generated columns with plain partial
-- indexes, and the table leaves room on its pages (docs/decisions/102, stop 35).
-- Why: an index on an expression over "data" makes every UPDATE that changes "data" a non-HOT update
-- (PostgreSQL sees only that an indexed column changed), so each changed HR record wrote a new entry
-- into all its indexes although an HR record has neither value. A generated column is compared by
-- value: an HR record's stays NULL, no indexed column changes, and with room on the page the update is
-- HOT and writes no index entry. The columns are named db_ (outside schema.prisma: Prisma cannot
-- declare a generated column, and the portal only reads them, in SQL).
-- The fillfactor is set first, so the rewrite that ADD COLUMN ... STORED makes leaves the room.
ALTER TABLE "SourceRecord" SET (fillfactor = 85);
DROP INDEX "db_source_record_username";
DROP INDEX "db_source_record_raw_external_id";
ALTER TABLE "SourceRecord"
  ADD COLUMN "db_username" text GENERATED ALWAYS AS (lower("data"->>'username')) STORED,
  ADD COLUMN "db_raw_external_id" text GENERATED ALWAYS AS ("data"->'raw'->>'externalId') STORED;
CREATE INDEX "db_source_record_username" ON "SourceRecord" ("sourceId", "db_username")
  WHERE "db_username" IS NOT NULL;
CREATE INDEX "db_source_record_raw_external_id" ON "SourceRecord" ("sourceId", "db_raw_external_id")
  WHERE "db_raw_external_id" IS NOT NULL;
