import type { TDb } from '@/server/db/client.ts';
import { readLastVerification, type TAuditVerificationRow } from './audit-chain-store.ts';
import type { TAuditBreakReason } from './verify-audit-log.ts';

/** A recorded verification as the portal shows it: ids and sequence numbers as text, the hash in hex. */
export type TAuditVerification = {
  id: string;
  verifiedAt: Date;
  trigger: string;
  actorId: string | null;
  ok: boolean;
  checkedSeals: number;
  unsealedEvents: number;
  head: { seq: string; hash: string } | null;
  firstBreak: {
    reason: TAuditBreakReason;
    eventId: string | null;
    seq: string | null;
    detail: string;
  } | null;
  durationMs: number;
};

/** The latest verification of the audit chain, or null before the first. */
export async function getLastAuditVerification(db: TDb): Promise<TAuditVerification | null> {
  const row = await readLastVerification(db);
  return row ? toAuditVerification(row) : null;
}

export function toAuditVerification(row: TAuditVerificationRow): TAuditVerification {
  return {
    id: row.id,
    verifiedAt: row.verifiedAt,
    trigger: row.trigger,
    actorId: row.actorId,
    ok: row.ok,
    checkedSeals: row.checkedSeals,
    unsealedEvents: row.unsealedEvents,
    head: row.headSeq && row.headHash ? { seq: row.headSeq, hash: row.headHash } : null,
    firstBreak: row.breakReason
      ? {
          reason: row.breakReason as TAuditBreakReason,
          eventId: row.brokenEventId,
          seq: row.brokenSeq,
          detail: row.breakDetail ?? '',
        }
      : null,
    durationMs: row.durationMs,
  };
}
