import { inTransaction, type TPrisma } from '@/server/db/client.ts';
import {
  ingestSourceRecords,
  type TIngestOutcome,
  type TSourceRecord,
} from '@/server/modules/lifecycle/index.ts';

type TIngestSource = Parameters<typeof ingestSourceRecords>[1];
type TIngestDeps = Parameters<typeof ingestSourceRecords>[3];

/**
 * How long a lane waits for the run's decision before it gives its rows back (rolls back) to be
 * applied after validation as before: its people's rows stay locked while it waits.
 */
export const APPLY_AHEAD_HOLD_MS = 120_000;

/** What the lanes did, once the run has decided: applied (committed), refused, or given back. */
export type TAheadResult = {
  /** Outcomes of the rows committed, in the order they were applied. */
  outcomes: TIngestOutcome[];
  /** Every row a lane took, committed or not: the rest of the apply leaves them alone. */
  taken: Set<string>;
  /** Rows a lane took and did not commit because applying them (or the commit) failed. */
  notApplied: TSourceRecord[];
  /** Rows given back unapplied (the hold ran out): the rest of the apply applies them. */
  returned: TSourceRecord[];
  failure: { error: unknown } | null;
};

export type TApplyAhead = {
  /** Validation hands over a batch's changed rows; it gets back those no lane took. Never waits. */
  offer: (records: TSourceRecord[]) => TSourceRecord[];
  /**
   * The run's decision: `true` commits what the lanes applied, `false` (rejected, held, failed
   * validation) rolls it all back. Waits for the lanes to finish; a second call returns the first's result.
   */
  settle: (allowed: boolean) => Promise<TAheadResult>;
};

class NotAllowed extends Error {}
class HoldExpired extends Error {}

type TLane = {
  taken: TSourceRecord[];
  waiting: TSourceRecord[];
  applied: TSourceRecord[];
  outcomes: TIngestOutcome[];
  failure: { error: unknown } | null;
  expired: boolean;
  /** Applying a handful now: rows offered meanwhile wait for the next. */
  busy: boolean;
  wake: () => void;
  done: Promise<'committed' | 'rolled back'>;
};

/**
 * Applies a run's changed rows while validation is still reading the rest of the file, so that the
 * database writes them while this process validates (docs/decisions/102). Each lane (up to
 * `parallelBatches`) is one transaction that takes up to `batchSize` rows as validation finds them
 * and ingests them through the one ingestion path (each handful on a savepoint), then waits for the
 * run's decision before it commits. Nothing is visible to anyone, validation's own reads (the
 * mass-change count, the stored hashes) included, until the run decides it may apply: a fatal row or
 * the mass-change guard later in the file rolls every lane back, so the guard is never sidestepped.
 */
export function startApplyAhead(
  db: TPrisma,
  source: TIngestSource,
  options: { lanes: number; laneRows: number; holdMs?: number },
  deps: Omit<TIngestDeps, 'now'> & { now: () => Date },
): TApplyAhead {
  const holdMs = options.holdMs ?? APPLY_AHEAD_HOLD_MS;
  const minHandful = Math.max(1, Math.ceil(options.laneRows / 4));
  let allow!: () => void;
  let refuse!: (e: Error) => void;
  const decision = new Promise<void>((resolve, reject) => {
    allow = resolve;
    refuse = reject;
  });
  // A lane that has not reached the decision yet must not make it an unhandled rejection.
  decision.catch(() => {});
  let decided = false;
  const lanes: TLane[] = [];
  const failed = () => lanes.some((l) => l.failure);

  const openLane = (): TLane => {
    const lane = {
      taken: [],
      waiting: [],
      applied: [],
      outcomes: [],
      failure: null,
      expired: false,
      busy: false,
    } as Omit<TLane, 'wake' | 'done'> as TLane;
    let wakeUp: (() => void) | null = null;
    lane.wake = () => wakeUp?.();
    const startedAt = Date.now();
    lane.done = inTransaction(
      db,
      async (tx) => {
        for (;;) {
          // A handful at a time: each ingestion has its fixed statements (docs/decisions/102).
          const handful =
            lane.waiting.length >= minHandful || (lane.waiting.length > 0 && (decided || roomOf(lane) === 0));
          if (handful) {
            const chunk = lane.waiting.splice(0);
            lane.busy = true;
            try {
              // On a savepoint: a refused handful leaves the handfuls before it in the lane.
              lane.outcomes.push(
                ...(await ingestSourceRecords(tx, source, chunk, { ...deps, now: deps.now() })),
              );
              lane.applied.push(...chunk);
            } catch (error) {
              lane.failure = { error };
              break;
            } finally {
              lane.busy = false;
            }
            continue;
          }
          if (decided) break;
          const left = holdMs - (Date.now() - startedAt);
          if (left <= 0) {
            lane.expired = true;
            throw new HoldExpired();
          }
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            decision.catch(() => {}),
            new Promise<void>((resolve) => {
              wakeUp = resolve;
              timer = setTimeout(resolve, left);
            }),
          ]);
          clearTimeout(timer);
          wakeUp = null;
        }
        await decision;
      },
      { timeout: holdMs + 300_000, maxWait: 30_000 },
    ).then(
      () => 'committed' as const,
      (error: unknown) => {
        if (!(error instanceof NotAllowed) && !(error instanceof HoldExpired)) lane.failure ??= { error };
        return 'rolled back' as const;
      },
    );
    lanes.push(lane);
    return lane;
  };

  const roomOf = (lane: TLane) => (lane.expired ? 0 : options.laneRows - lane.taken.length);
  /** An idle lane with room first, then a new lane, then the lane with the fewest rows waiting. */
  const pickLane = (): TLane | null => {
    const open = lanes.filter((l) => roomOf(l) > 0);
    const idle = open.find((l) => !l.busy && l.waiting.length === 0);
    if (idle) return idle;
    if (lanes.length < options.lanes) return openLane();
    return open.sort((a, b) => a.waiting.length - b.waiting.length)[0] ?? null;
  };
  const offer = (records: TSourceRecord[]): TSourceRecord[] => {
    let rest = records;
    while (rest.length && !decided && !failed()) {
      const lane = pickLane();
      if (!lane) break;
      const take = rest.slice(0, roomOf(lane));
      rest = rest.slice(take.length);
      lane.taken.push(...take);
      lane.waiting.push(...take);
      lane.wake();
    }
    return rest;
  };

  let settled: Promise<TAheadResult> | null = null;
  const settle = (allowed: boolean): Promise<TAheadResult> => {
    settled ??= (async () => {
      decided = true;
      if (allowed) allow();
      else refuse(new NotAllowed());
      for (const lane of lanes) lane.wake();
      const result: TAheadResult = {
        outcomes: [],
        taken: new Set(),
        notApplied: [],
        returned: [],
        failure: null,
      };
      for (const lane of lanes) {
        const end = await lane.done;
        if (lane.expired && !lane.failure) {
          result.returned.push(...lane.taken);
          continue;
        }
        for (const r of lane.taken) result.taken.add(r.externalId);
        if (!allowed) continue;
        if (end === 'committed') {
          result.outcomes.push(...lane.outcomes);
          const applied = new Set(lane.applied.map((r) => r.externalId));
          result.notApplied.push(...lane.taken.filter((r) => !applied.has(r.externalId)));
        } else result.notApplied.push(...lane.taken);
        if (lane.failure) result.failure ??= lane.failure;
      }
      return result;
    })();
    return settled;
  };
  return { offer, settle };
}
