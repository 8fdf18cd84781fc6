import { z } from 'zod';
import { ZId, ZPersonRef } from '../shared.schema.ts';
import { ZReportEntry, ZSourceKind, ZSourceRunSummary } from './sources.schema.ts';

export const ZGetSourceRunInput = z.object({ runId: ZId });
export const ZGetSourceRunOutput = ZSourceRunSummary.extend({
  source: z.object({ id: z.string(), name: z.string(), kind: ZSourceKind }),
  report: z.array(ZReportEntry),
  confirmedBy: ZPersonRef.nullable(),
});
