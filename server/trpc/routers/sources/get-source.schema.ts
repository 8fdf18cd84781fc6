import { z } from 'zod';
import { ZId } from '../shared.schema.ts';
import { ZSourceConfigOutput, ZSourceKind, ZSourceRunSummary } from './sources.schema.ts';

export const ZGetSourceInput = z.object({ sourceId: ZId });
export const ZGetSourceOutput = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  kind: ZSourceKind,
  enabled: z.boolean(),
  schedule: z.string().nullable(),
  precedence: z.number(),
  config: ZSourceConfigOutput,
  hasConnectionString: z.boolean(),
  runs: z.array(ZSourceRunSummary),
  /** The columns an upload is read by (from the mapping), required first. */
  expectedColumns: z.array(
    z.object({ column: z.string(), fields: z.array(z.string()), required: z.boolean(), example: z.string() }),
  ),
  /** A CSV with that header and one example row. */
  template: z.string(),
});
