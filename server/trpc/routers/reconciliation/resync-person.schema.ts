import { z } from 'zod';
import { ZId } from '../shared.schema.ts';

export const ZResyncPersonInput = z.object({ identityId: ZId });
export const ZResyncPersonOutput = z.object({
  runIds: z.array(z.string()),
  skipped: z.array(z.object({ applicationId: z.string(), name: z.string(), reason: z.string() })),
});
