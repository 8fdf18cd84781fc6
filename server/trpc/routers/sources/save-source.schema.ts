import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZSourceConfigInput, ZSourceKind } from './sources.schema.ts';

export const ZSaveSourceInput = z.object({
  id: ZId.optional(),
  key: z
    .string()
    .trim()
    .min(2, 'key: at least 2 characters')
    .max(60)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes'),
  name: z.string().trim().min(1, 'name: required').max(120),
  kind: ZSourceKind,
  enabled: z.boolean(),
  schedule: z.string().trim().max(120).nullable(),
  precedence: z.number().int().min(0, 'precedence: 0 or more').max(10_000),
  config: ZSourceConfigInput,
  connectionString: z.string().max(2_000).optional(),
});
export const ZSaveSourceOutput = z.object({ id: z.string() });
