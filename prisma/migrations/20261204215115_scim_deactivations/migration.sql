-- CreateTable
CREATE TABLE "ScimDeactivation" (
    "id" UUID NOT NULL,
    "sourceId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "document" JSONB,
    "status" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    CONSTRAINT "ScimDeactivation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScimDeactivation_sourceId_receivedAt_idx" ON "ScimDeactivation"("sourceId", "receivedAt");

-- CreateIndex
CREATE INDEX "ScimDeactivation_sourceId_status_idx" ON "ScimDeactivation"("sourceId", "status");

-- CreateIndex
CREATE INDEX "ScimDeactivation_identityId_idx" ON "ScimDeactivation"("identityId");

-- AddForeignKey
ALTER TABLE "ScimDeactivation" ADD CONSTRAINT "ScimDeactivation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimDeactivation" ADD CONSTRAINT "ScimDeactivation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimDeactivation" ADD CONSTRAINT "ScimDeactivation_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
