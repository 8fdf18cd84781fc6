import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import type { IdentityStatus } from '@/prisma/generated/enums.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { ensureManualSource, writeManualRecord } from './manual-source.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

export type TStatusAction = 'SUSPEND' | 'REACTIVATE' | 'TERMINATE';

const FROM: Record<TStatusAction, readonly IdentityStatus[]> = {
  SUSPEND: ['ACTIVE', 'PREHIRE'],
  // A leaver terminated by hand comes back only this way: the Gatehouse status outranks HR's rehire.
  REACTIVATE: ['SUSPENDED', 'TERMINATED'],
  TERMINATE: ['ACTIVE', 'PREHIRE', 'SUSPENDED'],
};
const TO: Record<TStatusAction, IdentityStatus> = {
  SUSPEND: 'SUSPENDED',
  REACTIVATE: 'ACTIVE',
  TERMINATE: 'TERMINATED',
};
const REFUSAL: Record<TStatusAction, string> = {
  SUSPEND: 'Only someone active or about to start can be suspended',
  REACTIVATE: 'Only a suspended person or a leaver can be reactivated',
  TERMINATE: 'This person has already left',
};

/**
 * The identity team's switches on a person, with a reason that goes into the audit trail: suspend
 * (signed out, access kept but not usable), reactivate, and terminate now (the leaver kill switch:
 * sessions end, requests are cancelled, every grant is revoked, and planAccess applies each
 * application's ON_DELETE to their accounts, e.g. the directory account is locked). The status is
 * the Gatehouse source's, which outranks every source's status (manual-source.ts), so the next HR
 * file does not undo it. Nobody switches themselves off.
 */
export async function setPersonStatus(
  db: TDb,
  actor: TUserActor,
  input: { identityId: string; action: TStatusAction; reason: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<{ status: IdentityStatus }> {
  const now = deps.now ?? new Date();
  if (input.identityId === actor.identityId)
    throw selfDecisionError('suspend, reactivate or terminate yourself', 'another identity admin');
  const reason = input.reason.trim();
  if (!reason) throw new AppError('INVALID_INPUT', 'Say why', { field: 'reason' });
  return inTransaction(
    db,
    async (tx) => {
      const [person] = await tx.$queryRaw<Array<{ id: string; status: IdentityStatus }>>`
      SELECT id::text, status::text AS status FROM "Identity" WHERE id = ${input.identityId}::uuid FOR UPDATE`;
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      if (!FROM[input.action].includes(person.status)) throw new AppError('CONFLICT', REFUSAL[input.action]);
      const status =
        input.action === 'REACTIVATE' ? await reactivatedStatus(tx, person.id) : TO[input.action];
      await writeManualRecord(tx, actor, person.id, { status }, { queue: deps.queue, now });
      const after = await tx.identity.findUniqueOrThrow({
        where: { id: person.id },
        select: { status: true },
      });
      if (input.action === 'REACTIVATE' && (after.status === 'SUSPENDED' || after.status === 'TERMINATED')) {
        throw new AppError(
          'CONFLICT',
          `An HR source says this person is ${after.status === 'SUSPENDED' ? 'suspended' : 'gone'}: that changes there`,
        );
      }
      await recordAuditEvent(tx, {
        actor,
        action: 'identity.status_set_by_hand',
        entityType: 'Identity',
        entityId: person.id,
        subjectId: person.id,
        before: { status: person.status },
        after: { status: after.status },
        metadata: { reason, action: input.action },
      });
      return { status: after.status };
    },
    { timeout: 60_000, isRepeatable: true },
  );
}

/**
 * What the Gatehouse record says once a suspension or termination is lifted: nothing, when another source speaks of
 * the person's status (theirs applies again); ACTIVE otherwise (there is nobody else to say it).
 */
async function reactivatedStatus(
  tx: Parameters<typeof ensureManualSource>[0],
  identityId: string,
): Promise<IdentityStatus | null> {
  const manual = await ensureManualSource(tx);
  const others = await tx.sourceRecord.findMany({
    where: { identityId, sourceId: { not: manual.id } },
    select: { data: true },
  });
  const speaks = others.some((r) => {
    const d = r.data as Record<string, unknown>;
    return (d.status !== undefined && d.status !== null) || typeof d.active === 'boolean';
  });
  return speaks ? null : 'ACTIVE';
}
