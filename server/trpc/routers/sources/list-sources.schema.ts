import { z } from 'zod';
import { ZSourceKind, ZSourceRunSummary } from './sources.schema.ts';

export const ZListSourcesOutput = z.array(
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    kind: ZSourceKind,
    enabled: z.boolean(),
    schedule: z.string().nullable(),
    precedence: z.number(),
    records: z.number(),
    heldRuns: z.number(),
    lastRun: ZSourceRunSummary.nullable(),
  }),
);
