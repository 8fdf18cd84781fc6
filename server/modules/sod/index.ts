// The public surface of sod: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
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
export { listCatalogConflicts } from './list-catalog-conflicts.ts';
export { deleteSodRule, listSodItems, listSodRules, saveSodRule } from './manage-sod-rules.ts';
export { listSodViolations, recordMitigation, revokeMitigation } from './manage-violations.ts';
export { previewSodRule } from './preview-sod-rule.ts';
export { recordSodMitigations, type TMitigationInput } from './record-mitigations.ts';
export { conflictsOfRoleChange, type TRoleChangeConflict } from './role-change-sod.ts';
export { runSodScan } from './run-sod-scan.ts';
export { type TSodConflict, type TSodRef } from './sod-evaluation.ts';
export { ZSodRuleInput } from './sod-rule-schema.ts';
