import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { systemActor } from '@/server/auth/actor.ts';
import { revokeGrant } from '@/server/modules/access/index.ts';
import {
  closePendingExtensions,
  decideApprovalStep,
  escalateOverdueSteps,
  setDelegation,
} from '@/server/modules/approvals/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { getRequestEvidence } from './get-request-evidence.ts';

let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker;
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
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

const DAY = 86_400_000;
const settle = () => waitForOperations(t.prisma);

describe('a request’s evidence', () => {
  it('tells the whole chain: batch, stand-in, SoD check and control, auto-approval, the target ids and errors, and the grant', async () => {
    const now = new Date();
    const catherine = await createIdentity(t.prisma, {
      username: 'catherine',
      displayName: 'Catherine Reyes',
    });
    const mark = await createIdentity(t.prisma, {
      username: 'mark',
      displayName: 'Mark Oduya',
      managerId: catherine.id,
    });
    const fiona = await createIdentity(t.prisma, { username: 'fiona', displayName: 'Fiona Byrne' });
    const sam = await createIdentity(t.prisma, {
      username: 'sam',
      displayName: 'Sam Okafor',
      portalRoles: ['SECURITY_OFFICER'],
    });
    const hana = await createIdentity(t.prisma, {
      username: 'hana',
      displayName: 'Hana Sato',
      managerId: mark.id,
    });
    const audrey = await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] });

    const app = await createApplication(t.prisma, {
      name: 'Directory',
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const deployDn = await ensureGroup(dir.admin, dir.baseDn, 'deploy', 'Production deploy');
    const paymentsDn = await ensureGroup(dir.admin, dir.baseDn, 'payments', 'Payments');
    const ghostDn = `cn=ghost,ou=groups,${dir.baseDn}`;
    const deploy = await createEntitlement(t.prisma, app.id, {
      name: 'Production Deploy',
      externalId: deployDn,
      risk: 'HIGH',
    });
    const payments = await createEntitlement(t.prisma, app.id, {
      name: 'Payments',
      externalId: paymentsDn,
      risk: 'HIGH',
    });
    const ghost = await createEntitlement(t.prisma, app.id, {
      name: 'Ghost Group',
      externalId: ghostDn,
      risk: 'LOW',
    });
    const oncall = await createEntitlement(t.prisma, app.id, {
      name: 'On-call',
      externalId: `cn=oncall,ou=groups,${dir.baseDn}`,
      risk: 'HIGH',
    });
    await createApprovalPolicy(t.prisma, {
      defaultForRisk: 'HIGH',
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1, slaHours: 24 },
      ],
    });
    const rule = await t.prisma.autoApprovalRule.create({
      data: {
        name: 'Low risk for employees',
        condition: {
          maxRisk: 'LOW',
          sameDepartmentAsOwner: false,
          departments: [],
          employmentTypes: ['EMPLOYEE'],
          itemKinds: ['ENTITLEMENT'],
        },
      },
    });
    await createSodRule(t.prisma, {
      name: 'Deploy and payments',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: payments.id }],
      sideB: [{ entitlementId: deploy.id }],
    });

    // Hana already holds Payments in the directory.
    await createGrant(t.prisma, { identityId: hana.id, entitlementId: payments.id });
    await t.prisma.$transaction((tx) =>
      planAccess(tx, [hana.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    await settle();
    await setDelegation(
      t.prisma,
      await t.actor(mark.id),
      {
        delegateId: fiona.id,
        startsAt: new Date(now.getTime() - DAY),
        endsAt: new Date(now.getTime() + DAY),
      },
      { now },
    );

    const submitted = await submitAccessRequests(
      t.prisma,
      await t.actor(hana.id),
      {
        items: [
          { kind: 'ENTITLEMENT', id: deploy.id },
          { kind: 'ENTITLEMENT', id: ghost.id },
        ],
        justification: 'Release captain for the payments service',
        requestedEndsAt: new Date(now.getTime() + 30 * DAY),
      },
      { queue: t.queue },
    );
    const deployRequest = submitted.requests.find((r) => r.itemName === 'Production Deploy')!;
    const ghostRequest = submitted.requests.find((r) => r.itemName === 'Ghost Group')!;
    expect([deployRequest.status, ghostRequest.status]).toEqual(['PENDING', 'APPROVED']);

    const markStep = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: deployRequest.id, approverId: mark.id },
    });
    const approvedEndsAt = new Date(now.getTime() + 20 * DAY);
    await decideApprovalStep(
      t.prisma,
      await t.actor(fiona.id),
      { stepId: markStep.id, decision: 'APPROVE', comment: 'Covering for Mark: approved', approvedEndsAt },
      { queue: t.queue },
    );
    const samStep = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: deployRequest.id, approverId: sam.id },
    });
    const expiresAt = new Date(now.getTime() + 90 * DAY);
    await decideApprovalStep(
      t.prisma,
      await t.actor(sam.id),
      {
        stepId: samStep.id,
        decision: 'APPROVE',
        comment: 'Control recorded',
        mitigation: { control: 'Monthly payments review by Finance', expiresAt },
      },
      { queue: t.queue },
    );
    await settle();

    const api = await t.callerFor(audrey.id);
    const e = await api.requestReports.getEvidence({ id: deployRequest.id });
    const account = await t.prisma.account.findFirstOrThrow({ where: { identityId: hana.id } });
    expect(account.nativeId).toBe(`uid=hana,ou=people,${dir.baseDn}`);

    expect(e.request).toMatchObject({
      number: `REQ-${deployRequest.id.slice(0, 8).toUpperCase()}`,
      status: 'APPROVED',
      justification: 'Release captain for the payments service',
      requestedEndsAt: new Date(now.getTime() + 30 * DAY),
      approvedEndsAt,
      requester: { displayName: 'Hana Sato' },
      beneficiary: { displayName: 'Hana Sato' },
      item: {
        kind: 'ENTITLEMENT',
        name: 'Production Deploy',
        risk: 'HIGH',
        applicationName: 'Directory',
        targetId: deployDn,
      },
    });
    expect(e.batch.map((b) => [b.itemName, b.status, b.isThis]).sort()).toEqual([
      ['Ghost Group', 'APPROVED', false],
      ['Production Deploy', 'APPROVED', true],
    ]);
    expect(e.autoApproval).toBeNull();

    // Stage by stage: Fiona decided Mark's step under his delegation; Sam recorded the control.
    expect(e.chain.map((s) => [s.name, s.kind, s.status, `${s.approvals}/${s.required}`])).toEqual([
      ['Manager approval', 'APPROVAL', 'APPROVED', '1/1'],
      ['Segregation of duties: mitigating control', 'SOD_MITIGATION', 'APPROVED', '1/1'],
    ]);
    const [managerStep] = e.chain[0]!.steps;
    expect(managerStep).toMatchObject({
      approver: { displayName: 'Mark Oduya' },
      reason: 'MANAGER',
      why: 'manager',
      status: 'APPROVED',
      decidedBy: { displayName: 'Fiona Byrne' },
      comment: 'Covering for Mark: approved',
      standIn: { startsAt: new Date(now.getTime() - DAY), endsAt: new Date(now.getTime() + DAY) },
      delegations: [{ delegate: { displayName: 'Fiona Byrne' }, revokedAt: null }],
    });
    expect(managerStep!.decidedAt).toBeInstanceOf(Date);
    expect(e.chain[1]!.steps).toEqual([
      expect.objectContaining({
        approver: expect.objectContaining({ displayName: 'Sam Okafor' }),
        status: 'APPROVED',
        comment: 'Control recorded',
        standIn: null,
      }),
    ]);

    // The check at submission (from the audit trail) and at the last approval (kept on the request).
    expect(e.sod.checks.map((c) => [c.when, c.conflicts.map((x) => [x.ruleName, x.status])])).toEqual([
      ['SUBMITTED', [['Deploy and payments', 'NEEDS_MITIGATION']]],
      ['LAST_APPROVAL', [['Deploy and payments', 'MITIGATED']]],
    ]);
    expect(e.sod.checks[1]!.conflicts[0]!.explanation).toMatch(/Payments/);
    expect(e.sod.mitigations).toEqual([
      expect.objectContaining({
        ruleName: 'Deploy and payments',
        control: 'Monthly payments review by Finance',
        expiresAt,
        revokedAt: null,
        recordedBy: 'Sam Okafor',
        state: 'IN_FORCE',
        recordedForThisRequest: true,
        inForceWhenDecided: true,
      }),
    ]);

    // What the worker did in the directory, with the target's ids.
    expect(
      e.provisioning.map((o) => [
        o.kind,
        o.status,
        o.application.name,
        o.entitlementName,
        o.entitlementTargetId,
        o.targetId,
        o.lastError,
      ]),
    ).toEqual([
      ['ADD_ENTITLEMENT', 'SUCCEEDED', 'Directory', 'Production Deploy', deployDn, account.nativeId, null],
    ]);
    expect(e.provisioning[0]!.finishedAt).toBeInstanceOf(Date);
    expect(await dir.members(deployDn)).toEqual([account.nativeId]);
    expect(e.grant).toMatchObject({
      status: 'ACTIVE',
      source: 'REQUEST',
      endsAt: approvedEndsAt,
      grantedBy: { displayName: 'Sam Okafor' },
      revokedBy: null,
    });
    expect(e.timeline.map((x) => [x.kind, x.title, x.actor ?? null])).toEqual([
      ['submitted', 'Submitted', 'Hana Sato'],
      ['approved', 'Approved', 'Fiona Byrne'],
      ['approved', 'Approved', 'Sam Okafor'],
      ['provisioned', 'Grant Production Deploy in Directory: done', null],
    ]);
    expect(e.timeline[1]!.detail).toBe(
      'Manager approval · on behalf of Mark Oduya · Covering for Mark: approved',
    );

    // The other item of the batch: approved by a rule, and the target refused it.
    const g = await getRequestEvidence(t.prisma, { id: ghostRequest.id });
    expect(g.autoApproval).toEqual({
      ruleName: 'Low risk for employees',
      description: '',
      condition: 'low risk, entitlements only, employee',
    });
    expect(g.chain).toEqual([]);
    expect(g.provisioning).toEqual([
      expect.objectContaining({
        kind: 'ADD_ENTITLEMENT',
        status: 'FAILED',
        errorKind: 'PERMANENT',
        entitlementTargetId: ghostDn,
        targetId: account.nativeId,
      }),
    ]);
    expect(g.provisioning[0]!.lastError).toMatch(/notFound: .*does not exist/);
    expect(g.timeline.map((x) => x.title)).toEqual([
      'Submitted',
      'Approved automatically',
      'Grant Ghost Group in Directory: failed',
    ]);
    expect(g.sod.checks).toEqual([expect.objectContaining({ when: 'SUBMITTED', conflicts: [] })]);
    expect(rule.id).toBe(
      (await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: ghostRequest.id } })).autoApprovedBy,
    );

    // Hana gives the access up: the grant's current state says so, and who ended it.
    await revokeGrant(
      t.prisma,
      await t.actor(hana.id),
      { grantId: e.grant!.id, reason: 'Release done' },
      { queue: t.queue, closePendingExtensions },
    );
    const later = await getRequestEvidence(t.prisma, { id: deployRequest.id });
    expect(later.grant).toMatchObject({
      status: 'REVOKED',
      revokeReason: 'Release done',
      revokedBy: { displayName: 'Hana Sato' },
      endedAt: expect.any(Date),
    });

    // An overdue step goes to the approver's manager: both show, the escalation naming whom it took over from.
    const pending = await submitAccessRequests(
      t.prisma,
      await t.actor(hana.id),
      { items: [{ kind: 'ENTITLEMENT', id: oncall.id }], justification: 'Joining the rota' },
      { queue: t.queue },
    );
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date(Date.now() + 25 * 3_600_000) });
    const esc = await getRequestEvidence(t.prisma, { id: pending.requests[0]!.id });
    expect(esc.request.status).toBe('PENDING');
    expect(
      esc.chain[0]!.steps.map((s) => [
        s.approver.displayName,
        s.reason,
        s.status,
        s.escalatedAt !== null,
        s.escalatedFrom?.displayName ?? null,
      ]),
    ).toEqual([
      ['Mark Oduya', 'MANAGER', 'PENDING', true, null],
      ['Catherine Reyes', 'ESCALATION', 'PENDING', false, 'Mark Oduya'],
    ]);
    expect(esc.chain[0]!.steps[1]!.why).toMatch(/escalation/);
  });

  it('is NOT_FOUND for a request that does not exist', async () => {
    await expect(getRequestEvidence(t.prisma, { id: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
