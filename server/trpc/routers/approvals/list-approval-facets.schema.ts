import { z } from 'zod';
import { ZApplicationRef, ZPersonRef } from '../shared.schema.ts';

export const ZListApprovalFacetsInput = z
  .object({ status: z.enum(['PENDING', 'DECIDED']).default('PENDING') })
  .default({ status: 'PENDING' });
export const ZListApprovalFacetsOutput = z.object({
  applications: z.array(ZApplicationRef),
  people: z.array(ZPersonRef),
});
export type TListApprovalFacetsOutput = z.infer<typeof ZListApprovalFacetsOutput>;
