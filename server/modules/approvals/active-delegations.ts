import type { TDb } from '@/server/db/client.ts';
import { ACTING_STATUSES } from '@/server/auth/can-act.ts';

/** A delegation in force at `now`: the one test of every out-of-office stand-in (inbox, decisions, catalog). */
export const inForce = (now: Date) => ({ revokedAt: null, startsAt: { lte: now }, endsAt: { gt: now } });

/** The delegation that lets `delegateId` decide `delegatorId`'s steps right now, if any. */
export async function findActiveDelegation(db: TDb, delegatorId: string, delegateId: string, now: Date) {
  return db.delegation.findFirst({
    where: { delegatorId, delegateId, ...inForce(now), delegate: { status: { in: [...ACTING_STATUSES] } } },
    select: { id: true, delegatorId: true, delegateId: true, endsAt: true },
  });
}

/** People whose steps `delegateId` may decide right now. */
export async function delegatorsOf(db: TDb, delegateId: string, now: Date): Promise<string[]> {
  const rows = await db.delegation.findMany({
    where: { delegateId, ...inForce(now) },
    select: { delegatorId: true },
  });
  return [...new Set(rows.map((r) => r.delegatorId))];
}

/** approverId -> their delegates right now (to notify them too). */
export async function delegatesOf(db: TDb, approverIds: string[], now: Date): Promise<Map<string, string[]>> {
  if (approverIds.length === 0) return new Map();
  const rows = await db.delegation.findMany({
    where: {
      delegatorId: { in: approverIds },
      ...inForce(now),
      delegate: { status: { in: [...ACTING_STATUSES] } },
    },
    select: { delegatorId: true, delegateId: true },
  });
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.delegatorId, [...(out.get(r.delegatorId) ?? []), r.delegateId]);
  return out;
}
