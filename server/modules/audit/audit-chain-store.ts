import type { TDb } from '@/server/db/client.ts';
import { bulkInsert } from '@/server/db/bulk-insert.ts';
import { CHAIN_EVENT_COLUMNS, type TChainEventRow } from './audit-chain.ts';

// The chain's reads and writes. Ids and sequence numbers travel as text (bigint), hashes as hex, times
// as ISO text formatted by PostgreSQL: what is hashed must not depend on a driver's type mapping.
// ORDER BY names its table: a bare `seq` or `id` would sort by the text alias (9 after 14).

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

const NO_FLOOR = '-9223372036854775808';

export type TChainHead = { seq: string; eventId: string; hash: string };

export async function readChainHead(tx: TDb): Promise<TChainHead | null> {
  const [row] = await tx.$queryRaw<TChainHead[]>`
    SELECT seq::text AS seq, "eventId"::text AS "eventId", encode(hash, 'hex') AS hash FROM "AuditSeal" s ORDER BY s.seq DESC LIMIT 1`;
  return row ?? null;
}

/**
 * An event id below every event that can still commit, when no transaction that writes audit events
 * stays open longer than `inFlightWindowMs`: the event of a seal made before the window began was
 * given its id before then, and ids grow. Unsealed events above it may be in flight; below it they
 * are not, so the sealer looks only above it and the verifier calls one below it a missing seal.
 * The lowest bigint while the chain is younger than the window.
 */
export async function readInFlightFloor(tx: TDb, inFlightWindowMs: number): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ eventId: string }>>`
    SELECT "eventId"::text AS "eventId" FROM "AuditSeal"
     WHERE "sealedAt" < timezone('UTC', clock_timestamp()) - make_interval(secs => ${inFlightWindowMs / 1000}::float8)
     ORDER BY "sealedAt" DESC, "AuditSeal".seq DESC LIMIT 1`;
  return row?.eventId ?? NO_FLOOR;
}

/**
 * Committed events above `afterId` without a seal, lowest id first. The seals are bounded the same
 * way, or the planner may hash every seal there is to find the few unsealed events of the last minutes.
 */
export async function readUnsealedEvents(tx: TDb, afterId: string, limit: number): Promise<TChainEventRow[]> {
  return tx.$queryRawUnsafe<TChainEventRow[]>(
    `SELECT ${CHAIN_EVENT_COLUMNS} FROM "AuditEvent" e
      WHERE e.id > $1::bigint AND NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventId" = e.id AND s."eventId" > $1::bigint)
      ORDER BY e.id LIMIT $2`,
    afterId,
    limit,
  );
}

/** The database's clock now, as ISO UTC text (what a seal's sealedAt holds). */
export async function readDatabaseClock(tx: TDb): Promise<string> {
  const [row] = await tx.$queryRawUnsafe<Array<{ now: string }>>(
    `SELECT to_char(timezone('UTC', clock_timestamp()), ${ISO_UTC}) AS now`,
  );
  return row!.now;
}

export type TNewSeal = { seq: bigint; eventId: string; hash: Buffer; prevHash: Buffer; sealedAt: string };

const SEAL_COLUMNS = [
  { name: 'seq', type: 'bigint' },
  { name: 'eventId', type: 'bigint' },
  { name: 'hash', type: 'bytea' },
  { name: 'prevHash', type: 'bytea' },
  { name: 'sealedAt', type: 'timestamp(3)' },
];

export async function insertSeals(tx: TDb, seals: TNewSeal[]): Promise<void> {
  // bytea's hex input form: \x followed by the digits.
  const hex = (b: Buffer) => `\\x${b.toString('hex')}`;
  await bulkInsert(
    tx,
    'AuditSeal',
    SEAL_COLUMNS,
    seals.map((s) => [s.seq.toString(), s.eventId, hex(s.hash), hex(s.prevHash), s.sealedAt]),
  );
}

/** A seal with its event's content; the event's columns are null when the event is gone. */
export type TSealWithEvent = { seq: string; sealedEventId: string; hash: string; prevHash: string } & (
  TChainEventRow | { [K in keyof TChainEventRow]: null }
);

/** Seals after `afterSeq` in seq order, each with the event it seals. */
export async function readSealsWithEvents(
  tx: TDb,
  afterSeq: string,
  limit: number,
): Promise<TSealWithEvent[]> {
  return tx.$queryRawUnsafe<TSealWithEvent[]>(
    `SELECT s.seq::text AS seq, s."eventId"::text AS "sealedEventId", encode(s.hash, 'hex') AS hash, encode(s."prevHash", 'hex') AS "prevHash",
            ${CHAIN_EVENT_COLUMNS}
       FROM "AuditSeal" s LEFT JOIN "AuditEvent" e ON e.id = s."eventId"
      WHERE s.seq > $1::bigint ORDER BY s.seq LIMIT $2`,
    afterSeq,
    limit,
  );
}

/** Unsealed events at or below `floor` (a missing seal) and above it (not sealed yet). */
export async function countUnsealedEvents(
  tx: TDb,
  floor: string,
): Promise<{ missing: number; firstMissingId: string | null; pending: number }> {
  const [row] = await tx.$queryRaw<
    Array<{ missing: number; firstMissingId: string | null; pending: number }>
  >`
    SELECT count(*) FILTER (WHERE e.id <= ${floor}::bigint)::int AS missing,
           min(e.id) FILTER (WHERE e.id <= ${floor}::bigint)::text AS "firstMissingId",
           count(*) FILTER (WHERE e.id > ${floor}::bigint)::int AS pending
      FROM "AuditEvent" e WHERE NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."eventId" = e.id)`;
  return row ?? { missing: 0, firstMissingId: null, pending: 0 };
}

export type TAuditVerificationRow = {
  id: string;
  verifiedAt: Date;
  trigger: string;
  actorId: string | null;
  ok: boolean;
  checkedSeals: number;
  unsealedEvents: number;
  headSeq: string | null;
  headHash: string | null;
  breakReason: string | null;
  brokenEventId: string | null;
  brokenSeq: string | null;
  breakDetail: string | null;
  durationMs: number;
};

const VERIFICATION_COLUMNS = `id::text AS id, "verifiedAt", "trigger", "actorId"::text AS "actorId", ok, "checkedSeals", "unsealedEvents",
  "headSeq"::text AS "headSeq", encode("headHash", 'hex') AS "headHash", "breakReason", "brokenEventId"::text AS "brokenEventId",
  "brokenSeq"::text AS "brokenSeq", "breakDetail", "durationMs"`;

export async function insertVerification(
  tx: TDb,
  v: Omit<TAuditVerificationRow, 'id' | 'verifiedAt'>,
): Promise<TAuditVerificationRow> {
  const [row] = await tx.$queryRawUnsafe<TAuditVerificationRow[]>(
    `INSERT INTO "AuditVerification" ("verifiedAt", "trigger", "actorId", ok, "checkedSeals", "unsealedEvents", "headSeq", "headHash",
                                      "breakReason", "brokenEventId", "brokenSeq", "breakDetail", "durationMs")
     VALUES (timezone('UTC', clock_timestamp()), $1, $2::uuid, $3, $4, $5, $6::bigint, decode($7, 'hex'), $8, $9::bigint, $10::bigint, $11, $12)
     RETURNING ${VERIFICATION_COLUMNS}`,
    v.trigger,
    v.actorId,
    v.ok,
    v.checkedSeals,
    v.unsealedEvents,
    v.headSeq,
    v.headHash,
    v.breakReason,
    v.brokenEventId,
    v.brokenSeq,
    v.breakDetail,
    v.durationMs,
  );
  return row!;
}

export async function readLastVerification(db: TDb): Promise<TAuditVerificationRow | null> {
  const [row] = await db.$queryRawUnsafe<TAuditVerificationRow[]>(
    `SELECT ${VERIFICATION_COLUMNS} FROM "AuditVerification" v ORDER BY v.id DESC LIMIT 1`,
  );
  return row ?? null;
}

/** The head of the chain as the last verification that found it intact saw it. */
export async function readLastVerifiedHead(db: TDb): Promise<{ seq: string; hash: string } | null> {
  const [row] = await db.$queryRaw<Array<{ seq: string; hash: string }>>`
    SELECT "headSeq"::text AS seq, encode("headHash", 'hex') AS hash FROM "AuditVerification"
     WHERE ok AND "headSeq" IS NOT NULL ORDER BY "AuditVerification".id DESC LIMIT 1`;
  return row ?? null;
}
