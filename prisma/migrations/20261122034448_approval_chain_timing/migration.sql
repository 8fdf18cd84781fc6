-- AlterTable
ALTER TABLE "ApprovalStage" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'APPROVAL';

-- AlterTable
ALTER TABLE "ApprovalStage" ADD COLUMN "slaHours" INTEGER;

-- AlterTable
ALTER TABLE "ApprovalStage" ADD COLUMN "reminderHours" INTEGER;

-- AlterTable
ALTER TABLE "ApprovalStage" ADD COLUMN "remindAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ApprovalStep" ADD COLUMN "escalatedFromId" UUID;

-- CreateIndex
CREATE INDEX "ApprovalStage_status_remindAt_idx" ON "ApprovalStage"("status", "remindAt");

-- Guarantees only SQL can express (db_ objects are skipped by the schema drift check).
ALTER TABLE "ApprovalStage" ADD CONSTRAINT "db_stage_kind" CHECK ("kind" IN ('APPROVAL', 'SOD_MITIGATION'));
ALTER TABLE "ApprovalStage" ADD CONSTRAINT "db_stage_timing_positive" CHECK (("slaHours" IS NULL OR "slaHours" > 0) AND ("reminderHours" IS NULL OR "reminderHours" > 0));

-- One open violation per person and rule: two scans running at once record it once.
CREATE UNIQUE INDEX "db_sod_violation_open_unique" ON "SodViolation" ("ruleId", "identityId") WHERE "resolvedAt" IS NULL;
