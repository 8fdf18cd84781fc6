-- SoD violations and mitigating controls are history an auditor reads "now and in the past": a rule
-- is retired (retiredAt, off), never deleted, and deleting one that has history is refused.
ALTER TABLE "SodRule" ADD COLUMN "retiredAt" TIMESTAMP(3);

ALTER TABLE "SodMitigation" DROP CONSTRAINT "SodMitigation_ruleId_fkey";
ALTER TABLE "SodMitigation" ADD CONSTRAINT "SodMitigation_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "SodRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "SodViolation" DROP CONSTRAINT "SodViolation_ruleId_fkey";
ALTER TABLE "SodViolation" ADD CONSTRAINT "SodViolation_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "SodRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
