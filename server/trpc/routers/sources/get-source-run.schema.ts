import { z } from 'zod';
import { ZId, ZPersonRef } from '../shared.schema.ts';
import { ZReportEntry, ZSourceKind, ZSourceRunSummary } from './sources.schema.ts';

const ZRunPerson = z.object({
  id: z.string(),
  displayName: z.string(),
  username: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
});
const ZRunPeople = z.array(ZRunPerson);

export const ZGetSourceRunInput = z.object({ runId: ZId });
export const ZGetSourceRunOutput = ZSourceRunSummary.extend({
  source: z.object({ id: z.string(), name: z.string(), kind: ZSourceKind }),
  report: z.array(ZReportEntry),
  confirmedBy: ZPersonRef.nullable(),
  /** Who discarded it (finishedAt says when); null unless DISCARDED, and on runs discarded before it was recorded. */
  discardedBy: ZPersonRef.nullable(),
  /** Held, and the caller may confirm it: false on a run that changes the caller's own record (decideHeldRun refuses it). */
  canDecide: z.boolean(),
  /** Why the caller may not confirm this held run, as the page says it; null otherwise. */
  cannotDecideReason: z.string().nullable(),
  /** Who joined, moved, left and came back in this run (the first 500 of each; the stats count them all). */
  people: z.object({ joiners: ZRunPeople, movers: ZRunPeople, leavers: ZRunPeople, rehires: ZRunPeople }),
  /**
   * Held: whom it would deprovision, and why (the file says terminated, their end date passed, or a
   * snapshot no longer lists them); the first 500, while stats.deprovisions counts them all.
   */
  leaving: z.array(ZRunPerson.extend({ reason: z.enum(['TERMINATED', 'END_DATE', 'UNLISTED']) })),
});
