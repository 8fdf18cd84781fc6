-- AlterTable
ALTER TABLE "AccessRequest" ADD COLUMN "agentTokenId" UUID;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_agentTokenId_fkey" FOREIGN KEY ("agentTokenId") REFERENCES "ApiToken"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
