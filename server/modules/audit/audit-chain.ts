import crypto from 'node:crypto';
import { canonicalJson, parseJsonExact } from './canonical-json.ts';

/**
 * An audit event as the chain reads it back from PostgreSQL: every value as text, so nothing depends
 * on how a driver maps types (ids are bigint, times timestamp(3) without a zone, payloads jsonb).
 */
export type TChainEventRow = {
  id: string;
  /** ISO 8601 UTC with milliseconds, as PostgreSQL formats it (`YYYY-MM-DDTHH:MM:SS.mmmZ`). */
  occurredAt: string;
  actorId: string | null;
  actorType: string;
  action: string;
  entityType: string;
  entityId: string;
  subjectId: string | null;
  /** jsonb as text (SQL NULL is null). */
  before: string | null;
  after: string | null;
  metadata: string;
};

/** The columns of TChainEventRow, for a SELECT from "AuditEvent" aliased `e`. */
export const CHAIN_EVENT_COLUMNS = `e.id::text AS "id",
  to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt",
  e."actorId"::text AS "actorId", e."actorType", e."action", e."entityType", e."entityId",
  e."subjectId"::text AS "subjectId", e."before"::text AS "before", e."after"::text AS "after", e."metadata"::text AS "metadata"`;

/** The previous hash of the first seal. */
export const GENESIS_HASH = Buffer.alloc(32);

/**
 * What a seal hashes: the event's whole content, canonical (docs/decisions/051). Version 1. A change
 * here breaks every existing chain: a new format needs a new version, and the verifier both.
 */
export function canonicalAuditEvent(e: TChainEventRow): string {
  const json = (text: string | null) => (text === null ? null : parseJsonExact(text));
  return canonicalJson({
    v: 1,
    id: e.id,
    occurredAt: e.occurredAt,
    actorId: e.actorId,
    actorType: e.actorType,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    subjectId: e.subjectId,
    before: json(e.before),
    after: json(e.after),
    metadata: json(e.metadata),
  });
}

/** sha256(previous hash || canonical content): each seal commits to everything sealed before it. */
export function chainHash(prevHash: Buffer, event: TChainEventRow): Buffer {
  return crypto.createHash('sha256').update(prevHash).update(canonicalAuditEvent(event), 'utf8').digest();
}
