import { z } from 'zod';
import { MAX_CAUSE_LENGTH } from '@/server/modules/provisioning/index.ts';
import { ZId } from '../shared.schema.ts';

export const ZOperationStatus = z.enum([
  'PENDING',
  'RUNNING',
  'RETRYING',
  'WAITING',
  'SUCCEEDED',
  'NOOP',
  'FAILED',
  'CANCELLED',
]);
const ZPersonRef = z.object({ id: z.string(), displayName: z.string() });
/** The people whose changes a disabled application holds back (docs/decisions/111): a count, the first few named. */
export const ZHeldAccess = z.object({
  count: z.number(),
  /** When the longest-waiting change was first held. */
  since: z.date().nullable(),
  people: z.array(ZPersonRef),
});
export const ZOverview = z.object({
  applications: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      connectorType: z.string(),
      enabled: z.boolean(),
      concurrency: z.number(),
      pending: z.number(),
      running: z.number(),
      retrying: z.number(),
      waiting: z.number(),
      failed: z.number(),
      doneLastHour: z.number(),
      perMinute: z.number(),
      oldestPendingSeconds: z.number().nullable(),
      /** When and by whom it was disabled; null while enabled or when not recorded. */
      disabledAt: z.date().nullable(),
      disabledBy: ZPersonRef.nullable(),
      held: ZHeldAccess,
    }),
  ),
  queues: z.array(
    z.object({
      name: z.string(),
      queued: z.number(),
      active: z.number(),
      failed: z.number(),
      deferred: z.number(),
    }),
  ),
});
export const ZCause = z.string().max(MAX_CAUSE_LENGTH);
export const ZListOperationsInput = z.object({
  applicationId: ZId.optional(),
  identityId: ZId.optional(),
  statuses: z.array(ZOperationStatus).max(8).optional(),
  /** Failures of one cause; null: those recorded without a cause. */
  failureCause: ZCause.nullable().optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZOperationRow = z.object({
  id: z.string(),
  kind: z.string(),
  status: ZOperationStatus,
  reason: z.string(),
  attempts: z.number(),
  outcome: z.string().nullable(),
  errorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  failureCause: z.string().nullable(),
  /** The error preceded by the account and person it is about. */
  message: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  nativeId: z.string().nullable(),
  application: z.object({ id: z.string(), name: z.string() }),
  identity: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  entitlement: z.object({ id: z.string(), name: z.string() }).nullable(),
  account: z.object({ username: z.string(), nativeId: z.string().nullable() }).nullable(),
  /** The caller may cancel it: not yet in effect, and not about their own access (then another admin does). */
  canCancel: z.boolean(),
});
export const ZListOperationsOutput = z.object({
  items: z.array(ZOperationRow),
  nextCursor: z.string().nullable(),
});
export type TOperationRow = z.infer<typeof ZOperationRow>;
