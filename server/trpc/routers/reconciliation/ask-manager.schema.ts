import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZAskManagerInput = z.object({ findingId: ZId });
export const ZAskManagerOutput = z.object({
  askId: z.string(),
  managerName: z.string(),
  alreadyAsked: z.boolean(),
});
