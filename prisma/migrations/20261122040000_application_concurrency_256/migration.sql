-- Workers apply operations in batches, so a target's limit on operations in flight can be higher
-- than its number of connections.
ALTER TABLE "Application" DROP CONSTRAINT "db_application_concurrency";
ALTER TABLE "Application" ADD CONSTRAINT "db_application_concurrency" CHECK ("concurrency" BETWEEN 1 AND 256);
