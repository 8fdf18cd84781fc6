import { uuid7 } from '@/server/lib/uuid7.ts';
import type { Prisma } from '@/server/db/client.ts';
import { concurrencyTier } from '@/server/queue/job-specs.ts';
import { PROVISIONING_PRIORITY, provisioningJobId } from '@/server/queue/provisioning-priority.ts';
import type { FindingKind } from '@/prisma/generated/enums.ts';
import { planAccess, type TPlanCause, type TPlanDeps, type TPlannedOperation } from './plan-access.ts';

/*
 * Reconciliation's way into provisioning (docs/decisions/056). A target that differs from the plan
 * is put back through the one diff: the plan is first told what the target really holds (the
 * observed fact folded into the committed state), then planAccess diffs the person's desired access
 * against it, as for any other change. So a revert can never undo what the portal itself grants
 * (desired access includes every grant in force, approved or in flight), and its operations are
 * applied, retried and audited by the worker like all others.
 */

/** The observed fact a finding is about, as the plan needs it. */
export type TObservedFact = {
  kind: FindingKind;
  findingId: string;
  /** The planned account the target's account is (ObservedAccount.accountId). */
  accountId: string;
  identityId: string;
  entitlementId: string | null;
  /** What writes address the account by today, as read (an LDAP rename changes it). */
  nativeId: string | null;
  enabled: boolean | null;
  attribute: string | null;
  actual: unknown;
};

/**
 * Folds the fact into the plan and re-plans the person; returns the operation that puts the target
 * back (null when the plan, with the fact folded in, already agrees with what the person should hold).
 */
export async function planFromObserved(
  tx: Prisma.TransactionClient,
  fact: TObservedFact,
  cause: TPlanCause,
  deps: TPlanDeps,
): Promise<TPlannedOperation | null> {
  await foldIntoPlan(tx, fact, deps.now ?? new Date());
  const planned = await planAccess(tx, [fact.identityId], cause, deps);
  return (
    planned.find(
      (op) =>
        op.accountId === fact.accountId &&
        (fact.entitlementId === null ||
          !ENTITLEMENT_KINDS.has(fact.kind) ||
          op.entitlementId === fact.entitlementId),
    ) ?? null
  );
}

const ENTITLEMENT_KINDS = new Set<FindingKind>(['UNMANAGED_ENTITLEMENT', 'MISSING_ENTITLEMENT']);

/** The committed state made to say what the target holds, for this one fact. */
async function foldIntoPlan(tx: Prisma.TransactionClient, fact: TObservedFact, at: Date) {
  const account = await tx.account.findUniqueOrThrow({
    where: { id: fact.accountId },
    select: { nativeId: true, attributes: true, status: true },
  });
  if (fact.nativeId && account.nativeId !== fact.nativeId) {
    await tx.account.update({ where: { id: fact.accountId }, data: { nativeId: fact.nativeId } });
  }
  switch (fact.kind) {
    case 'UNMANAGED_ENTITLEMENT':
      // The target holds it: committed ACTIVE, so the diff removes it unless the person should hold it.
      await tx.$executeRaw`
        INSERT INTO "AccountEntitlement" ("accountId", "entitlementId", status, "confirmedAt", "updatedAt")
        VALUES (${fact.accountId}::uuid, ${fact.entitlementId}::uuid, 'ACTIVE', ${at}, ${at})
        ON CONFLICT ("accountId", "entitlementId") DO NOTHING`;
      return;
    case 'MISSING_ENTITLEMENT':
      // The commitment did not hold: its period ends here, and the diff adds it anew.
      await tx.accountEntitlement.deleteMany({
        where: { accountId: fact.accountId, entitlementId: fact.entitlementId!, status: 'ACTIVE' },
      });
      return;
    case 'MISSING_ACCOUNT':
      if (account.status !== 'DELETED')
        await tx.account.update({ where: { id: fact.accountId }, data: { status: 'DELETED' } });
      return;
    case 'DISABLED_MISMATCH':
    case 'LEAVER_ACCOUNT_ENABLED': {
      const enabled = fact.kind === 'LEAVER_ACCOUNT_ENABLED' ? true : Boolean(fact.enabled);
      if (account.status !== 'DELETED')
        await tx.account.update({
          where: { id: fact.accountId },
          data: { status: enabled ? 'ACTIVE' : 'DISABLED' },
        });
      return;
    }
    case 'ATTRIBUTE_DRIFT': {
      if (!fact.attribute) return;
      const attributes = {
        ...((account.attributes ?? {}) as Record<string, unknown>),
        [fact.attribute]: fact.actual ?? null,
      };
      await tx.account.update({
        where: { id: fact.accountId },
        data: { attributes: attributes as Prisma.InputJsonValue },
      });
      return;
    }
    default:
      return;
  }
}

/**
 * Commits the plan to a membership the target already holds (an adoption: its grant was just made),
 * so the diff has nothing to send the target for it.
 */
export async function commitObservedMembership(
  tx: Prisma.TransactionClient,
  accountId: string,
  entitlementId: string,
  at: Date,
) {
  await tx.$executeRaw`
    INSERT INTO "AccountEntitlement" ("accountId", "entitlementId", status, "confirmedAt", "updatedAt")
    VALUES (${accountId}::uuid, ${entitlementId}::uuid, 'ACTIVE', ${at}, ${at})
    ON CONFLICT ("accountId", "entitlementId") DO UPDATE SET status = 'ACTIVE', "confirmedAt" = COALESCE("AccountEntitlement"."confirmedAt", ${at}), "updatedAt" = ${at}
      WHERE "AccountEntitlement".status = 'ADDING'`;
}

/** A target account no person owns, as reconciliation read it. */
export type TOrphanAccount = {
  observedAccountId: string;
  applicationId: string;
  accountId: string | null;
  username: string;
  nativeId: string;
  stableId: string;
};

/**
 * Disables an account no person owns, or takes a membership off it. Nobody's desired access covers
 * it, so there is nothing to diff: the account becomes a planned account of nobody (origin
 * DISCOVERED, planned DISABLED; the observed account points at it, so later runs know it as handled),
 * and the operation goes the worker's way like any other. Deleting it is for a person to decide.
 */
export async function planOrphanCorrection(
  tx: Prisma.TransactionClient,
  orphan: TOrphanAccount,
  change: { kind: 'DISABLE_ACCOUNT' } | { kind: 'REMOVE_ENTITLEMENT'; entitlementId: string },
  cause: TPlanCause,
  deps: TPlanDeps,
): Promise<TPlannedOperation> {
  const accountId = orphan.accountId ?? (await adoptOrphanRow(tx, orphan));
  if (change.kind === 'DISABLE_ACCOUNT') {
    await tx.account.update({
      where: { id: accountId },
      data: { status: 'DISABLED', nativeId: orphan.nativeId },
    });
  }
  const app = await tx.application.findUniqueOrThrow({
    where: { id: orphan.applicationId },
    select: { concurrency: true },
  });
  const entitlement =
    change.kind === 'REMOVE_ENTITLEMENT'
      ? await tx.entitlement.findUniqueOrThrow({
          where: { id: change.entitlementId },
          select: { externalId: true },
        })
      : null;
  const id = uuid7();
  const jobId = provisioningJobId(PROVISIONING_PRIORITY.removal);
  await tx.provisioningOperation.create({
    data: {
      id,
      applicationId: orphan.applicationId,
      accountId,
      identityId: null,
      entitlementId: change.kind === 'REMOVE_ENTITLEMENT' ? change.entitlementId : null,
      kind: change.kind,
      payload:
        change.kind === 'DISABLE_ACCOUNT' ? { deprovision: true } : { entitlement: entitlement!.externalId },
      reason: cause.reason,
      causeRef: cause.ref ?? null,
    },
  });
  await deps.queue.enqueue(tx, 'provisioning.apply', [
    {
      id: jobId,
      payload: { operationIds: [id] },
      singletonKey: accountId,
      priority: PROVISIONING_PRIORITY.removal,
      group: { id: orphan.applicationId, tier: concurrencyTier(app.concurrency) },
    },
  ]);
  return {
    id,
    kind: change.kind,
    identityId: '',
    applicationId: orphan.applicationId,
    accountId,
    entitlementId: change.kind === 'REMOVE_ENTITLEMENT' ? change.entitlementId : null,
  };
}

async function adoptOrphanRow(tx: Prisma.TransactionClient, orphan: TOrphanAccount): Promise<string> {
  const taken = await tx.account.findFirst({
    where: { applicationId: orphan.applicationId, username: orphan.username },
    select: { id: true },
  });
  const account = await tx.account.create({
    data: {
      applicationId: orphan.applicationId,
      identityId: null,
      // A planned account of someone else with this name would have been matched: keep both apart.
      username: taken ? `${orphan.username}#${orphan.stableId}` : orphan.username,
      nativeId: orphan.nativeId,
      status: 'ACTIVE',
      origin: 'DISCOVERED',
    },
    select: { id: true },
  });
  await tx.observedAccount.update({
    where: { id: orphan.observedAccountId },
    data: { accountId: account.id },
  });
  return account.id;
}
