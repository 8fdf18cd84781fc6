import type { TJobDefinition } from './define-job.ts';
import { accessReplanJob } from './definitions/access-replan.ts';
import { fulfilmentRemindJob } from './definitions/fulfilment-remind.ts';
import { provisioningApplyJob } from './definitions/provisioning-apply.ts';

/** Every job the worker runs. */
export const JOB_DEFINITIONS: TJobDefinition[] = [provisioningApplyJob, accessReplanJob, fulfilmentRemindJob] as unknown as TJobDefinition[];
