import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApprovalStep, escalateOverdueSteps } from '@/server/modules/approvals/index.ts';
import { ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { loadActor } from '@/server/auth/load-actor.ts';

let t: TTestContext;
let hr: string;
beforeAll(async () => {
  t = await createTestContext();
  hr = (
    await t.prisma.identitySource.create({ data: { key: 'hr', name: 'HR', kind: 'HR_CSV', precedence: 10 } })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
let seq = 0;
const employeeNumber = () => `S-${++seq}`;

/** What a signed-in browser holds: the identity and the session version it was issued with. */
type TSession = { identityId: string; sessionVersion: number };
const sessionOf = async (identityId: string): Promise<TSession> => ({
  identityId,
  sessionVersion: (await t.prisma.identity.findUniqueOrThrow({ where: { id: identityId } })).sessionVersion,
});
/** A tRPC caller for a request carrying this session, read the way every request reads it. */
const callerFor = async (session: TSession) =>
  t.caller(await loadActor(t.prisma, session.identityId, session.sessionVersion));
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const hrSays = (number: string, record: Record<string, unknown>) =>
  ingestSourceRecords(
    t.prisma,
    { id: hr, origin: 'HR_CSV' },
    [{ externalId: number, employeeNumber: number, ...record }],
    { queue: t.queue },
  );

async function org() {
  const ceo = await createIdentity(t.prisma, { firstName: 'Cat', employeeNumber: employeeNumber() });
  const boss = await createIdentity(t.prisma, {
    firstName: 'Bea',
    managerId: ceo.id,
    employeeNumber: employeeNumber(),
  });
  const mark = await createIdentity(t.prisma, {
    firstName: 'Mark',
    managerId: boss.id,
    employeeNumber: employeeNumber(),
  });
  const alice = await createIdentity(t.prisma, {
    firstName: 'Alice',
    managerId: mark.id,
    employeeNumber: employeeNumber(),
  });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const group = await createEntitlement(t.prisma, app.id, { name: 'Payroll Reports' });
  return { ceo, boss, mark, alice, app, group };
}

const request = async (requesterId: string, entitlementId: string) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(requesterId),
      { items: [{ kind: 'ENTITLEMENT', id: entitlementId }], justification: 'Month-end payroll checks' },
      { queue: t.queue },
    )
  ).requests[0]!.id;

describe('a person acts only while active', () => {
  it.each([
    ['SUSPENDED', { status: 'SUSPENDED' }],
    ['PREHIRE', { status: 'PREHIRE', startDate: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10) }],
    ['TERMINATED', { status: 'TERMINATED' }],
  ])(
    'a manager whose HR row turns %s is signed out at once and stays out when reinstated',
    async (status, record) => {
      const { mark } = await org();
      const session = await sessionOf(mark.id);
      expect((await (await callerFor(session)).me.get()).roles).toContain('MANAGER');

      await hrSays(mark.employeeNumber!, record);
      expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: mark.id } })).status).toBe(status);
      expect((await errorOf((await callerFor(session)).me.get()))?.code).toBe('UNAUTHORIZED');

      // Back at work, they sign in afresh: the old cookie does not come back to life.
      await hrSays(mark.employeeNumber!, { status: 'ACTIVE', startDate: null });
      expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: mark.id } })).status).toBe('ACTIVE');
      expect((await errorOf((await callerFor(session)).me.get()))?.code).toBe('UNAUTHORIZED');
      expect((await (await callerFor(await sessionOf(mark.id))).me.get()).roles).toContain('MANAGER');
    },
  );

  it('a suspended approver cannot decide, and their open step goes up to their manager at once', async () => {
    const { boss, mark, alice, group } = await org();
    const session = await sessionOf(mark.id);
    const requestId = await request(alice.id, group.id);
    const [step] = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(step?.approverId).toBe(mark.id);

    await hrSays(mark.employeeNumber!, { status: 'SUSPENDED' });
    const refused = await errorOf(
      (await callerFor(session)).approvals.decide({ stepId: step!.id, decision: 'APPROVE' }),
    );
    expect(refused?.code).toBe('UNAUTHORIZED');
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps.map((s) => [s.approverId, s.reason, s.status])).toEqual([
      [mark.id, 'MANAGER', 'PENDING'],
      [boss.id, 'ESCALATION', 'PENDING'],
    ]);
    const told = await t.prisma.notification.findFirstOrThrow({
      where: { recipientId: boss.id, kind: 'approval.escalated' },
    });
    expect(told.body).toContain('can no longer decide “Manager approval”');
    const audit = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'approval.escalated', entityId: steps[0]!.stageId },
    });
    expect(audit.metadata).toMatchObject({ cause: 'APPROVER_CANNOT_ACT' });

    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(boss.id),
        { stepId: steps[1]!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).toMatchObject({ requestStatus: 'APPROVED' });
  });

  it('a suspended approver with nobody above them hands the step to the identity team', async () => {
    const { alice, app } = await org();
    const owner = await createIdentity(t.prisma, { firstName: 'Olga', employeeNumber: employeeNumber() });
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        {
          name: 'Data owner',
          approvers: [{ type: 'PEOPLE', identityIds: [owner.id] }],
          mode: 'ANY',
          quorum: 1,
        },
      ],
    });
    const group = await createEntitlement(t.prisma, app.id, { name: 'Treasury' });
    await t.prisma.entitlement.update({ where: { id: group.id }, data: { approvalPolicyId: policy.id } });
    const requestId = await request(alice.id, group.id);

    await hrSays(owner.employeeNumber!, { status: 'SUSPENDED' });
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps[0]).toMatchObject({ approverId: owner.id, status: 'PENDING' });
    expect(steps.filter((s) => s.reason === 'FALLBACK_ADMIN').map((s) => s.escalatedFromId)).toContain(
      steps[0]!.id,
    );
    const ivys = steps.find((s) => s.approverId === ivy.id)!;
    expect(ivys).toMatchObject({ reason: 'FALLBACK_ADMIN', status: 'PENDING' });
    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(ivy.id),
        { stepId: ivys.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).toMatchObject({ requestStatus: 'APPROVED' });
  });

  it('an approver at the top of a chain who let the step go overdue and is then suspended: the step goes to the identity team', async () => {
    const { alice, app } = await org();
    const owner = await createIdentity(t.prisma, { firstName: 'Otto', employeeNumber: employeeNumber() });
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        {
          name: 'Data owner',
          approvers: [{ type: 'PEOPLE', identityIds: [owner.id] }],
          mode: 'ANY',
          quorum: 1,
          slaHours: 1,
        },
      ],
    });
    const group = await createEntitlement(t.prisma, app.id, { name: 'Ledger close' });
    await t.prisma.entitlement.update({ where: { id: group.id }, data: { approvalPolicyId: policy.id } });
    const requestId = await request(alice.id, group.id);

    // Overdue with nobody above the owner: marked escalated, and nobody else is asked yet.
    await t.prisma.approvalStage.updateMany({
      where: { requestId },
      data: { dueAt: new Date(Date.now() - DAY) },
    });
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date() });
    const [first] = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(first).toMatchObject({ approverId: owner.id, status: 'PENDING', escalatedAt: expect.any(Date) });
    expect(await t.prisma.approvalStep.count({ where: { requestId } })).toBe(1);

    await hrSays(owner.employeeNumber!, { status: 'SUSPENDED' });
    const ivys = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId: ivy.id } });
    expect(ivys).toMatchObject({ reason: 'FALLBACK_ADMIN', status: 'PENDING', escalatedFromId: first!.id });
    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(ivy.id),
        { stepId: ivys.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).toMatchObject({ requestStatus: 'APPROVED' });
  });

  it('a suspended approver with a stand-in in force leaves the step to the stand-in, who is told', async () => {
    const { boss, mark, alice, group } = await org();
    const dan = await createIdentity(t.prisma, { firstName: 'Dan' });
    await t.prisma.delegation.create({
      data: {
        delegatorId: mark.id,
        delegateId: dan.id,
        startsAt: new Date(Date.now() - DAY),
        endsAt: new Date(Date.now() + 7 * DAY),
      },
    });
    const requestId = await request(alice.id, group.id);

    await hrSays(mark.employeeNumber!, { status: 'SUSPENDED' });
    const steps = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(steps.map((s) => [s.approverId, s.status, s.escalatedAt])).toEqual([[mark.id, 'PENDING', null]]);
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: boss.id } })).toBe(0);
    const told = await t.prisma.notification.findFirstOrThrow({
      where: { recipientId: dan.id, kind: 'approval.handed_on' },
    });
    expect(told.title).toMatch(/standing in/);
    expect(
      await decideApprovalStep(
        t.prisma,
        await t.actor(dan.id),
        { stepId: steps[0]!.id, decision: 'APPROVE' },
        { queue: t.queue },
      ),
    ).toMatchObject({ requestStatus: 'APPROVED' });
  });

  it('a later stage whose approver was suspended after the request was made goes up when it starts', async () => {
    const { mark, alice, app } = await org();
    const pat = await createIdentity(t.prisma, { firstName: 'Pat', employeeNumber: employeeNumber() });
    const patsBoss = await createIdentity(t.prisma, { firstName: 'Quinn', employeeNumber: employeeNumber() });
    await t.prisma.identity.update({ where: { id: pat.id }, data: { managerId: patsBoss.id } });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        {
          name: 'Data owner',
          approvers: [{ type: 'PEOPLE', identityIds: [pat.id] }],
          mode: 'ANY',
          quorum: 1,
        },
      ],
    });
    const group = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
    await t.prisma.entitlement.update({ where: { id: group.id }, data: { approvalPolicyId: policy.id } });
    const requestId = await request(alice.id, group.id);

    await hrSays(pat.employeeNumber!, { status: 'SUSPENDED' });
    const first = await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId: mark.id } });
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId: first.id, decision: 'APPROVE' },
      { queue: t.queue },
    );
    const second = await t.prisma.approvalStep.findMany({
      where: { requestId, stage: { name: 'Data owner' } },
      orderBy: { createdAt: 'asc' },
    });
    expect(second.map((s) => [s.approverId, s.reason, s.status])).toEqual([
      [pat.id, 'PERSON', 'PENDING'],
      [patsBoss.id, 'ESCALATION', 'PENDING'],
    ]);
    expect(
      await t.prisma.notification.count({ where: { recipientId: pat.id, kind: 'approval.assigned' } }),
    ).toBe(0);
  });
});
