-- DropForeignKey
ALTER TABLE "ReconciliationRun" DROP CONSTRAINT "ReconciliationRun_applicationId_fkey";

-- DropForeignKey
ALTER TABLE "ReconciliationFinding" DROP CONSTRAINT "ReconciliationFinding_runId_fkey";

-- DropForeignKey
ALTER TABLE "ReconciliationFinding" DROP CONSTRAINT "ReconciliationFinding_applicationId_fkey";

-- DropForeignKey
ALTER TABLE "ReconciliationFinding" DROP CONSTRAINT "ReconciliationFinding_accountId_fkey";

-- DropForeignKey
ALTER TABLE "ReconciliationFinding" DROP CONSTRAINT "ReconciliationFinding_entitlementId_fkey";

-- DropIndex
DROP INDEX "ReconciliationFinding_applicationId_status_idx";

-- CreateEnum
CREATE TYPE "EntitlementReview" AS ENUM ('UNREVIEWED', 'REVIEWED');

-- CreateEnum
CREATE TYPE "ReconciliationMode" AS ENUM ('FULL', 'INCREMENTAL', 'PERSON');

-- CreateEnum
CREATE TYPE "ReconciliationRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'HELD', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "FindingDecision" AS ENUM ('REVERT', 'ADOPT', 'EXCEPTION');

-- AlterEnum
ALTER TYPE "FindingKind" ADD VALUE 'LEAVER_ACCOUNT_ENABLED';

-- AlterEnum
ALTER TYPE "FindingKind" ADD VALUE 'ENTITLEMENT_VANISHED';

-- AlterEnum (by hand): IGNORED goes (an exception with an expiry replaces it), IN_PROGRESS and EXCEPTION come.
ALTER TYPE "FindingStatus" RENAME TO "FindingStatus_old";
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'EXCEPTION', 'RESOLVED');
ALTER TABLE "ReconciliationFinding" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "ReconciliationFinding" ALTER COLUMN "status" TYPE "FindingStatus"
  USING (CASE "status"::text WHEN 'IGNORED' THEN 'RESOLVED' ELSE "status"::text END)::"FindingStatus";
ALTER TABLE "ReconciliationFinding" ALTER COLUMN "status" SET DEFAULT 'OPEN';
DROP TYPE "FindingStatus_old";

-- CreateTable
CREATE TABLE "ObservedAccount" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "stableId" TEXT NOT NULL,
    "nativeId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "accountId" UUID,
    "targetModifiedAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRunId" UUID,
    "goneAt" TIMESTAMP(3),
    CONSTRAINT "ObservedAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObservedMembership" (
    "id" UUID NOT NULL,
    "observedAccountId" UUID NOT NULL,
    "entitlementId" UUID NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastRunId" UUID,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "ObservedMembership_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Application" ADD COLUMN "reconciliation" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN "review" "EntitlementReview" NOT NULL DEFAULT 'REVIEWED';

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN "lastSeenAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Entitlement" ADD COLUMN "vanishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "mode" "ReconciliationMode" NOT NULL DEFAULT 'FULL';

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "trigger" TEXT NOT NULL DEFAULT 'MANUAL';

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "requestedById" UUID;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "identityId" UUID;

-- AlterTable (by hand: text to an enum needs USING; nothing ever wrote a run, any stray one is FAILED)
ALTER TABLE "ReconciliationRun" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "ReconciliationRun" ALTER COLUMN "status" TYPE "ReconciliationRunStatus"
  USING (CASE WHEN "status" IN ('QUEUED', 'RUNNING', 'HELD', 'SUCCEEDED', 'FAILED') THEN "status" ELSE 'FAILED' END)::"ReconciliationRunStatus";
ALTER TABLE "ReconciliationRun" ALTER COLUMN "status" SET DEFAULT 'QUEUED';

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "accountsRead" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "membershipsRead" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "entitlementsRead" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "findingsOpened" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "findingsClosed" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "watermark" TEXT;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "heldReason" TEXT;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "confirmedById" UUID;

-- AlterTable
ALTER TABLE "ReconciliationRun" ADD COLUMN "confirmedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "lastRunId" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "factKey" TEXT NOT NULL DEFAULT '';
UPDATE "ReconciliationFinding" SET "factKey" = "kind"::text || ':' || "id"::text;
ALTER TABLE "ReconciliationFinding" ALTER COLUMN "factKey" DROP DEFAULT;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "identityId" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "observedAccountId" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "decision" "FindingDecision";

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "decisionReason" TEXT;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "decidedById" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "decidedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "exceptionUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "grantId" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "operationId" UUID;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ReconciliationFinding" ADD COLUMN "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Entitlement_applicationId_review_idx" ON "Entitlement"("applicationId", "review");

-- CreateIndex
CREATE INDEX "ReconciliationRun_status_idx" ON "ReconciliationRun"("status");

-- CreateIndex
CREATE INDEX "ObservedAccount_applicationId_nativeId_idx" ON "ObservedAccount"("applicationId", "nativeId");

-- CreateIndex
CREATE INDEX "ObservedAccount_accountId_idx" ON "ObservedAccount"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ObservedAccount_applicationId_stableId_key" ON "ObservedAccount"("applicationId", "stableId");

-- CreateIndex
CREATE INDEX "ObservedMembership_observedAccountId_entitlementId_idx" ON "ObservedMembership"("observedAccountId", "entitlementId");

-- CreateIndex
CREATE INDEX "ObservedMembership_entitlementId_firstSeenAt_idx" ON "ObservedMembership"("entitlementId", "firstSeenAt");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_applicationId_status_kind_idx" ON "ReconciliationFinding"("applicationId", "status", "kind");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_identityId_idx" ON "ReconciliationFinding"("identityId");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_entitlementId_status_idx" ON "ReconciliationFinding"("entitlementId", "status");

-- CreateIndex
CREATE INDEX "ReconciliationFinding_status_exceptionUntil_idx" ON "ReconciliationFinding"("status", "exceptionUntil");

-- AddForeignKey
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationRun" ADD CONSTRAINT "ReconciliationRun_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedAccount" ADD CONSTRAINT "ObservedAccount_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedAccount" ADD CONSTRAINT "ObservedAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedMembership" ADD CONSTRAINT "ObservedMembership_observedAccountId_fkey" FOREIGN KEY ("observedAccountId") REFERENCES "ObservedAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedMembership" ADD CONSTRAINT "ObservedMembership_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ReconciliationRun"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_observedAccountId_fkey" FOREIGN KEY ("observedAccountId") REFERENCES "ObservedAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReconciliationFinding" ADD CONSTRAINT "ReconciliationFinding_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- By hand (Prisma cannot express partial indexes): one finding per fact while it is not resolved,
-- and one open period per observed membership.
CREATE UNIQUE INDEX "db_ReconciliationFinding_open_fact" ON "ReconciliationFinding"("applicationId", "factKey") WHERE "status" <> 'RESOLVED';
CREATE UNIQUE INDEX "db_ObservedMembership_open" ON "ObservedMembership"("observedAccountId", "entitlementId") WHERE "endedAt" IS NULL;
