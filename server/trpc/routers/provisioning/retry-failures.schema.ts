import { z } from 'zod';
import { MAX_BULK_RETRY } from '@/server/modules/provisioning/index.ts';
import { ZId } from '../shared.schema.ts';
import { ZCause } from './provisioning.schema.ts';

/** Either the operations ticked by hand, or a whole group (application and cause). */
export const ZRetryFailuresInput = z.union([
  z.object({ operationIds: z.array(ZId).min(1, 'Choose at least one failure').max(MAX_BULK_RETRY) }),
  z.object({ group: z.object({ applicationId: ZId, cause: ZCause.nullable() }) }),
]);
const ZRetryOutcome = z.object({
  id: z.string(),
  account: z.string(),
  application: z.string(),
  entitlement: z.string().nullable(),
  kind: z.string(),
});
export const ZRetryFailuresOutput = z.object({
  retried: z.array(ZRetryOutcome),
  skipped: z.array(ZRetryOutcome.extend({ reason: z.string() })),
  /** Failures of the group left for another retry (a call takes at most MAX_BULK_RETRY). */
  remaining: z.number(),
});
export type TRetryFailuresOutput = z.infer<typeof ZRetryFailuresOutput>;
