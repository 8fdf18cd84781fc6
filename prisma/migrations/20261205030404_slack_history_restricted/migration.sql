-- DropForeignKey
ALTER TABLE "SlackUser" DROP CONSTRAINT "SlackUser_identityId_fkey";

-- DropForeignKey
ALTER TABLE "SlackMessage" DROP CONSTRAINT "SlackMessage_stepId_fkey";

-- DropForeignKey
ALTER TABLE "SlackMessage" DROP CONSTRAINT "SlackMessage_recipientId_fkey";

-- AddForeignKey
ALTER TABLE "SlackUser" ADD CONSTRAINT "SlackUser_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlackMessage" ADD CONSTRAINT "SlackMessage_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "ApprovalStep"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlackMessage" ADD CONSTRAINT "SlackMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
