-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_id_idx" ON "AuditEvent"("occurredAt", "id");

-- The audit log's application filter (docs/decisions/052): events that name their application in
-- metadata.applicationId, newest first.
CREATE INDEX "db_audit_event_application" ON "AuditEvent" (("metadata"->>'applicationId'), "occurredAt", "id");
