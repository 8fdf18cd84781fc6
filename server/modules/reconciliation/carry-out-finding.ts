import { actorId, type TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import {
  commitObservedMembership,
  planFromObserved,
  planOrphanCorrection,
  type TPlanDeps,
} from '@/server/modules/provisioning/index.ts';
import { checkSod } from '@/server/modules/sod/index.ts';
import { ZFindingDetails } from './finding-facts.ts';
import type { TFindingForDecision } from './finding-for-decision.ts';
import { createGrant } from '@/server/modules/access/index.ts';

/** Where a finding stands after a revert or an adoption was carried out. */
export type TCarriedOut =
  | { status: 'IN_PROGRESS'; operationId: string; grantId?: undefined; resolution?: undefined }
  | { status: 'RESOLVED'; resolution: string; operationId?: undefined; grantId?: string };

export const GRANTED_MEANWHILE = 'Granted through the portal meanwhile';

/**
 * Puts the target back (docs/decisions/056): through the one diff for a person's account (the fact
 * is folded into the plan and the person re-planned), or by disabling / taking a membership off an
 * account nobody owns. The operation goes the worker's way; the finding waits IN_PROGRESS until it
 * succeeds (or a later run no longer sees the fact). A membership the portal has granted since the
 * run, or is granting now, is never taken away: the finding is resolved instead.
 */
export async function revertFinding(
  tx: Prisma.TransactionClient,
  f: TFindingForDecision,
  actor: TActor,
  deps: TPlanDeps,
): Promise<TCarriedOut> {
  const cause = { reason: 'RECONCILIATION', actor, ref: `finding:${f.id}` };
  if (f.kind === 'ENTITLEMENT_VANISHED')
    throw new AppError('PRECONDITION_FAILED', 'Nothing to put back: the entitlement is gone from the target');
  const observed = f.observedAccount;
  const plannedAccountId = observed?.accountId ?? f.accountId;
  const ownerId = f.identityId ?? observed?.account?.identityId ?? null;

  if (!ownerId || f.kind === 'ORPHAN_ACCOUNT') {
    if (!observed)
      throw new AppError(
        'PRECONDITION_FAILED',
        'The account was not read from the target: run reconciliation again',
      );
    if (f.kind !== 'ORPHAN_ACCOUNT' && f.kind !== 'UNMANAGED_ENTITLEMENT')
      throw new AppError(
        'PRECONDITION_FAILED',
        'The account belongs to nobody: decide the orphan account instead',
      );
    const change =
      f.kind === 'UNMANAGED_ENTITLEMENT'
        ? { kind: 'REMOVE_ENTITLEMENT' as const, entitlementId: f.entitlementId! }
        : { kind: 'DISABLE_ACCOUNT' as const };
    const op = await planOrphanCorrection(
      tx,
      {
        observedAccountId: observed.id,
        applicationId: f.applicationId,
        accountId: plannedAccountId,
        username: observed.username,
        nativeId: observed.nativeId,
        stableId: observed.stableId,
      },
      change,
      cause,
      deps,
    );
    return { status: 'IN_PROGRESS', operationId: op.id };
  }

  if (!plannedAccountId)
    throw new AppError(
      'PRECONDITION_FAILED',
      'The account is not linked to a planned account yet: run reconciliation again',
    );
  // Serialise with the portal's own changes for this person (planAccess takes the same lock).
  await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ${ownerId}::uuid FOR UPDATE`;
  if (
    f.kind === 'UNMANAGED_ENTITLEMENT' &&
    (await isGrantedByThePortal(tx, ownerId, f.applicationId, f.entitlementId!))
  ) {
    return { status: 'RESOLVED', resolution: GRANTED_MEANWHILE };
  }
  const details = ZFindingDetails.safeParse(f.details);
  const op = await planFromObserved(
    tx,
    {
      kind: f.kind,
      findingId: f.id,
      accountId: plannedAccountId,
      identityId: ownerId,
      entitlementId: f.entitlementId,
      nativeId: observed?.nativeId ?? f.nativeId,
      enabled: observed?.enabled ?? (details.success ? (details.data.enabled ?? null) : null),
      attribute: details.success ? (details.data.attribute ?? null) : null,
      actual: details.success ? details.data.actual : undefined,
    },
    cause,
    deps,
  );
  if (op) return { status: 'IN_PROGRESS', operationId: op.id };
  return {
    status: 'RESOLVED',
    resolution:
      f.kind === 'UNMANAGED_ENTITLEMENT'
        ? GRANTED_MEANWHILE
        : 'The person’s access already matches what the target holds: nothing to put back',
  };
}

/** The portal holds or is giving this person the entitlement: a grant in force, a planned membership, or an add in flight. */
async function isGrantedByThePortal(
  tx: Prisma.TransactionClient,
  identityId: string,
  applicationId: string,
  entitlementId: string,
): Promise<boolean> {
  const [row] = await tx.$queryRaw<Array<{ granted: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM "Grant" g WHERE g."identityId" = ${identityId}::uuid AND g."entitlementId" = ${entitlementId}::uuid AND g.status = 'ACTIVE')
        OR EXISTS (SELECT 1 FROM "AccountEntitlement" m JOIN "Account" a ON a.id = m."accountId"
                    WHERE a."identityId" = ${identityId}::uuid AND a."applicationId" = ${applicationId}::uuid AND m."entitlementId" = ${entitlementId}::uuid AND m.status IN ('ADDING', 'ACTIVE'))
        OR EXISTS (SELECT 1 FROM "ProvisioningOperation" o
                    WHERE o."identityId" = ${identityId}::uuid AND o."entitlementId" = ${entitlementId}::uuid AND o.kind = 'ADD_ENTITLEMENT'
                      AND o.status IN ('PENDING', 'RUNNING', 'RETRYING', 'WAITING')) AS granted`;
  return Boolean(row?.granted);
}

/** Why a finding cannot be adopted, or the person and planned account it would be adopted for. */
export function adoptionTarget(f: TFindingForDecision): {
  identityId: string;
  accountId: string;
  entitlementId: string;
} {
  if (f.kind !== 'UNMANAGED_ENTITLEMENT' || !f.entitlementId)
    throw new AppError('PRECONDITION_FAILED', 'Only a membership can be adopted as a grant');
  const accountId = f.observedAccount?.accountId ?? f.accountId;
  const identityId = f.identityId ?? f.observedAccount?.account?.identityId ?? null;
  if (!identityId || !accountId)
    throw new AppError(
      'PRECONDITION_FAILED',
      'The account belongs to no known person: match it to a person first',
    );
  return { identityId, accountId, entitlementId: f.entitlementId };
}

/** Adopting must not put a person into a segregation-of-duties conflict nobody mitigated. */
export async function assertAdoptionKeepsSod(
  tx: Prisma.TransactionClient,
  identityId: string,
  entitlementId: string,
  now: Date,
): Promise<void> {
  const { summary } = await checkSod(tx, identityId, [{ kind: 'ENTITLEMENT', id: entitlementId }], { now });
  const open = summary.conflicts.filter((c) => c.status === 'BLOCKED' || c.status === 'NEEDS_MITIGATION');
  if (open.length) {
    throw new AppError(
      'SOD_CONFLICT',
      `Segregation of duties: ${open.map((c) => `rule “${c.ruleName}”: ${c.explanation}`).join(' ')}`,
      { rules: open.map((c) => c.ruleName) },
    );
  }
}

/**
 * Adopts a membership the target holds as a grant with source RECONCILIATION (sourceRef: the
 * finding, whose decision and reason are its why), and commits the plan to the membership the
 * target already has: nothing is sent to the target.
 */
export async function adoptFinding(
  tx: Prisma.TransactionClient,
  f: TFindingForDecision,
  grantedBy: TActor,
  deps: { now: Date },
): Promise<TCarriedOut> {
  const target = adoptionTarget(f);
  await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ${target.identityId}::uuid FOR UPDATE`;
  const existing = await tx.grant.findFirst({
    where: { identityId: target.identityId, entitlementId: target.entitlementId, status: 'ACTIVE' },
    select: { id: true },
  });
  if (existing)
    return { status: 'RESOLVED', resolution: 'Already granted through the portal', grantId: existing.id };
  await assertAdoptionKeepsSod(tx, target.identityId, target.entitlementId, deps.now);
  const grant = await createGrant(tx, {
    identityId: target.identityId,
    entitlementId: target.entitlementId,
    source: 'RECONCILIATION',
    sourceRef: f.id,
    startsAt: deps.now,
    grantedById: actorId(grantedBy),
  });
  await recordAuditEvent(tx, {
    actor: grantedBy,
    action: 'grant.created',
    entityType: 'Grant',
    entityId: grant.id,
    subjectId: target.identityId,
    applicationId: f.applicationId,
    after: {
      source: 'RECONCILIATION',
      item: f.entitlement?.name,
      entitlementId: target.entitlementId,
      findingId: f.id,
    },
  });
  await commitObservedMembership(tx, target.accountId, target.entitlementId, deps.now);
  return { status: 'RESOLVED', resolution: 'Adopted as a grant', grantId: grant.id };
}
