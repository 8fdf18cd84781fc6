-- CreateTable
CREATE TABLE "HeldAccess" (
    "applicationId" UUID NOT NULL,
    "identityId" UUID NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "HeldAccess_pkey" PRIMARY KEY ("applicationId", "identityId")
);

-- AlterTable
ALTER TABLE "Application" ADD COLUMN "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Application" ADD COLUMN "disabledById" UUID;

-- CreateIndex
CREATE INDEX "HeldAccess_identityId_idx" ON "HeldAccess"("identityId");

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_disabledById_fkey" FOREIGN KEY ("disabledById") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldAccess" ADD CONSTRAINT "HeldAccess_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldAccess" ADD CONSTRAINT "HeldAccess_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written note (docs/decisions/111): HeldAccess is a work marker, not history. planAccess keeps
-- the marks of the people it plans equal to the changes it left unapplied in disabled applications,
-- so rows are deleted when their changes are applied (or no longer wanted); an application's or a
-- person's deletion takes its marks with it. Applications disabled before this migration have no
-- marks for the plans made while they were disabled: enabling one still re-plans all its people.
