-- CreateTable
CREATE TABLE "SlackUser" (
    "identityId" UUID NOT NULL,
    "slackUserId" TEXT,
    "email" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SlackUser_pkey" PRIMARY KEY ("identityId")
);

-- CreateTable
CREATE TABLE "SlackMessage" (
    "id" UUID NOT NULL,
    "stepId" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3),
    CONSTRAINT "SlackMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackInteraction" (
    "signature" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SlackInteraction_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackUser_slackUserId_key" ON "SlackUser"("slackUserId");

-- CreateIndex
CREATE INDEX "SlackMessage_requestId_idx" ON "SlackMessage"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "SlackMessage_channel_ts_key" ON "SlackMessage"("channel", "ts");

-- AddForeignKey
ALTER TABLE "SlackUser" ADD CONSTRAINT "SlackUser_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlackMessage" ADD CONSTRAINT "SlackMessage_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "ApprovalStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlackMessage" ADD CONSTRAINT "SlackMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
