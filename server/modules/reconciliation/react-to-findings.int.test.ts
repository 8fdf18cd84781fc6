import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { confirmHeldRun, dismissHeldRun } from './held-runs.ts';
import {
  observeAccount,
  observeMembership,
  openFinding,
  provisionedPerson,
  startRun,
} from '@/server/testing/reconciliation-fixtures.ts';
import { reactToFindings } from './react-to-findings.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** An application with this policy, one entitlement everybody holds, and `others` more accounts the target holds. */
async function application(reconciliation: Prisma.InputJsonValue, others = 0) {
  const app = await createApplication(t.prisma);
  await t.prisma.application.update({ where: { id: app.id }, data: { reconciliation } });
  const base = await createEntitlement(t.prisma, app.id, { name: 'Staff' });
  const rogue = await createEntitlement(t.prisma, app.id, { name: 'Admins' });
  for (let i = 0; i < others; i++)
    await observeAccount(t.prisma, app.id, { username: `other${i}`, nativeId: `uid=other${i},dc=test` });
  return { app, base, rogue, run: await startRun(t.prisma, app.id) };
}

async function rogueFinding(s: Awaited<ReturnType<typeof application>>) {
  const p = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
  const finding = await openFinding(t.prisma, {
    runId: s.run.id,
    applicationId: s.app.id,
    kind: 'UNMANAGED_ENTITLEMENT',
    observed: p.observed,
    identityId: p.person.id,
    entitlementId: s.rogue.id,
  });
  return { ...p, finding };
}

const findingsOf = (applicationId: string) =>
  t.prisma.reconciliationFinding.findMany({ where: { applicationId }, orderBy: { createdAt: 'asc' } });
const react = (runId: string) => reactToFindings(t.prisma, { runId }, { queue: t.queue });

describe('reactions by policy', () => {
  it('REPORT (the default) changes nothing', async () => {
    const s = await application({}, 20);
    const r = await rogueFinding(s);
    expect(await react(s.run.id)).toEqual({
      held: false,
      heldReason: null,
      reverted: 0,
      adopted: 0,
      refused: 0,
    });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: r.finding.id } }),
    ).toMatchObject({ status: 'OPEN', decision: null });
    expect(
      await t.prisma.provisioningOperation.count({
        where: { applicationId: s.app.id, reason: 'RECONCILIATION' },
      }),
    ).toBe(0);
  });

  it('REVERT takes a rogue membership away through the operation path, decided by the policy', async () => {
    const s = await application({ reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' } }, 20);
    const r = await rogueFinding(s);
    expect(await react(s.run.id)).toMatchObject({ held: false, reverted: 1 });
    const finding = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: r.finding.id } });
    expect(finding).toMatchObject({ status: 'IN_PROGRESS', decision: 'REVERT', decidedById: null });
    expect(
      await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: finding.operationId! } }),
    ).toMatchObject({ kind: 'REMOVE_ENTITLEMENT', entitlementId: s.rogue.id, accountId: r.account.id });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'reconciliation.finding_decided', entityId: r.finding.id },
    });
    expect(audit).toMatchObject({ actorType: 'RECONCILIATION', subjectId: r.person.id });
  });

  it('a leaver’s account enabled again in the target is disabled; an orphan is disabled, never deleted', async () => {
    const s = await application(
      { reactions: { LEAVER_ACCOUNT_ENABLED: 'REVERT', ORPHAN_ACCOUNT: 'REVERT' } },
      30,
    );
    const p = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
    // The person left; Gatehouse disabled the account and took the membership away…
    await t.prisma.identity.update({ where: { id: p.person.id }, data: { status: 'TERMINATED' } });
    const leaving = await t.prisma.$transaction((tx) =>
      planAccess(tx, [p.person.id], { reason: 'LEAVER', actor: systemActor('SOURCE') }, { queue: t.queue }),
    );
    expect(leaving.map((o) => o.kind)).toEqual(['REMOVE_ENTITLEMENT', 'DISABLE_ACCOUNT']);
    await t.prisma.provisioningOperation.updateMany({
      where: { id: { in: leaving.map((o) => o.id) } },
      data: { status: 'SUCCEEDED' },
    });
    await t.prisma.accountEntitlement.deleteMany({ where: { accountId: p.account.id } });
    // …and someone enabled it again by hand.
    const leaver = await openFinding(t.prisma, {
      runId: s.run.id,
      applicationId: s.app.id,
      kind: 'LEAVER_ACCOUNT_ENABLED',
      observed: p.observed,
      identityId: p.person.id,
    });
    const stray = await observeAccount(t.prisma, s.app.id, {
      username: 'svc-old',
      nativeId: 'uid=svc-old,dc=test',
    });
    const orphan = await openFinding(t.prisma, {
      runId: s.run.id,
      applicationId: s.app.id,
      kind: 'ORPHAN_ACCOUNT',
      observed: stray,
    });

    expect(await react(s.run.id)).toMatchObject({ held: false, reverted: 2, refused: 0 });
    const [leaverAfter, orphanAfter] = await Promise.all(
      [leaver, orphan].map((f) => t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: f.id } })),
    );
    expect(
      await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: leaverAfter!.operationId! } }),
    ).toMatchObject({ kind: 'DISABLE_ACCOUNT', accountId: p.account.id, payload: { deprovision: true } });
    expect(await t.prisma.account.findUniqueOrThrow({ where: { id: p.account.id } })).toMatchObject({
      status: 'DISABLED',
    });

    const orphanOp = await t.prisma.provisioningOperation.findUniqueOrThrow({
      where: { id: orphanAfter!.operationId! },
    });
    expect(orphanOp).toMatchObject({ kind: 'DISABLE_ACCOUNT', identityId: null });
    // The orphan is now a planned account of nobody, disabled, known to later runs.
    expect(await t.prisma.account.findUniqueOrThrow({ where: { id: orphanOp.accountId! } })).toMatchObject({
      identityId: null,
      origin: 'DISCOVERED',
      status: 'DISABLED',
      nativeId: 'uid=svc-old,dc=test',
    });
    expect((await t.prisma.observedAccount.findUniqueOrThrow({ where: { id: stray.id } })).accountId).toBe(
      orphanOp.accountId,
    );
    expect(
      await t.prisma.provisioningOperation.count({
        where: { applicationId: s.app.id, kind: 'DELETE_ACCOUNT' },
      }),
    ).toBe(0);
  });
});

describe('re-applying the plan', () => {
  it('a drifted attribute, a missing membership, a disabled account and a missing account are put back as planned', async () => {
    const s = await application(
      {
        reactions: {
          ATTRIBUTE_DRIFT: 'REVERT',
          MISSING_ENTITLEMENT: 'REVERT',
          DISABLED_MISMATCH: 'REVERT',
          MISSING_ACCOUNT: 'REVERT',
        },
      },
      50,
    );
    const drift = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
    const [attribute, planned] = Object.entries(drift.account.attributes as Record<string, unknown>)[0]!;
    const missing = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
    const disabled = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
    await t.prisma.observedAccount.update({ where: { id: disabled.observed.id }, data: { enabled: false } });
    const gone = await provisionedPerson(t.prisma, t.queue, s.app.id, [s.base.id]);
    await t.prisma.observedAccount.update({ where: { id: gone.observed.id }, data: { goneAt: new Date() } });
    const f = {
      drift: await openFinding(t.prisma, {
        runId: s.run.id,
        applicationId: s.app.id,
        kind: 'ATTRIBUTE_DRIFT',
        observed: drift.observed,
        identityId: drift.person.id,
        details: { attribute, actual: 'changed by hand', expected: planned as string },
      }),
      missing: await openFinding(t.prisma, {
        runId: s.run.id,
        applicationId: s.app.id,
        kind: 'MISSING_ENTITLEMENT',
        identityId: missing.person.id,
        accountId: missing.account.id,
        entitlementId: s.base.id,
      }),
      disabled: await openFinding(t.prisma, {
        runId: s.run.id,
        applicationId: s.app.id,
        kind: 'DISABLED_MISMATCH',
        observed: disabled.observed,
        identityId: disabled.person.id,
        details: { enabled: false },
      }),
      gone: await openFinding(t.prisma, {
        runId: s.run.id,
        applicationId: s.app.id,
        kind: 'MISSING_ACCOUNT',
        identityId: gone.person.id,
        accountId: gone.account.id,
      }),
    };
    expect(await react(s.run.id)).toMatchObject({ held: false, reverted: 4, refused: 0 });
    const planOf = async (findingId: string) => {
      const ops = await t.prisma.provisioningOperation.findMany({
        where: { causeRef: `finding:${findingId}` },
        orderBy: { sequence: 'asc' },
        select: { kind: true, entitlementId: true, payload: true },
      });
      return ops.map((o) => [
        o.kind,
        o.entitlementId,
        o.kind === 'UPDATE_ACCOUNT' ? (o.payload as { attributes: unknown }).attributes : null,
      ]);
    };
    expect(await planOf(f.drift.id)).toEqual([['UPDATE_ACCOUNT', null, { [attribute]: planned }]]);
    expect(await planOf(f.missing.id)).toEqual([['ADD_ENTITLEMENT', s.base.id, null]]);
    expect(await planOf(f.disabled.id)).toEqual([['ENABLE_ACCOUNT', null, null]]);
    expect(await planOf(f.gone.id)).toEqual([
      ['CREATE_ACCOUNT', null, null],
      ['ADD_ENTITLEMENT', s.base.id, null],
    ]);
    expect((await findingsOf(s.app.id)).map((x) => x.status)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);
    // The plan says again what the target should hold.
    expect(await t.prisma.account.findUniqueOrThrow({ where: { id: drift.account.id } })).toMatchObject({
      attributes: drift.account.attributes,
    });
    expect(
      (
        await t.prisma.accountEntitlement.findUniqueOrThrow({
          where: { accountId_entitlementId: { accountId: missing.account.id, entitlementId: s.base.id } },
        })
      ).status,
    ).toBe('ADDING');
  });
});

describe('the mass-change guard', () => {
  it('holds a run whose reverts touch more accounts than it allows; confirming carries them out', async () => {
    const s = await application(
      { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 10 },
      8,
    );
    const one = await rogueFinding(s);
    const two = await rogueFinding(s);
    const extra = await createEntitlement(t.prisma, s.app.id, { name: 'Auditors' });
    await observeMembership(t.prisma, two.observed.id, extra.id);
    await openFinding(t.prisma, {
      runId: s.run.id,
      applicationId: s.app.id,
      kind: 'UNMANAGED_ENTITLEMENT',
      observed: two.observed,
      identityId: two.person.id,
      entitlementId: extra.id,
    });

    const heldReason = 'would revert 3 memberships on 2 of 10 accounts (20%); the guard allows 10%';
    expect(await react(s.run.id)).toEqual({ held: true, heldReason, reverted: 0, adopted: 0, refused: 0 });
    expect(await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: s.run.id } })).toMatchObject({
      status: 'HELD',
      heldReason,
    });
    expect((await findingsOf(s.app.id)).map((f) => f.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);
    expect(
      await t.prisma.provisioningOperation.count({
        where: { applicationId: s.app.id, reason: 'RECONCILIATION' },
      }),
    ).toBe(0);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'reconciliation.run_held', entityId: s.run.id } }),
    ).toBe(1);

    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    expect(
      await confirmHeldRun(t.prisma, await t.actor(admin.id), { runId: s.run.id }, { queue: t.queue }),
    ).toEqual({ runId: s.run.id, status: 'SUCCEEDED', reverted: 3, adopted: 0, refused: 0 });
    const run = await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: s.run.id } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', confirmedById: admin.id });
    expect(run.confirmedAt).not.toBeNull();
    expect((await findingsOf(s.app.id)).map((f) => f.status)).toEqual([
      'IN_PROGRESS',
      'IN_PROGRESS',
      'IN_PROGRESS',
    ]);
    const removed = await t.prisma.provisioningOperation.findMany({
      where: { applicationId: s.app.id, reason: 'RECONCILIATION' },
      select: { kind: true, accountId: true },
    });
    expect(removed.map((o) => o.kind)).toEqual([
      'REMOVE_ENTITLEMENT',
      'REMOVE_ENTITLEMENT',
      'REMOVE_ENTITLEMENT',
    ]);
    expect(new Set(removed.map((o) => o.accountId))).toEqual(new Set([one.account.id, two.account.id]));
    await expect(
      confirmHeldRun(t.prisma, await t.actor(admin.id), { runId: s.run.id }, { queue: t.queue }),
    ).rejects.toThrow(/succeeded, not held/);
  });

  it('within the guard nothing is held; a dismissed held run leaves its findings open', async () => {
    const within = await application(
      { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 10 },
      9,
    );
    await rogueFinding(within);
    expect(await react(within.run.id)).toMatchObject({ held: false, reverted: 1 });

    const s = await application(
      { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 0 },
      5,
    );
    await rogueFinding(s);
    expect(await react(s.run.id)).toMatchObject({ held: true });
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    expect(await dismissHeldRun(t.prisma, await t.actor(admin.id), { runId: s.run.id })).toEqual({
      runId: s.run.id,
      status: 'SUCCEEDED',
      leftOpen: 1,
    });
    expect((await findingsOf(s.app.id)).map((f) => [f.status, f.decision])).toEqual([['OPEN', null]]);
    expect(
      await t.prisma.provisioningOperation.count({
        where: { applicationId: s.app.id, reason: 'RECONCILIATION' },
      }),
    ).toBe(0);
  });
});

describe('onboarding with ADOPT', () => {
  it('people’s current memberships become grants with source RECONCILIATION (or wait for the owner where the policy says so)', async () => {
    const s = await application({
      reactions: { UNMANAGED_ENTITLEMENT: 'ADOPT' },
      adoptNeedsOwnerApproval: false,
    });
    await t.prisma.reconciliationRun.update({ where: { id: s.run.id }, data: { trigger: 'ONBOARDING' } });
    const person = await createIdentity(t.prisma);
    // What the onboarding run leaves: the account matched to the person (DISCOVERED) and its memberships as findings.
    const account = await t.prisma.account.create({
      data: {
        applicationId: s.app.id,
        identityId: person.id,
        username: person.username,
        nativeId: `uid=${person.username},dc=test`,
        origin: 'DISCOVERED',
      },
    });
    const observed = await observeAccount(t.prisma, s.app.id, {
      username: person.username,
      nativeId: account.nativeId!,
      accountId: account.id,
    });
    for (const e of [s.base, s.rogue]) {
      await observeMembership(t.prisma, observed.id, e.id);
      await openFinding(t.prisma, {
        runId: s.run.id,
        applicationId: s.app.id,
        kind: 'UNMANAGED_ENTITLEMENT',
        observed,
        identityId: person.id,
        entitlementId: e.id,
      });
    }
    expect(await react(s.run.id)).toMatchObject({ held: false, adopted: 2 });
    const grants = await t.prisma.grant.findMany({
      where: { identityId: person.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(grants.map((g) => [g.entitlementId, g.source, g.grantedById])).toEqual([
      [s.base.id, 'RECONCILIATION', null],
      [s.rogue.id, 'RECONCILIATION', null],
    ]);
    expect((await findingsOf(s.app.id)).map((f) => f.status)).toEqual(['RESOLVED', 'RESOLVED']);
    expect(
      await t.prisma.accountEntitlement.count({ where: { accountId: account.id, status: 'ACTIVE' } }),
    ).toBe(2);
    expect(await t.prisma.provisioningOperation.count({ where: { applicationId: s.app.id } })).toBe(0);

    const owned = await application({ reactions: { UNMANAGED_ENTITLEMENT: 'ADOPT' } }, 20);
    const r = await rogueFinding(owned);
    expect(await react(owned.run.id)).toMatchObject({ adopted: 1 });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: r.finding.id } }),
    ).toMatchObject({ status: 'IN_PROGRESS', decision: 'ADOPT', grantId: null });
  });
});
