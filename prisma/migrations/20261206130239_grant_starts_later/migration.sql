-- Hand-written: grants written to start later than they were written. Nothing
-- planned them in force when they were written, so the grants.start job plans their people when
-- their start comes (startGrants, server/modules/access/start-grants.ts). Partial (docs/decisions/105):
-- a grant that starts as it is written (every request, direct grant and birthright grant today) goes
-- into no index here, and neither column of the predicate is ever updated, so no write loses HOT.
CREATE INDEX "db_grant_starts_later" ON "Grant" ("startsAt") WHERE "startsAt" > "createdAt";
