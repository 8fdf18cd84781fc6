import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { decideApprovalStep, listMyApprovals } from '@/server/modules/approvals/index.ts';
import { listFulfilmentTasks, settleFulfilmentTask } from '@/server/modules/fulfilment/index.ts';
import { createAccessRequest } from '@/server/modules/requests/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor, waitForOperations } from '@/server/testing/wait-for.ts';
import { getGrantEvidence } from './grant-evidence.ts';
import { whyText } from '@/server/modules/reviews/index.ts';
import { getWhoHasReport } from './who-has.ts';
import { isoDay } from '@/server/shared/format-date.ts';

let t: TTestContext;
let worker: TWorker;
beforeAll(async () => {
  t = await createTestContext();
  worker = await startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['provisioning.apply'],
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.close();
});

describe('the evidence behind a grant', () => {
  it('tells a requested grant’s whole chain: justification, each approver’s decision and comment, SoD and its mitigation, the operations and the target’s id', async () => {
    const head = await createIdentity(t.prisma, { firstName: 'Hedda', lastName: 'Head' });
    const manager = await createIdentity(t.prisma, {
      firstName: 'Mona',
      lastName: 'Manager',
      managerId: head.id,
    });
    const owner = await createIdentity(t.prisma, { firstName: 'Otto', lastName: 'Owner' });
    const fulfiller = await createIdentity(t.prisma, { firstName: 'Fay', lastName: 'Fulfiller' });
    const pia = await createIdentity(t.prisma, {
      firstName: 'Pia',
      lastName: 'Payer',
      username: 'pia',
      managerId: manager.id,
    });
    const desk = await t.prisma.team.create({
      data: {
        key: 'vault-desk',
        name: 'Vault desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: fulfiller.id }] },
      },
    });
    const vault = await createApplication(t.prisma, {
      name: 'Vault',
      connectorType: 'MANUAL',
      config: { slaHours: 4 },
    });
    await t.prisma.application.update({ where: { id: vault.id }, data: { fulfilmentTeamId: desk.id } });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        { name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY', quorum: 1 },
      ],
    });
    const release = await createEntitlement(t.prisma, vault.id, {
      name: 'Release payments',
      risk: 'HIGH',
      ownerId: owner.id,
    });
    await t.prisma.entitlement.update({ where: { id: release.id }, data: { approvalPolicyId: policy.id } });
    // Pia already prepares payments; releasing them too conflicts, and a control mitigates it.
    const prepare = await createEntitlement(t.prisma, vault.id, { name: 'Prepare payments' });
    await createGrant(t.prisma, { identityId: pia.id, entitlementId: prepare.id, source: 'ADMIN' });
    const rule = await createSodRule(t.prisma, {
      name: 'Prepare and release',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: prepare.id }],
      sideB: [{ entitlementId: release.id }],
    });
    await t.prisma.sodMitigation.create({
      data: {
        ruleId: rule.id,
        identityId: pia.id,
        control: 'Dual control on every payment run',
        expiresAt: new Date(Date.now() + 90 * 86_400_000),
      },
    });

    const request = await createAccessRequest(
      t.prisma,
      await t.actor(pia.id),
      { entitlementId: release.id, justification: 'Covering the treasury desk in December' },
      { queue: t.queue },
    );
    const [managerStep] = await listMyApprovals(t.prisma, await t.actor(manager.id), { status: 'PENDING' });
    await decideApprovalStep(
      t.prisma,
      await t.actor(manager.id),
      { stepId: managerStep!.id, decision: 'APPROVE', comment: 'Agreed for the holidays' },
      { queue: t.queue },
    );
    const [ownerStep] = await listMyApprovals(t.prisma, await t.actor(owner.id), { status: 'PENDING' });
    await decideApprovalStep(
      t.prisma,
      await t.actor(owner.id),
      { stepId: ownerStep!.id, decision: 'APPROVE', comment: 'With dual control' },
      { queue: t.queue },
    );

    // The worker hands the operations to the desk; the fulfiller reports the account's id in the vault.
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { causeRef: `request:${request.id}` },
      select: { id: true },
    });
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const tasks = await waitFor(async () => {
      const open = await listFulfilmentTasks(t.prisma, await t.actor(fulfiller.id), { status: 'OPEN' });
      return open.length === ops.length ? open : null;
    });
    // The plan covers all Pia should hold: her account, the release rights, and what she held before.
    expect(tasks.map((x) => x.operation.kind).sort()).toEqual([
      'ADD_ENTITLEMENT',
      'ADD_ENTITLEMENT',
      'CREATE_ACCOUNT',
    ]);
    for (const task of tasks) {
      await settleFulfilmentTask(
        t.prisma,
        await t.actor(fulfiller.id),
        task.operation.kind === 'CREATE_ACCOUNT'
          ? { taskId: task.id, outcome: 'DONE', targetId: 'VAULT-0007' }
          : { taskId: task.id, outcome: 'DONE' },
      );
    }

    const grant = await t.prisma.grant.findFirstOrThrow({
      where: { identityId: pia.id, entitlementId: release.id },
    });
    const evidence = await getGrantEvidence(t.prisma, grant.id, { now: new Date() });
    expect(evidence.grant).toMatchObject({
      source: 'REQUEST',
      sourceRef: request.id,
      status: 'ACTIVE',
      identity: { username: 'pia' },
      entitlement: { name: 'Release payments', risk: 'HIGH', application: { name: 'Vault' } },
    });
    const [req] = evidence.requests;
    expect(req).toMatchObject({
      id: request.id,
      kind: 'GRANT',
      status: 'APPROVED',
      justification: 'Covering the treasury desk in December',
      requester: { displayName: 'Pia Payer' },
      autoApprovedBy: null,
    });
    expect(
      req!.stages.map((s) => [
        s.name,
        s.status,
        s.steps.map((x) => [
          x.approver.displayName,
          x.status,
          x.decidedBy?.displayName,
          x.comment,
          x.decidedAt instanceof Date,
        ]),
      ]),
    ).toEqual([
      [
        'Manager approval',
        'APPROVED',
        [['Mona Manager', 'APPROVED', 'Mona Manager', 'Agreed for the holidays', true]],
      ],
      ['Owner approval', 'APPROVED', [['Otto Owner', 'APPROVED', 'Otto Owner', 'With dual control', true]]],
    ]);
    expect(req!.sod?.conflicts).toEqual([
      expect.objectContaining({
        ruleName: 'Prepare and release',
        severity: 'MITIGATABLE',
        status: 'MITIGATED',
      }),
    ]);
    expect(req!.mitigationsInForce).toEqual([
      expect.objectContaining({
        ruleName: 'Prepare and release',
        control: 'Dual control on every payment run',
        revokedAt: null,
      }),
    ]);
    expect(evidence.operations.map((o) => [o.kind, o.status, o.reason, o.targetId])).toEqual([
      ['CREATE_ACCOUNT', 'SUCCEEDED', 'REQUEST_APPROVED', 'VAULT-0007'],
      ['ADD_ENTITLEMENT', 'SUCCEEDED', 'REQUEST_APPROVED', 'VAULT-0007'],
    ]);
    expect(evidence.accounts).toEqual([
      expect.objectContaining({
        nativeId: 'VAULT-0007',
        status: 'ACTIVE',
        memberships: [
          expect.objectContaining({
            entitlementName: 'Release payments',
            status: 'ACTIVE',
            confirmedAt: expect.any(Date),
          }),
        ],
        periods: [
          expect.objectContaining({
            entitlementName: 'Release payments',
            confirmedAt: expect.any(Date),
            endedAt: null,
          }),
        ],
      }),
    ]);

    // The who-has row carries the same why, in short.
    const report = await getWhoHasReport(t.prisma, { entitlement: release.id }, { now: new Date() });
    expect(report.rows.map((r) => [r.username, r.inTarget, r.why.map((w) => whyText(w, isoDay))])).toEqual([
      ['pia', true, [`request ${requestNumber(request.id)}, approved by Mona Manager, Otto Owner`]],
    ]);
    expect(report.rows[0]!.why[0]!.request).toMatchObject({
      justification: 'Covering the treasury desk in December',
      decisions: [{ comment: 'Agreed for the holidays' }, { comment: 'With dual control' }],
    });
  });

  it('names the birthright rule, the role and what it bundled while the grant lasted, and who revoked it', async () => {
    const admin = await createIdentity(t.prisma, {
      firstName: 'Ada',
      lastName: 'Admin',
      portalRoles: ['IDENTITY_ADMIN'],
    });
    const app = await createApplication(t.prisma);
    const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki' });
    const rule = await t.prisma.birthrightRule.create({
      data: {
        name: 'Everyone gets the wiki',
        condition: { match: 'ALL', clauses: [] },
        grants: { create: [{ entitlementId: wiki.id }] },
      },
    });
    const kit = await t.prisma.role.create({
      data: {
        key: 'starter-kit',
        name: 'Starter kit',
        entitlements: { create: [{ entitlementId: wiki.id }] },
      },
    });
    const noor = await createIdentity(t.prisma, { username: 'noor' });
    const byRule = await createGrant(t.prisma, {
      identityId: noor.id,
      entitlementId: wiki.id,
      source: 'BIRTHRIGHT',
      sourceRef: rule.id,
    });
    const byRole = await createGrant(t.prisma, { identityId: noor.id, roleId: kit.id, source: 'ADMIN' });
    await t.prisma.grant.update({ where: { id: byRole.id }, data: { grantedById: admin.id } });
    await t.prisma.grant.update({
      where: { id: byRole.id },
      data: {
        status: 'REVOKED',
        revokedAt: new Date(),
        revokedById: admin.id,
        revokeReason: 'No longer needed',
      },
    });

    const ruleEvidence = await getGrantEvidence(t.prisma, byRule.id, { now: new Date() });
    expect(ruleEvidence.rule).toMatchObject({ name: 'Everyone gets the wiki' });
    expect(ruleEvidence.requests).toEqual([]);
    const roleEvidence = await getGrantEvidence(t.prisma, byRole.id, { now: new Date() });
    expect(roleEvidence.grant).toMatchObject({
      source: 'ADMIN',
      status: 'REVOKED',
      revokeReason: 'No longer needed',
      grantedBy: { displayName: 'Ada Admin' },
      revokedBy: { displayName: 'Ada Admin' },
      role: { name: 'Starter kit' },
    });
    expect(roleEvidence.roleContents.map((c) => [c.entitlement.name, c.endedAt])).toEqual([['Wiki', null]]);
    await expect(
      getGrantEvidence(t.prisma, '00000000-0000-4000-8000-000000000000', { now: new Date() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
