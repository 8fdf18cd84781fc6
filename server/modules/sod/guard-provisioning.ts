import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { inTransaction, type TDb } from '@/server/db/client.ts';
import { checkSod, summarise } from './check-sod.ts';
import { recordPreventedViolation } from './record-violation.ts';
import { conflictsInvolving } from './sod-evaluation.ts';

export type TGuardedOperation = {
  id: string;
  kind: string;
  identityId: string | null;
  entitlementId: string | null;
  entitlement: { name: string } | null;
  application: { id: string };
};

/**
 * The last SoD check, just before entitlements reach their target (rules change while a request
 * waits or an operation sits in the queue). An add that would leave the person holding both sides of
 * a blocking rule, or of a mitigatable one without a control in force, fails permanently with an
 * SOD_CONFLICT message, is recorded as a prevented violation, and the identity team is told.
 * Returns the ids of the operations it stopped; the caller applies the others.
 */
export async function holdAddsForSod(
  db: TDb,
  ops: readonly TGuardedOperation[],
  now: Date,
): Promise<Set<string>> {
  const adds = ops.filter((o) => o.kind === 'ADD_ENTITLEMENT' && o.identityId && o.entitlementId);
  const stopped = new Set<string>();
  if (adds.length === 0) return stopped;
  // Most entitlements are in no rule: one indexed query settles the whole batch.
  const entitlementIds = [...new Set(adds.map((o) => o.entitlementId!))];
  const touched = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT e.id::text FROM unnest(${entitlementIds}::uuid[]) AS e(id)
     WHERE EXISTS (SELECT 1 FROM "SodRuleItem" i JOIN "SodRule" r ON r.id = i."ruleId" AND r.enabled WHERE i."entitlementId" = e.id)
        OR EXISTS (SELECT 1 FROM "RoleEntitlement" re JOIN "SodRuleItem" i ON i."roleId" = re."roleId" JOIN "SodRule" r ON r.id = i."ruleId" AND r.enabled WHERE re."entitlementId" = e.id)`;
  const touchedIds = new Set(touched.map((t) => t.id));
  for (const op of adds.filter((o) => touchedIds.has(o.entitlementId!))) {
    if (await holdAdd(db, op, now)) stopped.add(op.id);
  }
  return stopped;
}

/** One cause for every add held back: each person's conflict is in their own message. */
const SOD_FAILURE_CAUSE = 'Segregation of duties · the person would hold conflicting access';

async function holdAdd(db: TDb, op: TGuardedOperation, now: Date): Promise<boolean> {
  const { evaluation } = await checkSod(db, op.identityId!, [], { now });
  const conflicts = conflictsInvolving(evaluation, op.entitlementId!);
  if (conflicts.length === 0) return false;
  const summary = await summarise(db, { conflicts, isBlocked: true, needsMitigation: false }, now);
  const message = `SOD_CONFLICT: ${summary.conflicts.map((c) => c.explanation).join(' ')}`;
  return inTransaction(db, async (tx) => {
    const updated = await tx.provisioningOperation.updateMany({
      where: { id: op.id, status: { in: ['PENDING', 'RETRYING', 'RUNNING'] } },
      data: {
        status: 'FAILED',
        errorKind: 'SOD_CONFLICT',
        lastError: message,
        failureCause: SOD_FAILURE_CAUSE,
        finishedAt: now,
      },
    });
    if (updated.count === 0) return false;
    await recordAuditEvent(tx, {
      actor: systemActor('WORKER'),
      action: 'provisioning.failed',
      entityType: 'ProvisioningOperation',
      entityId: op.id,
      subjectId: op.identityId,
      applicationId: op.application.id,
      after: { status: 'FAILED', kind: op.kind, errorKind: 'SOD_CONFLICT', error: message },
    });
    for (const c of summary.conflicts) {
      await recordPreventedViolation(
        tx,
        {
          identityId: op.identityId!,
          conflict: c,
          prevented: 'PROVISIONING',
          what: `adding ${op.entitlement?.name ?? 'an entitlement'}`,
        },
        { now },
      );
    }
    return true;
  });
}
