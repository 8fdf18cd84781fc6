-- Fewer index entries a written row costs (docs/decisions/105). An HR delta of 5,000 people inserts
-- 11,044 operations, 15,376 audit events and 3,042 grants and rewrites 5,000 source records; every
-- row went into every index of its table, also those that serve only rows of another kind. Each index
-- below is either read by nothing another index does not serve, or read only for rows the delta never
-- writes: those become partial (named db_, kept out of schema.prisma), so a row outside their
-- predicate costs them nothing. Every reader names a value the predicate follows from (a status, a
-- `= x`, a range), so its plan is the one it had.

-- Operations: `(applicationId, status)` and `(status, createdAt)` serve nothing that
-- `(status, applicationId, createdAt)` (the open ones by application, the oldest waiting) and
-- `(applicationId, sequence)` (an application's list, an application's delete) do not.
DROP INDEX "ProvisioningOperation_applicationId_status_idx";
DROP INDEX "ProvisioningOperation_status_createdAt_idx";
-- Throughput (the overview: finished in the last hour) reads finished operations only; a new one is not.
DROP INDEX "ProvisioningOperation_status_finishedAt_idx";
CREATE INDEX "db_operation_finished" ON "ProvisioningOperation" ("status", "finishedAt") WHERE "finishedAt" IS NOT NULL;
-- Failures grouped by application and cause (the failures page, its retry, the overview's count)
-- read failed operations only.
DROP INDEX "ProvisioningOperation_status_applicationId_failureCause_idx";
CREATE INDEX "db_operation_failed" ON "ProvisioningOperation" ("applicationId", "failureCause") WHERE "status" = 'FAILED';

-- Audit events: the actor filter reads a person's events (a system actor has no id), the application
-- filter events that name an application (most of a sync's do not).
DROP INDEX "AuditEvent_actorId_occurredAt_idx";
CREATE INDEX "db_audit_event_actor" ON "AuditEvent" ("actorId", "occurredAt") WHERE "actorId" IS NOT NULL;
DROP INDEX "db_audit_event_application";
CREATE INDEX "db_audit_event_application" ON "AuditEvent" (("metadata"->>'applicationId'), "occurredAt", "id")
  WHERE "metadata"->>'applicationId' IS NOT NULL;

-- Grants: role grants are read by role, grants that end by their end (expiry, its warnings); a
-- birthright grant is neither.
DROP INDEX "Grant_roleId_status_idx";
CREATE INDEX "db_grant_role_status" ON "Grant" ("roleId", "status") WHERE "roleId" IS NOT NULL;
DROP INDEX "Grant_roleId_startsAt_idx";
CREATE INDEX "db_grant_role_starts" ON "Grant" ("roleId", "startsAt") WHERE "roleId" IS NOT NULL;
DROP INDEX "Grant_status_endsAt_idx";
CREATE INDEX "db_grant_ends" ON "Grant" ("status", "endsAt") WHERE "endsAt" IS NOT NULL;

-- Source records: a username and a SCIM User's raw externalId are what SCIM's records carry (manager
-- references, userName); an HR file's records carry neither.
DROP INDEX "db_source_record_username";
CREATE INDEX "db_source_record_username" ON "SourceRecord" ("sourceId", lower("data"->>'username'))
  WHERE "data"->>'username' IS NOT NULL;
DROP INDEX "db_source_record_raw_external_id";
CREATE INDEX "db_source_record_raw_external_id" ON "SourceRecord" ("sourceId", ("data"->'raw'->>'externalId'))
  WHERE "data"->'raw'->>'externalId' IS NOT NULL;
