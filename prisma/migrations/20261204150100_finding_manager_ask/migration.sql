-- CreateEnum
CREATE TYPE "ManagerAnswer" AS ENUM ('EXPECTED', 'NOT_EXPECTED');

-- CreateTable
CREATE TABLE "FindingManagerAsk" (
    "id" UUID NOT NULL,
    "findingId" UUID NOT NULL,
    "managerId" UUID NOT NULL,
    "askedById" UUID NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" "ManagerAnswer",
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3),
    CONSTRAINT "FindingManagerAsk_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FindingManagerAsk_findingId_askedAt_idx" ON "FindingManagerAsk"("findingId", "askedAt");

-- CreateIndex
CREATE INDEX "FindingManagerAsk_managerId_idx" ON "FindingManagerAsk"("managerId");

-- AddForeignKey
ALTER TABLE "FindingManagerAsk" ADD CONSTRAINT "FindingManagerAsk_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "ReconciliationFinding"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingManagerAsk" ADD CONSTRAINT "FindingManagerAsk_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingManagerAsk" ADD CONSTRAINT "FindingManagerAsk_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One open ask per finding: asking again while the manager has not answered is the same ask.
CREATE UNIQUE INDEX "db_finding_manager_ask_one_open" ON "FindingManagerAsk" ("findingId") WHERE "answeredAt" IS NULL;
-- An answer comes with its time, and only then.
ALTER TABLE "FindingManagerAsk" ADD CONSTRAINT "db_finding_manager_ask_answered" CHECK (("answer" IS NULL) = ("answeredAt" IS NULL));
