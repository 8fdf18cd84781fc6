// The public surface of provisioning: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export { ACCOUNT_NAME_MAX, nameAccount, nameProblem, pickUsername } from './account-naming.ts';
export { listAccountRules, previewAccountRules, saveAccountRules } from './account-rules-admin.ts';
export { applicationMapping } from './application-mapping.ts';
export { applyJobs } from './apply-operations.ts';
export {
  asciiFold,
  renderMapping,
  renderTemplate,
  untransliterable,
  type TMapping,
  type TMappingSource,
} from './attribute-mapping.ts';
export { ConnectorCache } from './connector-cache.ts';
export { MAX_CAUSE_LENGTH } from './failure-cause.ts';
export { getProvisioningOverview } from './get-provisioning-overview.ts';
export { handToFulfilment } from './hand-to-fulfilment.ts';
export { listFailureGroups } from './list-failure-groups.ts';
export { listOperations } from './list-operations.ts';
export { cancelOperation, retryOperation } from './manage-operation.ts';
export { loadOperationForApply } from './operation-repository.ts';
export { planAccess, type TPlanDeps, type TPlannedOperation } from './plan-access.ts';
export { commitObservedMembership, planFromObserved, planOrphanCorrection } from './plan-from-observed.ts';
export { type TPlanningIdentity } from './planning-facts.ts';
export { recordOperationSuccesses } from './record-operation-result.ts';
export { replanAccess } from './replan-access.ts';
export { MAX_BULK_RETRY, retryFailures } from './retry-failures.ts';
export { targetLimits } from './target-limits.ts';
