import type { TJobDefinition } from './define-job.ts';
import { ACCESS_GOVERNANCE_JOBS } from './access-governance-jobs.ts';
import { accessReplanJob } from './definitions/access-replan.ts';
import { auditVerifyJob } from './definitions/audit-verify.ts';
import { birthrightApplyJob } from './definitions/birthright-apply.ts';
import { catalogAggregateJob } from './definitions/catalog-aggregate.ts';
import { catalogPruneWordsJob } from './definitions/catalog-prune-words.ts';
import { fulfilmentRemindJob } from './definitions/fulfilment-remind.ts';
import { lifecycleSweepJob } from './definitions/lifecycle-sweep.ts';
import { provisioningApplyJob } from './definitions/provisioning-apply.ts';
import { reconciliationReopenExceptionsJob } from './definitions/reconciliation-reopen-exceptions.ts';
import { reconciliationRunJob } from './definitions/reconciliation-run.ts';
import { sourcesRunJob } from './definitions/sources-run.ts';
import { sourcesWatchJob } from './definitions/sources-watch.ts';

/** Every job the worker runs. */
export const JOB_DEFINITIONS: TJobDefinition[] = [
  provisioningApplyJob,
  accessReplanJob,
  fulfilmentRemindJob,
  sourcesRunJob,
  sourcesWatchJob,
  lifecycleSweepJob,
  birthrightApplyJob,
  auditVerifyJob,
  reconciliationRunJob,
  reconciliationReopenExceptionsJob,
  catalogAggregateJob,
  catalogPruneWordsJob,
  ...ACCESS_GOVERNANCE_JOBS,
] as unknown as TJobDefinition[];
