import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZEndSessionsInput = z.object({ identityId: ZId });
export const ZEndSessionsOutput = z.object({ sessionsEnded: z.literal(true) });
