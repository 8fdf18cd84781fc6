import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZTemplates } from './applications.schema.ts';

export const ZPreviewMappingChangeInput = z.object({ id: ZId, attributeMapping: ZTemplates });
export const ZPreviewMappingChangeOutput = z.object({
  /** People with a live account in the application. */
  accounts: z.number(),
  /** Of them, whose account the new mapping would write. */
  changed: z.number(),
  /** Of them, who would lose a value the account has now. */
  emptied: z.number(),
  sample: z.array(z.object({ id: z.string(), displayName: z.string() })),
  massChange: z.object({
    affected: z.number(),
    population: z.number(),
    percent: z.number(),
    isHeld: z.boolean(),
  }),
});
