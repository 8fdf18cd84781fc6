-- CreateEnum
CREATE TYPE "ReviewCampaignKind" AS ENUM ('CAMPAIGN', 'MOVER');

-- CreateEnum
CREATE TYPE "ReviewCampaignStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'ACTIVE', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ReviewerKind" AS ENUM ('MANAGER', 'OWNER', 'TEAM', 'PERSON');

-- CreateEnum
CREATE TYPE "ReviewUndecidedAction" AS ENUM ('KEEP', 'REVOKE', 'ESCALATE');

-- CreateEnum
CREATE TYPE "ReviewRevokeTiming" AS ENUM ('IMMEDIATE', 'AT_CLOSE');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('PENDING', 'KEPT', 'REVOKED', 'ENDED');

-- CreateEnum
CREATE TYPE "ReviewDecisionKind" AS ENUM ('KEEP', 'REVOKE', 'REASSIGN', 'ESCALATE');

-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "kind" "ReviewCampaignKind" NOT NULL DEFAULT 'CAMPAIGN',
    "status" "ReviewCampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "undecidedAction" "ReviewUndecidedAction" NOT NULL DEFAULT 'KEEP',
    "revokeTiming" "ReviewRevokeTiming" NOT NULL DEFAULT 'IMMEDIATE',
    "recurrenceMonths" INTEGER,
    "parentId" UUID,
    "subjectId" UUID,
    "createdById" UUID,
    "startedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewStage" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "reviewerKind" "ReviewerKind" NOT NULL,
    "teamId" UUID,
    "reviewerId" UUID,
    CONSTRAINT "ReviewStage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "grantId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "entitlementId" UUID,
    "roleId" UUID,
    "stage" INTEGER NOT NULL DEFAULT 1,
    "reviewerId" UUID,
    "reviewerTeamId" UUID,
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'PENDING',
    "context" JSONB NOT NULL DEFAULT '{}',
    "recommendation" TEXT,
    "decidedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" UUID NOT NULL,
    "itemId" UUID NOT NULL,
    "stage" INTEGER NOT NULL,
    "decision" "ReviewDecisionKind" NOT NULL,
    "comment" TEXT,
    "deciderId" UUID,
    "reassignedToId" UUID,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCampaign_status_startsAt_idx" ON "ReviewCampaign"("status", "startsAt");

-- CreateIndex
CREATE INDEX "ReviewCampaign_status_dueAt_idx" ON "ReviewCampaign"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewCampaign_parentId_idx" ON "ReviewCampaign"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewStage_campaignId_position_key" ON "ReviewStage"("campaignId", "position");

-- CreateIndex
CREATE INDEX "ReviewItem_reviewerId_status_idx" ON "ReviewItem"("reviewerId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_reviewerTeamId_status_idx" ON "ReviewItem"("reviewerTeamId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_status_idx" ON "ReviewItem"("campaignId", "status");

-- CreateIndex
CREATE INDEX "ReviewItem_grantId_decidedAt_idx" ON "ReviewItem"("grantId", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewItem_identityId_idx" ON "ReviewItem"("identityId");

-- CreateIndex
CREATE INDEX "ReviewItem_entitlementId_idx" ON "ReviewItem"("entitlementId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewItem_campaignId_grantId_key" ON "ReviewItem"("campaignId", "grantId");

-- CreateIndex
CREATE INDEX "ReviewDecision_itemId_decidedAt_idx" ON "ReviewDecision"("itemId", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_deciderId_idx" ON "ReviewDecision"("deciderId");

-- AddForeignKey
ALTER TABLE "ReviewCampaign" ADD CONSTRAINT "ReviewCampaign_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewCampaign" ADD CONSTRAINT "ReviewCampaign_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewCampaign" ADD CONSTRAINT "ReviewCampaign_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewStage" ADD CONSTRAINT "ReviewStage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewStage" ADD CONSTRAINT "ReviewStage_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewStage" ADD CONSTRAINT "ReviewStage_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "Grant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_reviewerTeamId_fkey" FOREIGN KEY ("reviewerTeamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ReviewItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reassignedToId_fkey" FOREIGN KEY ("reassignedToId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
