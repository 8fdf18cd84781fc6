import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZDecideHeldRunInput = z.object({ runId: ZId, decision: z.enum(['CONFIRM', 'DISCARD']) });
export const ZDecideHeldRunOutput = z.object({ status: z.string() });
