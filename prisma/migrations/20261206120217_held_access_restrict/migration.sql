-- A held mark is work still owed (docs/decisions/111): deleting its application or its person must not
-- drop it silently, as Cascade did. Restrict, as every reference with history in this schema; who disabled
-- an application is a fact of its record, kept rather than set to NULL.
ALTER TABLE "HeldAccess" DROP CONSTRAINT "HeldAccess_applicationId_fkey";
ALTER TABLE "HeldAccess" ADD CONSTRAINT "HeldAccess_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "HeldAccess" DROP CONSTRAINT "HeldAccess_identityId_fkey";
ALTER TABLE "HeldAccess" ADD CONSTRAINT "HeldAccess_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Application" DROP CONSTRAINT "Application_disabledById_fkey";
ALTER TABLE "Application" ADD CONSTRAINT "Application_disabledById_fkey" FOREIGN KEY ("disabledById") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
