import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZResolveAttributeConflictInput = z.object({ conflictId: ZId, sourceId: ZId });
export const ZResolveAttributeConflictOutput = z.object({ status: z.literal('RESOLVED') });
