-- When a stage's clock last started (docs/decisions/112, stop 38): a follow that newly asks someone
-- restarts the clock, bounded by this fixed start plus twice the SLA, so repeated team changes cannot
-- postpone escalation without end. Stored as dueAt is (TIMESTAMP(3), UTC), so the two compare as like.
ALTER TABLE "ApprovalStage" ADD COLUMN "clockStartedAt" TIMESTAMP(3);

-- The stages under way: the best start known is the due date less the SLA.
UPDATE "ApprovalStage"
   SET "clockStartedAt" = "dueAt" - "slaHours" * interval '1 hour'
 WHERE status = 'PENDING' AND "dueAt" IS NOT NULL AND "slaHours" IS NOT NULL;
