// The public surface of provisioning: what other modules, routers, jobs, route handlers and tests outside it
// may import (dependency-cruiser `modules-import-public-surfaces`); its other files are its own.
// Order matters: files that reach no other module come first, then each file after the files it
// imports, so that what a file reads at load time (a zod schema, a constant) has been evaluated. No
// module imports another in a cycle any more (no-cycles-between-modules, docs/decisions/097).
export {
  asciiFold,
  MAPPING_SOURCE_SELECT,
  renderMapping,
  SAMPLE_PERSON,
  renderTemplate,
  untransliterable,
  type TMapping,
  type TMappingSource,
} from './attribute-mapping.ts';
export { ACCOUNT_NAME_MAX, nameAccount, nameProblem, pickUsername } from './account-naming.ts';
export { applicationMapping } from './application-mapping.ts';
export { ConnectorCache } from './connector-cache.ts';
export { MAX_CAUSE_LENGTH } from './failure-cause.ts';
export { loadProvisioningOperations } from './operation-evidence.ts';
export { NOTHING_HELD, summariseHeldAccess, type THeldSummary } from './held-access.ts';
export { getProvisioningOverview } from './get-provisioning-overview.ts';
export { listFailureGroups } from './list-failure-groups.ts';
export { listOperations } from './list-operations.ts';
export { loadOperationForApply } from './operation-repository.ts';
export { type TPlanningIdentity } from './planning-facts.ts';
export { targetLimits } from './target-limits.ts';
export { listAccountRules, previewAccountRules, saveAccountRules } from './account-rules-admin.ts';
export { handToFulfilment } from './hand-to-fulfilment.ts';
export { recordOperationSuccesses } from './record-operation-result.ts';
export { applyJobs } from './apply-operations.ts';
export { cancelOperation, retryOperation } from './manage-operation.ts';
export { planAccess, SOD_INLINE_PEOPLE, type TPlanDeps, type TPlannedOperation } from './plan-access.ts';
export { commitObservedMembership, planFromObserved, planOrphanCorrection } from './plan-from-observed.ts';
export { replanAccess, replanHeldOnEnabled } from './replan-access.ts';
export { MAX_BULK_RETRY, retryFailures } from './retry-failures.ts';
