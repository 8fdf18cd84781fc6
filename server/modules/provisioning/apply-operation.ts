import { systemActor } from '@/server/auth/actor.ts';
import type { TAttributes, TConnector } from '@/server/connectors/sdk/connector.ts';
import { classifyError, ConnectorError } from '@/server/connectors/sdk/connector-error.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { recordAuditEvent } from '@/server/modules/audit/record-audit-event.ts';
import type { ConnectorCache } from './connector-cache.ts';
import { handToFulfilment } from '@/server/modules/fulfilment/hand-to-fulfilment.ts';
import { recordOperationSuccess, type TExecuteResult } from './record-operation-result.ts';
import { loadOperationForApply, type TOperationForApply } from './operation-repository.ts';

export type TApplyAttempt = { retryCount: number; retryLimit: number };
/** What the queue should do with the job: done, try again later, or dead-letter it. */
export type TApplyVerdict = 'completed' | 'failed' | 'deadletter';

const FINAL = new Set(['SUCCEEDED', 'NOOP', 'CANCELLED', 'FAILED', 'WAITING']);

/**
 * The queue keeps one account's jobs in order of their transaction's start, which can differ from
 * the order in which plans committed. `sequence` is assigned under the identity lock, so it is the
 * true order: before an operation runs, any earlier unfinished operation of the same account runs
 * first (its own job later finds it done). If one of those must wait, so does this one.
 */
export async function applyOperation(
  db: TPrisma,
  operationId: string,
  attempt: TApplyAttempt,
  deps: { connectors: ConnectorCache; now?: () => Date },
): Promise<TApplyVerdict> {
  const op = await db.provisioningOperation.findUnique({
    where: { id: operationId },
    select: { accountId: true, sequence: true, status: true },
  });
  if (!op || FINAL.has(op.status)) return 'completed';
  if (op.accountId) {
    const earlier = await db.provisioningOperation.findMany({
      where: { accountId: op.accountId, sequence: { lt: op.sequence }, status: { in: ['PENDING', 'RUNNING', 'RETRYING'] } },
      orderBy: { sequence: 'asc' },
      select: { id: true, kind: true },
    });
    for (const before of earlier) {
      const verdict = await applyOne(db, before.id, { retryCount: 0, retryLimit: attempt.retryLimit }, deps);
      if (verdict === 'failed') {
        await db.provisioningOperation.update({
          where: { id: operationId },
          data: { lastError: `waiting for an earlier ${before.kind} on the same account` },
        });
        return 'failed';
      }
    }
  }
  return applyOne(db, operationId, attempt, deps);
}

/**
 * Applies one provisioning operation through its application's connector and records the result.
 * Safe to run again for the same operation (a redelivered job after a worker died): an operation
 * already recorded as done is not re-applied, and connectors are idempotent, so an operation that
 * reached the target but not the database is re-applied as a noop.
 */
async function applyOne(
  db: TPrisma,
  operationId: string,
  attempt: TApplyAttempt,
  deps: { connectors: ConnectorCache; now?: () => Date },
): Promise<TApplyVerdict> {
  const now = deps.now ?? (() => new Date());
  const op = await loadOperationForApply(db, operationId);
  if (!op || FINAL.has(op.status)) return 'completed';
  await db.provisioningOperation.update({
    where: { id: op.id },
    data: { status: 'RUNNING', attempts: { increment: 1 }, startedAt: now() },
  });
  try {
    if (!op.application.enabled) throw new ConnectorError('unavailable', `${op.application.name} is disabled in Gatehouse`);
    if (op.application.connectorType === 'MANUAL') {
      await db.$transaction((tx) => handToFulfilment(tx, op, now()));
      return 'completed';
    }
    const connector = deps.connectors.get(op.application);
    const result = await execute(connector, op);
    await db.$transaction((tx) => recordOperationSuccess(tx, op, result, now(), systemActor('WORKER')));
    return 'completed';
  } catch (error) {
    const e = classifyError(error);
    const exhausted = attempt.retryCount >= attempt.retryLimit;
    if (e.isRetryable && !exhausted) {
      await db.provisioningOperation.update({
        where: { id: op.id },
        data: { status: 'RETRYING', errorKind: 'RETRYABLE', lastError: e.message },
      });
      if (e.retryAfterMs) await new Promise((r) => setTimeout(r, Math.min(e.retryAfterMs!, 30_000)));
      return 'failed';
    }
    await db.$transaction(async (tx) => {
      await tx.provisioningOperation.update({
        where: { id: op.id },
        data: {
          status: 'FAILED',
          errorKind: e.isRetryable ? 'RETRIES_EXHAUSTED' : 'PERMANENT',
          lastError: `${e.kind}: ${e.message}`,
          finishedAt: now(),
        },
      });
      await recordAuditEvent(tx, {
        actor: systemActor('WORKER'),
        action: 'provisioning.failed',
        entityType: 'ProvisioningOperation',
        entityId: op.id,
        subjectId: op.identityId,
        after: { status: 'FAILED', kind: op.kind, error: e.message, errorKind: e.kind },
        metadata: { application: op.application.name, reason: op.reason },
      });
    });
    return 'deadletter';
  }
}

async function execute(connector: TConnector, op: TOperationForApply): Promise<TExecuteResult> {
  const payload = (op.payload ?? {}) as { username?: string; attributes?: TAttributes; enabled?: boolean };
  const account = op.account
    ? { nativeId: op.account.nativeId, username: op.account.username }
    : null;
  const need = <T>(fn: T | undefined, what: string): T => {
    if (!fn) throw new ConnectorError('unsupported', `${op.application.name} cannot ${what}`);
    return fn;
  };
  if (!account) throw new ConnectorError('invalidConfig', `operation ${op.id} has no account`);
  switch (op.kind) {
    case 'CREATE_ACCOUNT':
      return need(connector.createAccount?.bind(connector), 'create accounts')({
        username: payload.username ?? account.username,
        attributes: payload.attributes ?? {},
        enabled: payload.enabled ?? true,
      });
    case 'UPDATE_ACCOUNT':
      return need(connector.updateAccount?.bind(connector), 'update accounts')(account, payload.attributes ?? {});
    case 'ENABLE_ACCOUNT': {
      const enabled = await need(connector.enableAccount?.bind(connector), 'enable accounts')(account);
      if (payload.attributes && Object.keys(payload.attributes).length && connector.updateAccount) {
        await connector.updateAccount({ ...account, nativeId: enabled.nativeId }, payload.attributes);
      }
      return enabled;
    }
    case 'DISABLE_ACCOUNT':
      return need(connector.disableAccount?.bind(connector), 'disable accounts')(account);
    case 'DELETE_ACCOUNT':
      return need(connector.deleteAccount?.bind(connector), 'delete accounts')(account);
    case 'ADD_ENTITLEMENT':
    case 'REMOVE_ENTITLEMENT': {
      if (!op.entitlement) throw new ConnectorError('notFound', `the entitlement of operation ${op.id} no longer exists`);
      const ref = { externalId: op.entitlement.externalId, kind: op.entitlement.kind };
      return op.kind === 'ADD_ENTITLEMENT'
        ? need(connector.grant?.bind(connector), 'grant entitlements')(account, ref)
        : need(connector.revoke?.bind(connector), 'revoke entitlements')(account, ref);
    }
  }
}
