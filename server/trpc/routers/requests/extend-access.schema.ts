import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZJustification } from './create-request.schema.ts';

export const ZExtendAccessInput = z.object({
  grantId: ZId,
  requestedEndsAt: z.coerce.date({ message: 'requestedEndsAt: not a date' }),
  justification: ZJustification,
});
export const ZExtendAccessOutput = z.object({ id: z.string(), status: z.string() });
