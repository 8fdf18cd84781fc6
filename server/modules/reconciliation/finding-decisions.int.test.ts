import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { getGrantEvidence } from '@/server/modules/reports/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { approveAdoption, denyAdoption } from './adoption-approval.ts';
import { decideFindings } from './decide-findings.ts';
import { openFinding, provisionedPerson, startRun } from '@/server/testing/reconciliation-fixtures.ts';
import { reopenExpiredExceptions } from './reopen-expired-exceptions.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * An application where the person holds A through the portal and the target also gives them B
 * (a membership added by hand): one open UNMANAGED_ENTITLEMENT finding about B.
 */
async function rogueMembership(o: { ownerOfB?: string | null; appOwner?: string | null } = {}) {
  const app = await createApplication(t.prisma, { ownerId: o.appOwner ?? null });
  const a = await createEntitlement(t.prisma, app.id, { name: 'Readers' });
  const b = await createEntitlement(t.prisma, app.id, {
    name: 'Payments Admins',
    ownerId: o.ownerOfB ?? null,
  });
  const { person, account, observed } = await provisionedPerson(t.prisma, t.queue, app.id, [a.id]);
  const run = await startRun(t.prisma, app.id);
  const finding = await openFinding(t.prisma, {
    runId: run.id,
    applicationId: app.id,
    kind: 'UNMANAGED_ENTITLEMENT',
    observed,
    identityId: person.id,
    entitlementId: b.id,
  });
  return { app, a, b, person, account, observed, run, finding };
}

const admin = () => createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
const employee = () => createIdentity(t.prisma);

describe('reverting a finding', () => {
  it('plans the removal of a rogue membership through the operation path, and audits it for the person', async () => {
    const s = await rogueMembership();
    const me = await admin();
    const result = await (
      await t.callerFor(me.id)
    ).reconciliation.decide({ findingIds: [s.finding.id], decision: 'REVERT' });
    expect(result).toEqual({ decided: 1, refused: [] });

    const finding = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } });
    expect(finding).toMatchObject({ status: 'IN_PROGRESS', decision: 'REVERT', decidedById: me.id });
    const op = await t.prisma.provisioningOperation.findUniqueOrThrow({
      where: { id: finding.operationId! },
    });
    expect(op).toMatchObject({
      kind: 'REMOVE_ENTITLEMENT',
      accountId: s.account.id,
      entitlementId: s.b.id,
      reason: 'RECONCILIATION',
      causeRef: `finding:${s.finding.id}`,
      status: 'PENDING',
    });
    // Nothing else of the person's access moves: A stays.
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { causeRef: `finding:${s.finding.id}` },
    });
    expect(ops.map((o) => o.kind)).toEqual(['REMOVE_ENTITLEMENT']);
    const memberships = await t.prisma.accountEntitlement.findMany({
      where: { accountId: s.account.id },
      orderBy: { entitlementId: 'asc' },
    });
    expect(Object.fromEntries(memberships.map((m) => [m.entitlementId, m.status]))).toEqual({
      [s.a.id]: 'ACTIVE',
      [s.b.id]: 'REMOVING',
    });

    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'reconciliation.finding_decided', entityId: s.finding.id },
    });
    expect(audit).toMatchObject({ subjectId: s.person.id, actorId: me.id });
  });

  it('does not undo a grant the portal is making meanwhile (membership ADDING): the finding is resolved, nothing revoked', async () => {
    const s = await rogueMembership();
    // The person was granted B after the run read the target: its add is in flight.
    await createGrant(t.prisma, { identityId: s.person.id, entitlementId: s.b.id });
    const add = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        [s.person.id],
        { reason: 'REQUEST_APPROVED', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    expect(add.map((o) => o.kind)).toEqual(['ADD_ENTITLEMENT']);

    const result = await decideFindings(
      t.prisma,
      systemActor('RECONCILIATION'),
      { findingIds: [s.finding.id], decision: 'REVERT' },
      { queue: t.queue },
    );
    expect(result.decided).toBe(1);
    const finding = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } });
    expect(finding).toMatchObject({
      status: 'RESOLVED',
      resolution: 'Granted through the portal meanwhile',
      operationId: null,
    });
    expect(
      await t.prisma.provisioningOperation.count({
        where: { accountId: s.account.id, kind: 'REMOVE_ENTITLEMENT' },
      }),
    ).toBe(0);
    expect(
      (
        await t.prisma.accountEntitlement.findUniqueOrThrow({
          where: { accountId_entitlementId: { accountId: s.account.id, entitlementId: s.b.id } },
        })
      ).status,
    ).toBe('ADDING');
  });
});

describe('adopting a finding', () => {
  it('by the entitlement owner: a grant with source RECONCILIATION, the decider and the reason; the plan takes the membership as it is', async () => {
    const owner = await employee();
    const s = await rogueMembership({ ownerOfB: owner.id });
    const result = await (
      await t.callerFor(owner.id)
    ).reconciliation.decide({
      findingIds: [s.finding.id],
      decision: 'ADOPT',
      reason: 'Runs the payment batch, agreed with finance',
    });
    expect(result).toEqual({ decided: 1, refused: [] });

    const finding = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } });
    expect(finding).toMatchObject({
      status: 'RESOLVED',
      decision: 'ADOPT',
      decisionReason: 'Runs the payment batch, agreed with finance',
      decidedById: owner.id,
    });
    const grant = await t.prisma.grant.findUniqueOrThrow({ where: { id: finding.grantId! } });
    expect(grant).toMatchObject({
      identityId: s.person.id,
      entitlementId: s.b.id,
      source: 'RECONCILIATION',
      sourceRef: s.finding.id,
      grantedById: owner.id,
      status: 'ACTIVE',
    });
    expect(
      (
        await t.prisma.accountEntitlement.findUniqueOrThrow({
          where: { accountId_entitlementId: { accountId: s.account.id, entitlementId: s.b.id } },
        })
      ).status,
    ).toBe('ACTIVE');
    // The target already holds it: nothing to provision, now or on the next plan.
    expect(await t.prisma.provisioningOperation.count({ where: { entitlementId: s.b.id } })).toBe(0);
    expect(
      await t.prisma.$transaction((tx) =>
        planAccess(tx, [s.person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
      ),
    ).toEqual([]);

    const evidence = await getGrantEvidence(t.prisma, grant.id, { now: new Date() });
    expect(evidence.finding).toMatchObject({
      id: s.finding.id,
      decision: 'ADOPT',
      decisionReason: 'Runs the payment batch, agreed with finance',
      decidedBy: { id: owner.id },
    });
  });

  it('by the identity team: waits for the owner, whose approval makes the grant (someone else cannot approve)', async () => {
    const owner = await employee();
    const me = await admin();
    const s = await rogueMembership({ ownerOfB: owner.id });
    expect(
      await decideFindings(
        t.prisma,
        await t.actor(me.id),
        { findingIds: [s.finding.id], decision: 'ADOPT', reason: 'Known team need' },
        { queue: t.queue },
      ),
    ).toEqual({ decided: 1, refused: [] });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'IN_PROGRESS', decision: 'ADOPT', grantId: null });
    expect(await t.prisma.grant.count({ where: { sourceRef: s.finding.id } })).toBe(0);
    expect(
      await t.prisma.notification.count({
        where: { recipientId: owner.id, kind: 'reconciliation.adoption_requested' },
      }),
    ).toBe(1);

    await expect(
      approveAdoption(t.prisma, await t.actor(me.id), { findingId: s.finding.id }),
    ).rejects.toThrow(/Only the entitlement’s owner/);
    const { grantId } = await (
      await t.callerFor(owner.id)
    ).reconciliation.approveAdoption({ findingId: s.finding.id });
    const grant = await t.prisma.grant.findUniqueOrThrow({ where: { id: grantId } });
    expect(grant).toMatchObject({ source: 'RECONCILIATION', sourceRef: s.finding.id, grantedById: owner.id });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'RESOLVED', decidedById: me.id, resolvedById: owner.id, grantId });
    const evidence = await getGrantEvidence(t.prisma, grantId, { now: new Date() });
    expect(evidence.finding).toMatchObject({
      decidedBy: { id: me.id },
      resolvedBy: { id: owner.id },
      decisionReason: 'Known team need',
    });
    const audit = await t.prisma.auditEvent.findMany({
      where: { entityId: s.finding.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => [a.action, a.subjectId])).toEqual([
      ['reconciliation.finding_decided', s.person.id],
      ['reconciliation.adoption_approved', s.person.id],
    ]);
  });

  it('the owner may deny: the finding is open again', async () => {
    const owner = await employee();
    const s = await rogueMembership({ ownerOfB: owner.id });
    await decideFindings(
      t.prisma,
      systemActor('RECONCILIATION'),
      { findingIds: [s.finding.id], decision: 'ADOPT', reason: 'policy' },
      { queue: t.queue },
    );
    await denyAdoption(t.prisma, await t.actor(owner.id), {
      findingId: s.finding.id,
      reason: 'Nobody asked for this',
    });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'OPEN', decision: null, grantId: null });
  });

  it('the finding page says an adoption waits, and offers the approval to the owner only', async () => {
    const owner = await employee();
    const me = await admin();
    const s = await rogueMembership({ ownerOfB: owner.id });
    expect(
      (await (await t.callerFor(owner.id)).reconciliation.getFinding({ findingId: s.finding.id }))
        .adoptionApproval,
    ).toBeNull();
    await decideFindings(
      t.prisma,
      await t.actor(me.id),
      { findingIds: [s.finding.id], decision: 'ADOPT', reason: 'Known team need' },
      { queue: t.queue },
    );

    expect(
      (await (await t.callerFor(owner.id)).reconciliation.getFinding({ findingId: s.finding.id }))
        .adoptionApproval,
    ).toEqual({ mayApprove: true });
    // The identity member who asked for it sees that it waits, but does not approve it.
    expect(
      (await (await t.callerFor(me.id)).reconciliation.getFinding({ findingId: s.finding.id }))
        .adoptionApproval,
    ).toEqual({ mayApprove: false });

    await (await t.callerFor(owner.id)).reconciliation.approveAdoption({ findingId: s.finding.id });
    expect(
      (await (await t.callerFor(owner.id)).reconciliation.getFinding({ findingId: s.finding.id }))
        .adoptionApproval,
    ).toBeNull();
  });

  it('is refused, with the rule named, when it would put the person into an SoD conflict; a mitigation lets it through', async () => {
    const owner = await employee();
    const s = await rogueMembership({ ownerOfB: owner.id });
    const rule = await createSodRule(t.prisma, {
      name: 'Read versus pay',
      sideA: [{ entitlementId: s.a.id }],
      sideB: [{ entitlementId: s.b.id }],
      severity: 'MITIGATABLE',
    });
    const refused = await decideFindings(
      t.prisma,
      await t.actor(owner.id),
      { findingIds: [s.finding.id], decision: 'ADOPT', reason: 'needed' },
      { queue: t.queue },
    );
    expect(refused.decided).toBe(0);
    expect(refused.refused[0]?.reason).toMatch(/Segregation of duties: rule “Read versus pay”/);
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'OPEN' });
    expect(await t.prisma.grant.count({ where: { sourceRef: s.finding.id } })).toBe(0);

    await t.prisma.sodMitigation.create({
      data: {
        ruleId: rule.id,
        identityId: s.person.id,
        control: 'Monthly review of payments',
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        createdById: owner.id,
      },
    });
    expect(
      await decideFindings(
        t.prisma,
        await t.actor(owner.id),
        { findingIds: [s.finding.id], decision: 'ADOPT', reason: 'needed' },
        { queue: t.queue },
      ),
    ).toEqual({ decided: 1, refused: [] });
  });
});

describe('exceptions', () => {
  it('need a reason and a day within a year, and come back OPEN when they lapse', async () => {
    const s = await rogueMembership();
    const me = await admin();
    const caller = await t.callerFor(me.id);
    await expect(
      caller.reconciliation.decide({
        findingIds: [s.finding.id],
        decision: 'EXCEPTION',
        exceptionUntil: day(30),
      }),
    ).rejects.toThrow(/reason/);
    await expect(
      caller.reconciliation.decide({ findingIds: [s.finding.id], decision: 'EXCEPTION', reason: 'x' }),
    ).rejects.toThrow(/day it ends/);
    await expect(
      caller.reconciliation.decide({
        findingIds: [s.finding.id],
        decision: 'EXCEPTION',
        reason: 'x',
        exceptionUntil: '2026-02-30',
      }),
    ).rejects.toThrow(/not a day/);
    expect(
      (
        await caller.reconciliation.decide({
          findingIds: [s.finding.id],
          decision: 'EXCEPTION',
          reason: 'x',
          exceptionUntil: day(0),
        })
      ).refused[0]?.reason,
    ).toMatch(/future/);
    expect(
      (
        await caller.reconciliation.decide({
          findingIds: [s.finding.id],
          decision: 'EXCEPTION',
          reason: 'x',
          exceptionUntil: day(400),
        })
      ).refused[0]?.reason,
    ).toMatch(/at most 365 days/);

    const until = day(30);
    expect(
      await caller.reconciliation.decide({
        findingIds: [s.finding.id],
        decision: 'EXCEPTION',
        reason: 'Audit project until month end',
        exceptionUntil: until,
      }),
    ).toEqual({ decided: 1, refused: [] });
    const excepted = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } });
    expect(excepted).toMatchObject({
      status: 'EXCEPTION',
      decision: 'EXCEPTION',
      decisionReason: 'Audit project until month end',
    });
    // It holds through the day named, and lapses as that day ends.
    expect(excepted.exceptionUntil?.toISOString()).toBe(`${until}T00:00:00.000Z`);
    expect(await reopenExpiredExceptions(t.prisma, { now: new Date(`${until}T23:59:00Z`) })).toEqual({
      reopened: 0,
    });
    expect(
      await reopenExpiredExceptions(t.prisma, {
        now: new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000),
      }),
    ).toEqual({ reopened: 1 });
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'OPEN', decision: null });
    const expired = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'reconciliation.exception_expired', entityId: s.finding.id },
    });
    expect(expired.subjectId).toBe(s.person.id);
  });
});

describe('who may decide', () => {
  it('a bulk decision decides what is in scope and says why the rest is refused', async () => {
    const owner = await employee();
    const other = await employee();
    const mine1 = await rogueMembership({ ownerOfB: owner.id });
    const mine2 = await rogueMembership({ ownerOfB: owner.id });
    const theirs = await rogueMembership({ ownerOfB: other.id });
    const result = await (
      await t.callerFor(owner.id)
    ).reconciliation.decide({
      findingIds: [mine1.finding.id, theirs.finding.id, mine2.finding.id],
      decision: 'REVERT',
    });
    expect(result.decided).toBe(2);
    expect(result.refused).toEqual([
      {
        findingId: theirs.finding.id,
        reason: 'Not yours to decide: you own neither its entitlement nor its application',
      },
    ]);
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: theirs.finding.id } }),
    ).toMatchObject({ status: 'OPEN', decision: null });
    expect(
      (
        await t.prisma.reconciliationFinding.findMany({
          where: { id: { in: [mine1.finding.id, mine2.finding.id] } },
        })
      ).map((f) => f.status),
    ).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    // The refused attempt is on record, for the person it was about; the decided ones are not refusals.
    const refusals = await t.prisma.auditEvent.findMany({
      where: { action: 'reconciliation.decision_refused', actorId: owner.id },
    });
    expect(
      refusals.map((e) => [
        e.entityId,
        e.subjectId,
        (e.after as { code: string }).code,
        (e.metadata as { bulk: boolean }).bulk,
      ]),
    ).toEqual([[theirs.finding.id, theirs.person.id, 'FORBIDDEN', true]]);
  });

  it('an employee, an owner of another entitlement and a person about their own access are refused; an application owner may decide', async () => {
    const appOwner = await employee();
    const s = await rogueMembership({ appOwner: appOwner.id });
    const stranger = await employee();
    const otherOwner = await employee();
    await createEntitlement(t.prisma, s.app.id, { ownerId: otherOwner.id });
    for (const who of [stranger, otherOwner]) {
      expect(
        (
          await (
            await t.callerFor(who.id)
          ).reconciliation.decide({ findingIds: [s.finding.id], decision: 'REVERT' })
        ).refused,
      ).toEqual([
        {
          findingId: s.finding.id,
          reason: 'Not yours to decide: you own neither its entitlement nor its application',
        },
      ]);
    }
    // The person concerned, even on the identity team, does not decide about their own access.
    await t.prisma.identityPortalRole.create({ data: { identityId: s.person.id, role: 'IDENTITY_ADMIN' } });
    expect(
      (
        await (
          await t.callerFor(s.person.id)
        ).reconciliation.decide({ findingIds: [s.finding.id], decision: 'REVERT' })
      ).refused[0]?.reason,
    ).toMatch(/your own access/);
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: s.finding.id } }),
    ).toMatchObject({ status: 'OPEN' });
    // An employee cannot confirm held runs at all.
    await expect(
      (await t.callerFor(stranger.id)).reconciliation.confirmHeldRun({ runId: s.run.id }),
    ).rejects.toThrow(/permission/);

    expect(
      await (
        await t.callerFor(appOwner.id)
      ).reconciliation.decide({ findingIds: [s.finding.id], decision: 'REVERT' }),
    ).toEqual({ decided: 1, refused: [] });
    expect(
      (
        await (
          await t.callerFor(appOwner.id)
        ).reconciliation.decide({ findingIds: [s.finding.id], decision: 'REVERT' })
      ).refused[0]?.reason,
    ).toBe('Already being put back');
  });
});
