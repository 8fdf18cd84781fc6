import { systemActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import {
  ingestSourceRecords,
  type TIngestOutcome,
  type TSourceRecord,
} from '@/server/modules/lifecycle/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TSourceConfig } from './source-config.ts';
import type { TReadBatches } from './source-readers.ts';
import { mapSourceRow } from './source-row.ts';
import { listUnlisted, withoutUnchanged, type TValidation } from './validate-source.ts';

/** What the second pass did: counts of outcomes and lifecycle events. */
export type TApplyTally = {
  created: number;
  updated: number;
  unchanged: number;
  pending: number;
  conflicts: number;
  joiners: number;
  movers: number;
  leavers: number;
  rehires: number;
  people: TRunPeople;
};

/** The people behind the joiner, mover, leaver and rehire counts, by identity id; the first PEOPLE_LIMIT of each. */
export type TRunPeople = { joiners: string[]; movers: string[]; leavers: string[]; rehires: string[] };
export const PEOPLE_LIMIT = 500;

/**
 * The second pass stopped part-way (a batch's transaction failed, the database went away). Batches
 * are separate transactions, so what committed before stays: `tally` counts exactly that, and
 * `notApplied` names every row of the source that was valid and did not get applied.
 */
export class ApplyStoppedError extends Error {
  constructor(
    readonly tally: TApplyTally,
    readonly notApplied: string[],
    readonly hasApplied: boolean,
    readonly stoppedBy: unknown,
  ) {
    super('the run stopped while applying');
    this.name = 'ApplyStoppedError';
  }
}

/**
 * Applies a validated source batch by batch through the one ingestion path, then sets managers who
 * appeared later in the source, and (snapshot sources) retires the people it no longer lists.
 * After the first failed batch nothing more is sent: the rest is listed as not applied, and running
 * the same source again applies exactly that (applied rows are recognised by their stored hash).
 */
export async function applySource(
  db: TPrisma,
  run: { id: string; source: { id: string; kind: string } },
  config: TSourceConfig,
  read: TReadBatches,
  validation: TValidation,
  deps: { queue: TJobQueue; now: () => Date },
): Promise<TApplyTally> {
  const source = { id: run.source.id, origin: run.source.kind };
  const ingestDeps = { queue: deps.queue, ref: `source-run:${run.id}`, actor: systemActor('SOURCE') };
  const people: TRunPeople = { joiners: [], movers: [], leavers: [], rehires: [] };
  const tally: TApplyTally = {
    created: 0,
    updated: 0,
    unchanged: 0,
    pending: 0,
    conflicts: 0,
    joiners: 0,
    movers: 0,
    leavers: 0,
    rehires: 0,
    people,
  };
  const unresolved: TSourceRecord[] = [];
  const notApplied: string[] = [];
  let hasApplied = false;
  // The first failure; an object so that TypeScript sees the callbacks that set it.
  const stop: { failure: { error: unknown } | null } = { failure: null };
  const count = (outcomes: TIngestOutcome[], records: readonly TSourceRecord[]) => {
    hasApplied = true;
    for (const [i, o] of outcomes.entries()) {
      const key = (
        {
          created: 'created',
          updated: 'updated',
          unchanged: 'unchanged',
          correlation_pending: 'pending',
        } as const
      )[o.outcome];
      tally[key] += 1;
      if (o.conflicts?.length) tally.conflicts += 1;
      for (const e of o.events) {
        const key = ({ JOINER: 'joiners', MOVER: 'movers', LEAVER: 'leavers', REHIRE: 'rehires' } as const)[
          e
        ];
        tally[key] += 1;
        if (o.identityId && people[key].length < PEOPLE_LIMIT) people[key].push(o.identityId);
      }
      // The whole record (ingestion answers in the records' order): the fix-up sends it again as it is,
      // so what it stores is the row's own hash, and the next run recognises the row.
      if (o.unresolvedManager) unresolved.push(records[i]!);
    }
  };
  const skip = (records: TSourceRecord[]) => {
    for (const r of records) notApplied.push(r.externalId);
  };
  // Batches of one run touch different people (the file has no duplicates: validation saw to that),
  // so a few are applied side by side: the database works on one while this process prepares the next.
  const inFlight = new Set<Promise<void>>();
  const apply = async (records: TSourceRecord[]) => {
    if (stop.failure) return skip(records);
    const applying: Promise<void> = ingestSourceRecords(db, source, records, {
      ...ingestDeps,
      now: deps.now(),
    })
      .then(
        (outcomes) => count(outcomes, records),
        (error: unknown) => {
          stop.failure ??= { error };
          skip(records);
        },
      )
      .finally(() => inFlight.delete(applying));
    inFlight.add(applying);
    if (inFlight.size >= config.parallelBatches) await Promise.race(inFlight);
  };
  // Rows identical to what the source sent last time are recognised by their stored hash (one read
  // per batch) and never enter a transaction, so the work goes into full batches of people who
  // changed. A small change set came from the first pass already; a large one is read again.
  const applyChanged = async (changed: TSourceRecord[]) => {
    for (let i = 0; i < changed.length; i += config.batchSize)
      await apply(changed.slice(i, i + config.batchSize));
  };
  try {
    try {
      if (validation.changed) {
        tally.unchanged = validation.unchanged;
        await applyChanged(validation.changed);
      } else {
        let pendingWork: TSourceRecord[] = [];
        for await (const batch of read()) {
          const records = batch.flatMap((raw) => mapSourceRow(raw, config).record ?? []);
          // Once a batch has failed the rest is only listed: the database may be the thing that failed.
          if (stop.failure) {
            skip(records);
            continue;
          }
          let changed: TSourceRecord[];
          try {
            changed = await withoutUnchanged(db, source.id, records);
          } catch (error) {
            stop.failure ??= { error };
            skip(records);
            continue;
          }
          tally.unchanged += records.length - changed.length;
          pendingWork.push(...changed);
          while (pendingWork.length >= config.batchSize) {
            await apply(pendingWork.slice(0, config.batchSize));
            pendingWork = pendingWork.slice(config.batchSize);
          }
        }
        await applyChanged(pendingWork);
      }
    } finally {
      await Promise.allSettled(inFlight);
    }
    if (stop.failure) throw stop.failure.error;
    // Managers listed after their reports (a batch applied beside theirs could not see them): now that
    // everyone is in, set them. The same rows again: only those whose manager is found now are applied.
    while (unresolved.length) {
      const fixups = unresolved.slice(0, config.batchSize);
      await ingestSourceRecords(db, source, fixups, { ...ingestDeps, now: deps.now() });
      unresolved.splice(0, fixups.length);
    }
    if (config.snapshot) {
      const gone = await listUnlisted(db, run.source.id, validation.seen);
      for (let i = 0; i < gone.length; i += config.batchSize) {
        const records = gone
          .slice(i, i + config.batchSize)
          .map((externalId) => ({ externalId, status: 'TERMINATED' as const }));
        count(await ingestSourceRecords(db, source, records, { ...ingestDeps, now: deps.now() }), records);
      }
    }
  } catch (error) {
    throw new ApplyStoppedError(tally, notApplied, hasApplied, error);
  }
  return tally;
}
