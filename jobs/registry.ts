import type { TJobDefinition } from './define-job.ts';
import { fulfilmentRemindJob } from './definitions/fulfilment-remind.ts';
import { provisioningApplyJob } from './definitions/provisioning-apply.ts';

/** Every job the worker runs. */
export const JOB_DEFINITIONS: TJobDefinition[] = [provisioningApplyJob, fulfilmentRemindJob] as unknown as TJobDefinition[];
