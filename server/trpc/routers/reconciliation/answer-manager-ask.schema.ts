import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZAnswerManagerAskInput = z.object({
  findingId: ZId,
  answer: z.enum(['EXPECTED', 'NOT_EXPECTED'], { error: 'must be expected or not expected' }),
  comment: z.string().trim().max(1000).nullish(),
});
export const ZAnswerManagerAskOutput = z.object({
  askId: z.string(),
  answer: z.enum(['EXPECTED', 'NOT_EXPECTED']),
});
