import crypto from 'node:crypto';
import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma, TPrisma } from '@/server/db/client.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { createGrant, createIdentity, type TIdentityOverrides } from '@/server/seed/factories.ts';
import type { FindingKind } from '@/prisma/generated/enums.ts';
import { factKey } from '@/server/modules/reconciliation/index.ts';

/*
 * Test set-ups for reconciliation's reactions: what the engine leaves behind (a run, observed
 * accounts and memberships, findings keyed by factKey), written directly as the engine would.
 */

/**
 * A person whose access in the application is provisioned and settled as the worker would leave it
 * (account ACTIVE with its target id, memberships ACTIVE, operations SUCCEEDED), and the account as
 * reconciliation read it back.
 */
export async function provisionedPerson(
  db: TPrisma,
  queue: TJobQueue,
  applicationId: string,
  entitlementIds: string[],
  o: TIdentityOverrides = {},
) {
  const person = await createIdentity(db, o);
  for (const entitlementId of entitlementIds) await createGrant(db, { identityId: person.id, entitlementId });
  const ops = await db.$transaction((tx) =>
    planAccess(tx, [person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue }),
  );
  await db.provisioningOperation.updateMany({
    where: { id: { in: ops.map((op) => op.id) } },
    data: { status: 'SUCCEEDED', outcome: 'applied' },
  });
  const account = await db.account.findFirstOrThrow({ where: { identityId: person.id, applicationId } });
  const nativeId = `uid=${person.username},ou=people,dc=test`;
  await db.account.update({ where: { id: account.id }, data: { nativeId } });
  await db.accountEntitlement.updateMany({
    where: { accountId: account.id },
    data: { status: 'ACTIVE', confirmedAt: new Date() },
  });
  const observed = await observeAccount(db, applicationId, {
    username: account.username,
    nativeId,
    accountId: account.id,
  });
  return { person, account: { ...account, nativeId }, observed };
}

export async function observeAccount(
  db: TPrisma,
  applicationId: string,
  o: { username: string; nativeId: string; accountId?: string | null; enabled?: boolean; stableId?: string },
) {
  return db.observedAccount.create({
    data: {
      applicationId,
      stableId: o.stableId ?? crypto.randomUUID(),
      nativeId: o.nativeId,
      username: o.username,
      enabled: o.enabled ?? true,
      accountId: o.accountId ?? null,
    },
  });
}

export async function startRun(db: TPrisma, applicationId: string, trigger = 'MANUAL') {
  return db.reconciliationRun.create({ data: { applicationId, trigger, status: 'RUNNING' } });
}

type TObserved = {
  id: string;
  stableId: string;
  nativeId: string;
  username: string;
  accountId: string | null;
};

/** An open finding as the engine writes it. */
export async function openFinding(
  db: TPrisma,
  o: {
    runId: string;
    applicationId: string;
    kind: FindingKind;
    observed?: TObserved;
    identityId?: string | null;
    entitlementId?: string;
    accountId?: string;
    details?: Prisma.InputJsonValue;
  },
) {
  const stableId = o.observed?.stableId ?? crypto.randomUUID();
  const key = (() => {
    switch (o.kind) {
      case 'UNMANAGED_ENTITLEMENT':
        return factKey(o.kind, { stableId, entitlementId: o.entitlementId! });
      case 'MISSING_ENTITLEMENT':
        return factKey(o.kind, { accountId: o.accountId!, entitlementId: o.entitlementId! });
      case 'MISSING_ACCOUNT':
        return factKey(o.kind, { accountId: o.accountId! });
      case 'ATTRIBUTE_DRIFT':
        return factKey(o.kind, {
          stableId,
          attribute: String((o.details as { attribute?: string } | undefined)?.attribute),
        });
      case 'ENTITLEMENT_VANISHED':
        return factKey(o.kind, { entitlementId: o.entitlementId! });
      default:
        return factKey(o.kind, { stableId });
    }
  })();
  return db.reconciliationFinding.create({
    data: {
      runId: o.runId,
      lastRunId: o.runId,
      applicationId: o.applicationId,
      kind: o.kind,
      factKey: key,
      identityId: o.identityId ?? null,
      accountId: o.accountId ?? o.observed?.accountId ?? null,
      observedAccountId: o.observed?.id ?? null,
      entitlementId: o.entitlementId ?? null,
      nativeId: o.observed?.nativeId ?? null,
      details:
        o.details ?? (o.observed ? { username: o.observed.username, nativeId: o.observed.nativeId } : {}),
    },
  });
}

/** The membership the target holds, as a run saw it. */
export async function observeMembership(db: TPrisma, observedAccountId: string, entitlementId: string) {
  return db.observedMembership.create({ data: { observedAccountId, entitlementId } });
}
