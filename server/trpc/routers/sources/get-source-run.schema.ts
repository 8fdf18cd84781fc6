import { z } from 'zod';
import { ZId, ZPersonRef } from '../shared.schema.ts';
import { ZReportEntry, ZSourceKind, ZSourceRunSummary } from './sources.schema.ts';

const ZRunPeople = z.array(
  z.object({
    id: z.string(),
    displayName: z.string(),
    username: z.string(),
    department: z.string().nullable(),
    title: z.string().nullable(),
  }),
);

export const ZGetSourceRunInput = z.object({ runId: ZId });
export const ZGetSourceRunOutput = ZSourceRunSummary.extend({
  source: z.object({ id: z.string(), name: z.string(), kind: ZSourceKind }),
  report: z.array(ZReportEntry),
  confirmedBy: ZPersonRef.nullable(),
  /** Held, and the caller may confirm it: false on a run that changes the caller's own record (decideHeldRun refuses it). */
  canDecide: z.boolean(),
  /** Why the caller may not confirm this held run, as the page says it; null otherwise. */
  cannotDecideReason: z.string().nullable(),
  /** Who joined, moved, left and came back in this run (the first 500 of each; the stats count them all). */
  people: z.object({ joiners: ZRunPeople, movers: ZRunPeople, leavers: ZRunPeople, rehires: ZRunPeople }),
});
