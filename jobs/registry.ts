import type { TJobDefinition } from './define-job.ts';
import { provisioningApplyJob } from './definitions/provisioning-apply.ts';

/** Every job the worker runs. */
export const JOB_DEFINITIONS: TJobDefinition[] = [provisioningApplyJob as unknown as TJobDefinition];
