import type { TUserActor } from '@/server/auth/actor.ts';
import { inItemTransaction, type TDb } from '@/server/db/client.ts';
import { AppError, isAppError } from '@/server/lib/app-error.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { operationPriority, PROVISIONING_PRIORITY } from '@/server/queue/provisioning-priority.ts';
import type { TQueueAdmin } from '@/server/queue/queue-admin.ts';
import { accountOf } from './failure-cause.ts';
import { requeueFailedOperation, RETRYABLE_SELECT } from './manage-operation.ts';

/** At most this many operations are retried by one call; the rest of a larger group stays for the next. */
export const MAX_BULK_RETRY = 500;

export type TRetryFailuresInput =
  { operationIds: string[] } | { group: { applicationId: string; cause: string | null } };
type TDeps = { queue: TJobQueue; queueAdmin: TQueueAdmin };
type TOutcome = {
  id: string;
  account: string;
  application: string;
  entitlement: string | null;
  kind: string;
};

/**
 * Retries failed operations chosen by hand or by their group (application and cause). Each is put
 * back in line in its own transaction, so one that cannot be retried is reported with its reason
 * and the rest go ahead: one no longer failed, one whose account is gone, one a later change for
 * the same account (and entitlement) has superseded, or a grant for a person who has left.
 */
export async function retryFailures(db: TDb, actor: TUserActor, input: TRetryFailuresInput, deps: TDeps) {
  const where =
    'group' in input
      ? {
          status: 'FAILED' as const,
          applicationId: input.group.applicationId,
          failureCause: input.group.cause,
        }
      : { id: { in: input.operationIds } };
  const [ops, total] = await Promise.all([
    db.provisioningOperation.findMany({
      where,
      orderBy: { sequence: 'asc' },
      take: MAX_BULK_RETRY,
      select: {
        ...RETRYABLE_SELECT,
        sequence: true,
        account: { select: { username: true, nativeId: true, status: true } },
        identity: { select: { displayName: true, status: true } },
        entitlement: { select: { name: true } },
      },
    }),
    'group' in input ? db.provisioningOperation.count({ where }) : Promise.resolve(input.operationIds.length),
  ]);
  if ('operationIds' in input && ops.length < new Set(input.operationIds).size)
    throw new AppError('NOT_FOUND', 'Some of these operations do not exist');
  const superseded = await findSuperseded(
    db,
    ops.map((o) => o.id),
  );
  const retried: TOutcome[] = [];
  const skipped: Array<TOutcome & { reason: string }> = [];
  for (const op of ops) {
    const outcome: TOutcome = {
      id: op.id,
      account: accountOf(op),
      application: op.application.name,
      entitlement: op.entitlement?.name ?? null,
      kind: op.kind,
    };
    const reason = whyNot(op, superseded.has(op.id));
    if (reason) {
      skipped.push({ ...outcome, reason });
      continue;
    }
    try {
      await inItemTransaction(db, (tx) => requeueFailedOperation(tx, actor, op, deps));
      retried.push(outcome);
    } catch (error) {
      if (!isAppError(error)) throw error;
      skipped.push({ ...outcome, reason: error.message });
    }
  }
  return { retried, skipped, remaining: Math.max(0, total - ops.length) };
}

function whyNot(
  op: {
    status: string;
    kind: string;
    payload: unknown;
    accountId: string | null;
    account: { status: string } | null;
    identity: { displayName: string; status: string } | null;
  },
  isSuperseded: boolean,
): string | null {
  if (op.status !== 'FAILED') return `it is no longer failed (it is ${op.status.toLowerCase()})`;
  // A deletion marks its account deleted when it is planned; anything else needs the account.
  if (!op.account || (op.account.status === 'DELETED' && op.kind !== 'DELETE_ACCOUNT'))
    return 'its account no longer exists';
  if (isSuperseded) return 'a later change for the same account supersedes it';
  // Taking access away from a leaver is what should happen; giving them access is not.
  if (op.identity?.status === 'TERMINATED' && operationPriority(op) !== PROVISIONING_PRIORITY.removal)
    return `${op.identity.displayName} has left`;
  return null;
}

/**
 * The operations a later, not cancelled, operation of the same account overrides: for a membership,
 * any later operation on the same entitlement; for the account itself, any later operation on the
 * account, except that a create is still needed by the updates and enables planned after it.
 */
async function findSuperseded(db: TDb, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT o.id::text AS id FROM "ProvisioningOperation" o
     WHERE o.id = ANY(${ids}::uuid[])
       AND EXISTS (
         SELECT 1 FROM "ProvisioningOperation" l
          WHERE l."accountId" = o."accountId" AND l.sequence > o.sequence AND l.status <> 'CANCELLED'
            AND l."entitlementId" IS NOT DISTINCT FROM o."entitlementId"
            AND NOT (o.kind = 'CREATE_ACCOUNT' AND l.kind IN ('UPDATE_ACCOUNT', 'ENABLE_ACCOUNT')))`;
  return new Set(rows.map((r) => r.id));
}
