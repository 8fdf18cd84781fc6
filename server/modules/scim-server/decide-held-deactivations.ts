import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, type TPrisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { isAboutThemselves, selfDecisionError } from '@/server/lib/self-decision.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { INGEST_TRANSACTION_LIMITS } from '@/server/modules/lifecycle/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TScimContext } from './scim-context.ts';
import type { TScimDoc } from './scim-schemas.ts';
import { findUserRow } from './scim-user-store.ts';
import { applyScimDelete, applyScimUserDocument, withScimUserWrites } from './scim-users.ts';

export type TDecideHeldDeactivations = { sourceId: string; decision: 'CONFIRM' | 'DISCARD'; reason: string };

/**
 * An identity admin's answer to a held SCIM burst (docs/decisions/065): every deactivation of the
 * source still held is applied in the order the IdP sent them, or discarded; each is closed with the
 * admin, the time and the reason, and audited. It takes the source's write turn, so no IdP write
 * interleaves, and reads the held rows inside it: two admins deciding at once decide once.
 * A PATCH or PUT applies the document the IdP sent (its latest, if it sent several while held); a
 * User the IdP reactivated since is not touched again (its hold was closed then).
 * Nobody decides about their own record: a deactivation of the decider stays held for another
 * identity admin (audited as left held, and counted in the answer); if it is all that is held, the
 * decision is refused.
 */
export async function decideHeldDeactivations(
  db: TPrisma,
  actor: TUserActor,
  input: TDecideHeldDeactivations,
  deps: { queue: TJobQueue; now?: Date },
) {
  const reason = input.reason.trim();
  if (!reason)
    throw new AppError('INVALID_INPUT', 'Give the reason for this decision: it goes into the audit trail', {
      field: 'reason',
    });
  const source = await db.identitySource.findUnique({ where: { id: input.sourceId }, select: { id: true } });
  if (!source) throw new AppError('NOT_FOUND', 'No such source');
  const ctx: TScimContext = {
    db,
    queue: deps.queue,
    sourceId: source.id,
    baseUrl: '',
    now: () => deps.now ?? new Date(),
  };
  return withScimUserWrites(ctx, async () => {
    const held = await db.scimDeactivation.findMany({
      where: { sourceId: source.id, status: 'HELD' },
      orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, identityId: true, externalId: true, method: true, document: true },
    });
    if (held.length === 0)
      throw new AppError('CONFLICT', 'Nothing is held for this source any more: someone decided already');
    const own = held.filter((h) => isAboutThemselves(actor, h.identityId));
    const others = held.filter((h) => !isAboutThemselves(actor, h.identityId));
    if (others.length === 0)
      throw selfDecisionError(
        'confirm or discard the deactivation of your own record',
        'another identity admin',
      );
    const confirm = input.decision === 'CONFIRM';
    for (const h of own)
      await recordAuditEvent(db, {
        actor,
        action: 'scim.deactivation_left_held',
        entityType: 'Identity',
        entityId: h.identityId,
        subjectId: h.identityId,
        metadata: { source: source.id, externalId: h.externalId, decision: input.decision },
      });
    for (const h of others) {
      // The decision and what it applies commit together: a failure part-way leaves this one held and
      // untouched, and the next confirm applies it whole. Only the database (the kill switch's jobs go
      // in with it), so a run undone by a deadlock runs again; the ingestion's limits, which it gives
      // up when it joins.
      await inTransaction(
        db,
        async (tx) => {
          if (confirm) {
            const row = await findUserRow(tx, source.id, h.identityId);
            // Gone since (another DELETE that was applied): nothing is left to apply.
            if (row) {
              if (h.method === 'DELETE') await applyScimDelete(ctx, row, tx);
              else await applyScimUserDocument(ctx, row, h.document as TScimDoc, tx);
            }
          }
          await tx.scimDeactivation.update({
            where: { id: h.id },
            data: {
              status: confirm ? 'CONFIRMED' : 'DISCARDED',
              decidedById: actor.identityId,
              decidedAt: deps.now ?? new Date(),
              reason,
            },
          });
          await recordAuditEvent(tx, {
            actor,
            action: confirm ? 'scim.deactivation_confirmed' : 'scim.deactivation_discarded',
            entityType: 'Identity',
            entityId: h.identityId,
            subjectId: h.identityId,
            metadata: { source: source.id, externalId: h.externalId, reason },
          });
        },
        { ...INGEST_TRANSACTION_LIMITS, isRepeatable: true },
      );
    }
    return { decided: others.length, keptForColleague: own.length, decision: input.decision };
  });
}
