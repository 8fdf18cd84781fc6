-- CreateTable
CREATE TABLE "AuditSeal" (
    "seq" BIGINT NOT NULL,
    "eventId" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,
    "prevHash" BYTEA NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "AuditVerification" (
    "id" BIGSERIAL NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "actorId" UUID,
    "ok" BOOLEAN NOT NULL,
    "checkedSeals" INTEGER NOT NULL,
    "unsealedEvents" INTEGER NOT NULL,
    "headSeq" BIGINT,
    "headHash" BYTEA,
    "breakReason" TEXT,
    "brokenEventId" BIGINT,
    "brokenSeq" BIGINT,
    "breakDetail" TEXT,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditSeal_eventId_key" ON "AuditSeal"("eventId");

-- CreateIndex
CREATE INDEX "AuditSeal_sealedAt_idx" ON "AuditSeal"("sealedAt");

-- CreateIndex
CREATE INDEX "AuditVerification_verifiedAt_idx" ON "AuditVerification"("verifiedAt");

-- AddForeignKey
ALTER TABLE "AuditSeal" ADD CONSTRAINT "AuditSeal_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─── The audit trail and its seals are append-only (docs/decisions/051) ───
-- Triggers stop the owner's ordinary statements (a mistaken UPDATE, a cleanup script); the portal's
-- own role cannot even try, as it holds no UPDATE, DELETE or TRUNCATE privilege on these tables
-- (server/db/app-role.ts). What a superuser can still do to the rows, the hash chain reveals.
CREATE FUNCTION db_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER db_append_only BEFORE UPDATE OR DELETE ON "AuditSeal" FOR EACH STATEMENT EXECUTE FUNCTION db_append_only();
CREATE TRIGGER db_append_only_truncate BEFORE TRUNCATE ON "AuditSeal" FOR EACH STATEMENT EXECUTE FUNCTION db_append_only();
CREATE TRIGGER db_append_only BEFORE UPDATE OR DELETE ON "AuditVerification" FOR EACH STATEMENT EXECUTE FUNCTION db_append_only();
CREATE TRIGGER db_append_only_truncate BEFORE TRUNCATE ON "AuditVerification" FOR EACH STATEMENT EXECUTE FUNCTION db_append_only();
-- AuditEvent already refuses UPDATE and DELETE row by row (init); TRUNCATE skips row triggers.
CREATE TRIGGER db_append_only_truncate BEFORE TRUNCATE ON "AuditEvent" FOR EACH STATEMENT EXECUTE FUNCTION db_append_only();

ALTER TABLE "AuditSeal" ADD CONSTRAINT "db_audit_seal_shape" CHECK ("seq" > 0 AND octet_length("hash") = 32 AND octet_length("prevHash") = 32);
