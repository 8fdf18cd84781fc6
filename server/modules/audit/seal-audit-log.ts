import { inTransaction, type TDb } from '@/server/db/client.ts';
import { chainHash, GENESIS_HASH } from './audit-chain.ts';
import {
  insertSeals,
  readChainHead,
  readDatabaseClock,
  readInFlightFloor,
  readUnsealedEvents,
  type TNewSeal,
} from './audit-chain-store.ts';
import { lockInTransaction } from '@/server/db/advisory-lock.ts';

/** Events sealed per transaction: a bulk load of 200,000 is sealed in 40 short transactions. */
export const AUDIT_SEAL_BATCH = 5000;

/**
 * How long a transaction that writes audit events may stay open and still have its events sealed in
 * the ordinary way. The longest the code opens is 5 minutes (LONGEST_TRANSACTION_MS, which
 * inTransaction enforces; the verifier's long read writes no events); an event that shows
 * up later than this is reported as a missing seal by the verifier, not quietly sealed.
 */
export const IN_FLIGHT_WINDOW_MS = 60 * 60_000;

export const SEAL_LOCK_KEY = 'audit:seal';

export type TSealResult = { sealed: number; headSeq: string | null; skipped: boolean };

/**
 * Appends a seal for every committed, unsealed audit event to the chain (docs/decisions/051). Writers
 * never wait for it: events are inserted as before and sealed afterwards, in the order the sealer sees
 * them commit (a transaction that commits late is sealed late, whatever its id). One sealer at a
 * time, by an advisory lock taken per batch; with `skipIfBusy` a second one returns at once instead
 * of waiting (several workers run the loop). Without it, every event committed before the call is
 * sealed when it returns.
 */
export async function sealAuditLog(
  db: TDb,
  options: { batchSize?: number; inFlightWindowMs?: number; skipIfBusy?: boolean } = {},
): Promise<TSealResult> {
  const batchSize = options.batchSize ?? AUDIT_SEAL_BATCH;
  let cursor: string | null = null;
  let sealed = 0;
  let headSeq: string | null = null;
  for (;;) {
    const batch = await inTransaction(
      db,
      async (tx) => {
        if (!(await lockInTransaction(tx, SEAL_LOCK_KEY, { wait: !options.skipIfBusy }))) return null;
        const head = await readChainHead(tx);
        // Each later batch continues above the last: an event that commits below it meanwhile is
        // found by the next call, which starts again from the floor.
        cursor ??= await readInFlightFloor(tx, options.inFlightWindowMs ?? IN_FLIGHT_WINDOW_MS);
        const events = await readUnsealedEvents(tx, cursor, batchSize);
        if (events.length === 0) return { count: 0, headSeq: head?.seq ?? null };
        // Read after the events: every event sealed here had its id before this moment (the floor relies on it).
        const sealedAt = await readDatabaseClock(tx);
        let seq = head ? BigInt(head.seq) : 0n;
        let prevHash: Buffer = head ? Buffer.from(head.hash, 'hex') : GENESIS_HASH;
        const seals: TNewSeal[] = events.map((event) => {
          const hash = chainHash(prevHash, event);
          const seal = { seq: ++seq, eventId: event.id, hash, prevHash, sealedAt };
          prevHash = hash;
          return seal;
        });
        await insertSeals(tx, seals);
        cursor = events[events.length - 1]!.id;
        return { count: events.length, headSeq: seq.toString() };
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
    if (!batch) return { sealed, headSeq, skipped: sealed === 0 };
    sealed += batch.count;
    headSeq = batch.headSeq;
    if (batch.count < batchSize) return { sealed, headSeq, skipped: false };
  }
}
