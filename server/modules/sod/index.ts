// The public surface of sod: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export { listCatalogConflicts } from './list-catalog-conflicts.ts';
export { ZSodRuleInput } from './sod-rule-schema.ts';
export { type TSodConflict, type TSodRef } from './sod-evaluation.ts';
export { sodRulesReadNow } from './load-sod-facts.ts';
export {
  checkSod,
  checkSodForMany,
  fromStoredSodCheck,
  toStoredSodCheck,
  type TSodCheck,
  type TSodConflictSummary,
} from './check-sod.ts';
export { blockBirthrightGrantsBySod } from './guard-birthright.ts';
export { holdAddsForSod } from './guard-provisioning.ts';
export { listSodItems, listSodRules, retireSodRule, saveSodRule } from './manage-sod-rules.ts';
export { listSodViolations, recordMitigation, revokeMitigation } from './manage-violations.ts';
export { previewSodRule } from './preview-sod-rule.ts';
export { recordSodMitigations, type TMitigationInput } from './record-mitigations.ts';
export { conflictsOfRoleChange, type TRoleChangeConflict } from './role-change-sod.ts';
export { conflictsWithinRole, type TRoleContentsConflict } from './role-contents-sod.ts';
export { runSodScan } from './run-sod-scan.ts';
