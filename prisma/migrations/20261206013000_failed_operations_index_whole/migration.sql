-- docs/decisions/105, review: the partial failures index (status = 'FAILED') had no reader. Prisma
-- writes an enum filter as `status = CAST($1::text AS "OperationStatus")`, and the cast's function
-- (enum_in) is STABLE, so even with the value bound the planner never sees `status = 'FAILED'` and
-- cannot prove the index's predicate: a failure group's retry and the failures page read every failed
-- operation of the application and filtered the cause row by row. The whole index is back, as before
-- 105; a new operation goes into it again (one entry of nine).
DROP INDEX "db_operation_failed";
CREATE INDEX "ProvisioningOperation_status_applicationId_failureCause_idx" ON "ProvisioningOperation"("status", "applicationId", "failureCause");
