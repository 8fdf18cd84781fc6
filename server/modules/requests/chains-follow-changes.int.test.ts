import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * Pending chains follow every change that raises what a request needs, not only a role's save
 * (docs/decisions/112): an entitlement's own risk, and the policies attached to or deciding an item.
 * Everything goes through the procedures the pages call.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** A requester, her manager, a security team of one, an identity admin; a High default of two stages. */
async function world() {
  const boss = await createIdentity(t.prisma, { firstName: 'Bea' });
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const sam = await createIdentity(t.prisma, { firstName: 'Sam', managerId: boss.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const security = await createTeam(t.prisma, { memberIds: [sam.id] });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  return { boss, mark, alice, sam, ivy, security, app };
}

type TWorld = Awaited<ReturnType<typeof world>>;

const managerStage = {
  name: 'Manager approval',
  approvers: [{ type: 'MANAGER' as const }],
  mode: 'ANY' as const,
  quorum: 1,
};
const securityStage = (w: TWorld, name = 'Security review') => ({
  name,
  approvers: [{ type: 'TEAM' as const, teamKey: w.security.key }],
  mode: 'ANY' as const,
  quorum: 1,
});

const chainOf = (requestId: string) =>
  t.prisma.approvalStage.findMany({
    where: { requestId },
    orderBy: { position: 'asc' },
    select: { name: true, status: true },
  });

async function decide(requestId: string, approverId: string) {
  const step = await t.prisma.approvalStep.findFirstOrThrow({
    where: { requestId, approverId, status: 'PENDING' },
  });
  return (await t.callerFor(approverId)).approvals.decide({ stepId: step.id, decision: 'APPROVE' });
}

const told = (recipientId: string, kind: string) =>
  t.prisma.notification.count({ where: { recipientId, kind } });
const redrawsOf = (requestId: string) =>
  t.prisma.auditEvent.findMany({
    where: { action: 'request.chain_redrawn', entityId: requestId },
    select: { actorId: true, metadata: true },
  });

describe('an entitlement whose own risk is raised', () => {
  it('adds the security review to its pending requests and to those of the roles it makes riskier', async () => {
    const w = await world();
    await createApprovalPolicy(t.prisma, {
      name: `High risk ${w.security.key}`,
      defaultForRisk: 'HIGH',
      stages: [managerStage, securityStage(w)],
    });
    const reports = await createEntitlement(t.prisma, w.app.id, { name: 'Reports', risk: 'LOW' });
    const role = await createRole(t.prisma, {
      name: 'Report Readers',
      risk: 'LOW',
      entitlementIds: [reports.id],
    });
    const alice = await t.callerFor(w.alice.id);
    const { requests } = await alice.requests.create({
      items: [
        { kind: 'ENTITLEMENT', id: reports.id },
        { kind: 'ROLE', id: role.id },
      ],
      justification: 'Needed for the quarter close',
    });
    const ids = requests.map((r) => r.id);
    for (const id of ids)
      expect(await chainOf(id)).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    const ivy = await t.callerFor(w.ivy.id);
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = reports;
    await ivy.catalogAdmin.saveEntitlement({ ...fields, id: reports.id, risk: 'HIGH' });

    for (const id of ids) {
      expect(await chainOf(id)).toEqual([
        { name: 'Manager approval', status: 'PENDING' },
        { name: 'Security review', status: 'WAITING' },
      ]);
      expect(await redrawsOf(id)).toEqual([
        {
          actorId: w.ivy.id,
          metadata: {
            cause: 'RISK',
            risk: 'HIGH',
            policy: `High risk ${w.security.key}`,
            added: ['Security review'],
          },
        },
      ]);
    }
    expect(await told(w.alice.id, 'request.chain_redrawn')).toBe(2);
    expect(await told(w.mark.id, 'approval.chain_redrawn')).toBe(2);

    // The manager's approval alone grants nothing; security's does.
    for (const id of ids)
      expect(await decide(id, w.mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
    for (const id of ids)
      expect(await decide(id, w.sam.id)).toEqual({ requestStatus: 'APPROVED', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(2);
  });
});

describe('an approval policy attached to an item, or changed', () => {
  it('adds the stages of a policy attached to an entitlement with a pending request', async () => {
    const w = await world();
    const wiki = await createEntitlement(t.prisma, w.app.id, { name: 'Wiki', risk: 'LOW' });
    const { id: requestId } = await (
      await t.callerFor(w.alice.id)
    ).requests.create({
      entitlementId: wiki.id,
      justification: 'Needed for the handbook',
    });
    expect(await chainOf(requestId)).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    const ivy = await t.callerFor(w.ivy.id);
    const { id: policyId } = await ivy.approvalPolicies.save({
      key: `wiki-${w.security.key}`.toLowerCase().slice(0, 60),
      name: 'Wiki with security',
      stages: [managerStage, securityStage(w)],
    });
    // Saving a policy nothing uses yet redraws nothing.
    expect(await redrawsOf(requestId)).toEqual([]);
    await ivy.approvalPolicies.attach({ policyId, targets: [{ kind: 'ENTITLEMENT', id: wiki.id }] });

    expect(await chainOf(requestId)).toEqual([
      { name: 'Manager approval', status: 'PENDING' },
      { name: 'Security review', status: 'WAITING' },
    ]);
    expect(await redrawsOf(requestId)).toEqual([
      {
        actorId: w.ivy.id,
        metadata: { cause: 'POLICY', risk: 'LOW', policy: 'Wiki with security', added: ['Security review'] },
      },
    ]);
    expect(await told(w.alice.id, 'request.chain_redrawn')).toBe(1);
    expect(await told(w.mark.id, 'approval.chain_redrawn')).toBe(1);
    expect(await decide(requestId, w.mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
  });

  it('adds a stage added to an attached policy, matching stages by who approves them, not by name', async () => {
    const w = await world();
    const ivy = await t.callerFor(w.ivy.id);
    const key = `ledger-${w.security.key}`.toLowerCase().slice(0, 60);
    const { id: policyId } = await ivy.approvalPolicies.save({
      key,
      name: 'Ledger',
      stages: [managerStage],
    });
    const ledger = await createEntitlement(t.prisma, w.app.id, { name: 'Ledger', risk: 'LOW' });
    const role = await createRole(t.prisma, {
      name: 'Ledger Keepers',
      risk: 'LOW',
      entitlementIds: [ledger.id],
    });
    await ivy.approvalPolicies.attach({ policyId, targets: [{ kind: 'ROLE', id: role.id }] });
    const { id: requestId } = await (
      await t.callerFor(w.alice.id)
    ).requests.create({
      items: [{ kind: 'ROLE', id: role.id }],
      justification: 'Needed for the ledger',
    });
    expect(await chainOf(requestId)).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    // A second stage that shares the first's name but asks security: matched by name it would be
    // taken for the manager's stage and skipped.
    await ivy.approvalPolicies.save({
      id: policyId,
      key,
      name: 'Ledger',
      stages: [managerStage, securityStage(w, 'Manager approval')],
    });
    expect(await chainOf(requestId)).toEqual([
      { name: 'Manager approval', status: 'PENDING' },
      { name: 'Manager approval', status: 'WAITING' },
    ]);
    // Renamed, the same stages are the same: nothing is added twice.
    await ivy.approvalPolicies.save({
      id: policyId,
      key,
      name: 'Ledger',
      stages: [{ ...managerStage, name: 'Line manager' }, securityStage(w, 'Security sign-off')],
    });
    expect(await chainOf(requestId)).toHaveLength(2);
    expect((await redrawsOf(requestId)).map((e) => (e.metadata as { added: string[] }).added)).toEqual([
      ['Manager approval'],
    ]);
    expect(await decide(requestId, w.mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
    expect(await decide(requestId, w.sam.id)).toEqual({ requestStatus: 'APPROVED', stageStatus: 'APPROVED' });
  });
  it("adds the risk default's stages when the policy a pending request was drawn from is deleted", async () => {
    const w = await world();
    await createApprovalPolicy(t.prisma, {
      name: `Medium risk ${w.security.key}`,
      defaultForRisk: 'MEDIUM',
      stages: [managerStage, securityStage(w)],
    });
    const ivy = await t.callerFor(w.ivy.id);
    const { id: policyId } = await ivy.approvalPolicies.save({
      key: `treasury-${w.security.key}`.toLowerCase().slice(0, 60),
      name: 'Treasury, manager only',
      stages: [managerStage],
    });
    const treasury = await createEntitlement(t.prisma, w.app.id, { name: 'Treasury', risk: 'MEDIUM' });
    await ivy.approvalPolicies.attach({ policyId, targets: [{ kind: 'ENTITLEMENT', id: treasury.id }] });
    const { id: requestId } = await (
      await t.callerFor(w.alice.id)
    ).requests.create({
      entitlementId: treasury.id,
      justification: 'Needed for the month end',
    });
    expect(await chainOf(requestId)).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    // Without its policy the entitlement falls back to the Medium default, which asks security too.
    await ivy.approvalPolicies.delete({ id: policyId });
    expect(await chainOf(requestId)).toEqual([
      { name: 'Manager approval', status: 'PENDING' },
      { name: 'Security review', status: 'WAITING' },
    ]);
    expect((await redrawsOf(requestId)).map((e) => (e.metadata as { cause: string }).cause)).toEqual([
      'POLICY',
    ]);
    expect(await decide(requestId, w.mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
  });
  it('adds the stages of a policy that becomes the default for the risk of a pending request', async () => {
    const w = await world();
    const handbook = await createEntitlement(t.prisma, w.app.id, { name: 'Handbook', risk: 'LOW' });
    const { id: requestId } = await (
      await t.callerFor(w.alice.id)
    ).requests.create({
      entitlementId: handbook.id,
      justification: 'Needed for onboarding',
    });
    expect(await chainOf(requestId)).toEqual([{ name: 'Manager approval', status: 'PENDING' }]);

    const ivy = await t.callerFor(w.ivy.id);
    const key = `low-${w.security.key}`.toLowerCase().slice(0, 60);
    const { id } = await ivy.approvalPolicies.save({
      key,
      name: 'Low, checked',
      stages: [managerStage, securityStage(w)],
    });
    // Not yet anyone's default: nothing it decides.
    expect(await chainOf(requestId)).toHaveLength(1);
    await ivy.approvalPolicies.save({
      id,
      key,
      name: 'Low, checked',
      defaultForRisk: 'LOW',
      stages: [managerStage, securityStage(w)],
    });
    expect(await chainOf(requestId)).toEqual([
      { name: 'Manager approval', status: 'PENDING' },
      { name: 'Security review', status: 'WAITING' },
    ]);
    expect(await decide(requestId, w.mark.id)).toEqual({ requestStatus: 'PENDING', stageStatus: 'APPROVED' });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
  });
});
