import { z } from 'zod';
import { ZApplicationRef } from '../shared.schema.ts';

export const ZFailureGroup = z.object({
  application: ZApplicationRef,
  /** Null for failures recorded before causes were, or by a path that names none. */
  cause: z.string().nullable(),
  count: z.number(),
  lastFailedAt: z.date().nullable(),
});
export const ZListFailureGroupsOutput = z.object({ groups: z.array(ZFailureGroup) });
export type TFailureGroup = z.infer<typeof ZFailureGroup>;
