import { inTransaction, Prisma, type TDb } from '@/server/db/client.ts';
import { chainHash, GENESIS_HASH, type TChainEventRow } from './audit-chain.ts';
import {
  countUnsealedEvents,
  readInFlightFloor,
  readLastVerifiedHead,
  readSealsWithEvents,
  type TChainHead,
} from './audit-chain-store.ts';
import { AUDIT_SEAL_BATCH, IN_FLIGHT_WINDOW_MS } from './seal-audit-log.ts';

/**
 * Why the chain is broken where it is:
 * - content-changed: the event's content no longer hashes to its seal (edited, or the seal points at another event);
 * - event-missing: a sealed event is gone;
 * - chain-broken: a seal is not the successor of the one before it (seals removed, inserted or reordered);
 * - seal-missing: an event older than the in-flight window has no seal (inserted behind the sealer's
 *   back, or its seal removed and the chain rebuilt);
 * - head-mismatch: the chain no longer holds the last seal an earlier verification saw (cut short or rebuilt).
 */
export type TAuditBreakReason =
  'content-changed' | 'event-missing' | 'chain-broken' | 'seal-missing' | 'head-mismatch';

export type TAuditBreak = {
  reason: TAuditBreakReason;
  eventId: string | null;
  seq: string | null;
  detail: string;
};

export type TAuditLogVerification = {
  ok: boolean;
  /** Seals recomputed and found intact, up to the first break. */
  checkedSeals: number;
  /** Recent events the sealer has not reached yet: not a break. */
  unsealedEvents: number;
  head: TChainHead | null;
  firstBreak: TAuditBreak | null;
};

/**
 * Walks the seals in seq order, recomputing each hash from the event's content and the previous hash,
 * and reports the first break (by seq; a missing seal after that) and how many events wait for a
 * seal. A PrismaClient gets one REPEATABLE READ transaction, so the walk and the counts see one
 * moment while the sealer goes on appending. The chain is also held to the head the last intact
 * verification recorded (`anchor`, read from AuditVerification unless given), so cutting seals off
 * its end and rebuilding it does not pass unnoticed.
 */
export async function verifyAuditLog(
  db: TDb,
  options: {
    batchSize?: number;
    inFlightWindowMs?: number;
    anchor?: { seq: string; hash: string } | null;
  } = {},
): Promise<TAuditLogVerification> {
  // A transaction client has $transaction too (nested transactions), but not $connect.
  if ('$connect' in db) {
    return inTransaction(db, (tx) => walkAuditChain(tx, options), {
      isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
      maxWait: 10_000,
      timeout: 60 * 60_000,
      isLongRead: true,
    });
  }
  return walkAuditChain(db, options);
}

async function walkAuditChain(
  db: TDb,
  options: Parameters<typeof verifyAuditLog>[1] = {},
): Promise<TAuditLogVerification> {
  const batchSize = options.batchSize ?? AUDIT_SEAL_BATCH;
  const anchor = options.anchor !== undefined ? options.anchor : await readLastVerifiedHead(db);
  let prevHash: Buffer = GENESIS_HASH;
  let expectedSeq = 1n;
  let head: TChainHead | null = null;
  let firstBreak: TAuditBreak | null = null;
  walk: for (;;) {
    const seals = await readSealsWithEvents(db, (expectedSeq - 1n).toString(), batchSize);
    for (const seal of seals) {
      const broken = (reason: TAuditBreakReason, detail: string): TAuditBreak => ({
        reason,
        eventId: seal.sealedEventId,
        seq: seal.seq,
        detail,
      });
      const seq = BigInt(seal.seq);
      if (seq !== expectedSeq) {
        firstBreak = broken(
          'chain-broken',
          `seal ${seal.seq} follows seal ${expectedSeq - 1n}: the seals between them are missing`,
        );
      } else if (seal.prevHash !== prevHash.toString('hex')) {
        firstBreak = broken(
          'chain-broken',
          `seal ${seal.seq} does not follow seal ${expectedSeq - 1n}: its previous hash differs (seals reordered, inserted or rewritten)`,
        );
      } else if (seal.id === null) {
        firstBreak = broken('event-missing', `event ${seal.sealedEventId}, sealed at ${seal.seq}, is gone`);
      } else {
        const hash = chainHash(prevHash, seal as TChainEventRow);
        if (hash.toString('hex') !== seal.hash) {
          firstBreak = broken(
            'content-changed',
            `event ${seal.sealedEventId} is not what was sealed at ${seal.seq}: its content changed, or the seal was moved to it`,
          );
        } else if (anchor && anchor.seq === seal.seq && anchor.hash !== seal.hash) {
          firstBreak = broken(
            'head-mismatch',
            `seal ${seal.seq} is not the one an earlier verification saw: the chain was rebuilt from here or before`,
          );
        } else {
          prevHash = hash;
          head = { seq: seal.seq, eventId: seal.sealedEventId, hash: seal.hash };
          expectedSeq++;
        }
      }
      if (firstBreak) break walk;
    }
    if (seals.length < batchSize) break;
  }
  if (!firstBreak && anchor && BigInt(anchor.seq) >= expectedSeq) {
    firstBreak = {
      reason: 'head-mismatch',
      eventId: null,
      seq: anchor.seq,
      detail: `the chain ends at seal ${expectedSeq - 1n}, but an earlier verification saw seal ${anchor.seq}`,
    };
  }
  const unsealed = await countUnsealedEvents(
    db,
    await readInFlightFloor(db, options.inFlightWindowMs ?? IN_FLIGHT_WINDOW_MS),
  );
  if (!firstBreak && unsealed.missing > 0) {
    firstBreak = {
      reason: 'seal-missing',
      eventId: unsealed.firstMissingId,
      seq: null,
      detail: `${unsealed.missing} event(s) older than sealed ones have no seal; the first is event ${unsealed.firstMissingId}`,
    };
  }
  return {
    ok: firstBreak === null,
    checkedSeals: Number(expectedSeq - 1n),
    unsealedEvents: unsealed.pending,
    head,
    firstBreak,
  };
}
