// The public surface of policy: what other modules, routers, jobs and route handlers may import.
// Everything else in this folder is its own (dependency-cruiser `modules-import-public-surfaces`).
export {
  diffAccess,
  type TAccessChange,
  type TApplicationPolicy,
  type TAttributes,
  type TObservedDrift,
  type TPlannedAccount,
} from './access-diff.ts';
export {
  accountPosture,
  computeDesiredAccess,
  isGrantInForce,
  type TEntitlementFacts,
  type TGrantFacts,
  type TIdentityFacts,
  type TPolicyCatalog,
} from './desired-access.ts';
