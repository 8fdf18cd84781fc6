-- SCIM finds a manager reference, and a User by userName, among its source's records: without these
-- every write that names a manager scanned the source (Okta sends the manager on every update).
CREATE INDEX "db_source_record_username" ON "SourceRecord" ("sourceId", lower("data"->>'username'));
CREATE INDEX "db_source_record_raw_external_id" ON "SourceRecord" ("sourceId", ("data"->'raw'->>'externalId'));
