import { z } from 'zod';
import { ReconciliationMode, ReconciliationRunStatus } from '@/prisma/generated/enums.ts';
import { ZId } from '../shared.schema.ts';
import { ZFindingWithContext } from './list-findings.schema.ts';

export const ZGetFindingInput = z.object({ findingId: ZId });

const ZRunRef = z
  .object({
    id: z.string(),
    mode: z.enum(ReconciliationMode),
    trigger: z.string(),
    status: z.enum(ReconciliationRunStatus),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
  })
  .nullable();

export const ZGetFindingOutput = ZFindingWithContext.extend({
  firstRun: ZRunRef,
  lastRun: ZRunRef,
  details: z.string(),
  /** An adoption waiting for the entitlement owner's approval; null when none waits. */
  adoptionApproval: z.object({ mayApprove: z.boolean() }).nullable(),
  /** What this reader may do with it: decide, ask the person's manager, answer as that manager. */
  viewer: z.object({
    asManager: z.boolean(),
    mayDecide: z.boolean(),
    mayAskManager: z.boolean(),
    mayAnswer: z.boolean(),
  }),
});
