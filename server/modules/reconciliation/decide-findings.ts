import type { TActor } from '@/server/auth/actor.ts';
import { inItemTransaction, type TDb } from '@/server/db/client.ts';
import { type AppError, isAppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { decideFinding, type TDecideDeps, type TFindingDecision } from './decide-finding.ts';

export type TDecideFindingsResult = {
  decided: number;
  refused: Array<{ findingId: string; reason: string }>;
};

/**
 * A person's decision on one finding or many (the review queue's bulk action). Each finding is
 * decided in its own transaction: one refused (out of the caller's scope, about their own access,
 * already resolved, an SoD conflict…) never stops the others, and says why. Each refusal is
 * audited on its own, after its transaction rolled back: an attempt on a finding outside one's scope
 * is on record even though the bulk call as a whole succeeded.
 */
export async function decideFindings(
  db: TDb,
  actor: TActor,
  input: {
    findingIds: string[];
    decision: TFindingDecision['decision'];
    reason?: string | null;
    exceptionUntil?: string | null;
  },
  deps: { queue: TDecideDeps['queue']; now?: Date },
): Promise<TDecideFindingsResult> {
  const now = deps.now ?? new Date();
  const decision: TFindingDecision = {
    decision: input.decision,
    reason: input.reason ?? null,
    // The last day the exception holds (UTC midnight); it lapses when that day is over.
    exceptionUntil: input.exceptionUntil ? new Date(`${input.exceptionUntil}T00:00:00Z`) : null,
  };
  const result: TDecideFindingsResult = { decided: 0, refused: [] };
  for (const findingId of [...new Set(input.findingIds)]) {
    try {
      await inItemTransaction(
        db,
        (tx) => decideFinding(tx, actor, findingId, decision, { queue: deps.queue, now }),
        { timeout: 60_000 },
      );
      result.decided++;
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.refused.push({ findingId, reason: error.message });
      await auditRefusal(db, actor, findingId, input.decision, error, input.findingIds.length > 1);
    }
  }
  return result;
}

async function auditRefusal(
  db: TDb,
  actor: TActor,
  findingId: string,
  decision: TFindingDecision['decision'],
  error: AppError,
  bulk: boolean,
) {
  const f = await db.reconciliationFinding.findUnique({
    where: { id: findingId },
    select: {
      kind: true,
      identityId: true,
      applicationId: true,
      application: { select: { name: true } },
      entitlement: { select: { name: true } },
    },
  });
  await recordAuditEvent(db, {
    actor,
    action: 'reconciliation.decision_refused',
    entityType: 'ReconciliationFinding',
    entityId: findingId,
    subjectId: f?.identityId ?? null,
    applicationId: f?.applicationId ?? null,
    after: { decision, code: error.code, reason: error.message },
    metadata: f
      ? { kind: f.kind, application: f.application.name, entitlement: f.entitlement?.name ?? null, bulk }
      : { bulk },
  });
}
