import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdueSteps } from '@/server/modules/approvals/index.ts';
import { editPerson } from '@/server/modules/lifecycle/index.ts';
import { addTeamMember, removeTeamMember } from '@/server/modules/teams/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * What a moved seat keeps and what it gets afresh (docs/decisions/112, stop 38): a former approver
 * named again gets their cancelled seat back, and someone newly asked gets the stage's whole SLA.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const HOUR = 3_600_000;

const person = (firstName: string, o: { managerId?: string; admin?: boolean } = {}) =>
  createIdentity(t.prisma, {
    firstName,
    managerId: o.managerId,
    ...(o.admin ? { portalRoles: ['IDENTITY_ADMIN' as const] } : {}),
  });

async function requestWith(
  requesterId: string,
  stages: Parameters<typeof createApprovalPolicy>[1]['stages'],
) {
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, { name: 'Ledger', stages });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  return (
    await submitAccessRequests(
      t.prisma,
      await t.actor(requesterId),
      { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
      { queue: t.queue },
    )
  ).requests[0]!.id;
}

describe('a seat moved by a change', () => {
  it('is given back to a team member who returns: the same step, pending again', async () => {
    const ivy = await person('Ivy', { admin: true });
    const [mark, pat, alice] = [await person('Mark'), await person('Pat'), await person('Alice')];
    const team = await createTeam(t.prisma, { memberIds: [mark.id, pat.id] });
    const requestId = await requestWith(alice.id, [
      { name: 'Finance review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' },
    ]);
    const admin = await t.actor(ivy.id);
    await removeTeamMember(t.prisma, admin, { teamId: team.id, identityId: mark.id }, { queue: t.queue });
    const cancelled = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId, approverId: mark.id },
    });
    expect(cancelled.status).toBe('CANCELLED');

    await addTeamMember(t.prisma, admin, { teamId: team.id, identityId: mark.id }, { queue: t.queue });

    // The seat Mark had, asked again: one step of his in the stage, its id unchanged.
    expect(await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: cancelled.id } })).toMatchObject({
      approverId: mark.id,
      status: 'PENDING',
      decidedAt: null,
    });
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: mark.id } })).toBe(1);
    expect(await t.prisma.approvalStep.count({ where: { requestId, status: 'PENDING' } })).toBe(2);
    // Asked at the submission and again now.
    expect(
      await t.prisma.notification.count({ where: { recipientId: mark.id, kind: 'approval.assigned' } }),
    ).toBe(2);
  });

  it('gives the newly asked approver the whole SLA: not escalated for the old one’s wait', async () => {
    const ivy = await person('Ivy', { admin: true });
    const bea = await person('Bea');
    const mark = await person('Mark');
    const nina = await person('Nina', { managerId: bea.id });
    const alice = await person('Alice', { managerId: mark.id });
    const requestId = await requestWith(alice.id, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 48 },
    ]);
    // Mark has let it wait: the stage is overdue when Alice moves to Nina.
    const hour = 3_600_000;
    const stage = await t.prisma.approvalStage.findFirstOrThrow({ where: { requestId } });
    await t.prisma.approvalStage.update({
      where: { id: stage.id },
      data: { dueAt: new Date(Date.now() - hour) },
    });

    await editPerson(
      t.prisma,
      await t.actor(ivy.id),
      { identityId: alice.id, changes: { managerId: nina.id } },
      { queue: t.queue },
    );
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date(Date.now() + hour) });

    const steps = await t.prisma.approvalStep.findMany({ where: { requestId, status: 'PENDING' } });
    expect(steps.map((s) => [s.approverId, s.escalatedAt])).toEqual([[nina.id, null]]);
    // Escalated, as any approver, once the fresh SLA runs out.
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date(Date.now() + 49 * hour) });
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: bea.id } })).toBe(1);
  });

  it('cannot postpone the stage past its clock’s start plus twice the SLA, however often it asks someone new', async () => {
    const ivy = await person('Ivy', { admin: true });
    const [mark, pat, alice] = [await person('Mark'), await person('Pat'), await person('Alice')];
    const team = await createTeam(t.prisma, { memberIds: [mark.id] });
    const requestId = await requestWith(alice.id, [
      {
        name: 'Finance review',
        approvers: [{ type: 'TEAM', teamKey: team.key }],
        mode: 'ANY',
        slaHours: 48,
        reminderHours: 24,
      },
    ]);
    const stage = await t.prisma.approvalStage.findFirstOrThrow({ where: { requestId } });
    const started = stage.clockStartedAt!;
    expect(stage.dueAt).toEqual(new Date(started.getTime() + 48 * HOUR));
    // The team keeps changing, each change asking someone new before the stage is due.
    const admin = await t.actor(ivy.id);
    const at = (hours: number) => ({ queue: t.queue, now: new Date(started.getTime() + hours * HOUR) });
    await addTeamMember(t.prisma, admin, { teamId: team.id, identityId: pat.id }, at(40));
    expect(await t.prisma.approvalStage.findUniqueOrThrow({ where: { id: stage.id } })).toMatchObject({
      dueAt: new Date(started.getTime() + 88 * HOUR),
      remindAt: new Date(started.getTime() + 64 * HOUR),
    });
    await removeTeamMember(t.prisma, admin, { teamId: team.id, identityId: pat.id }, at(60));
    await addTeamMember(t.prisma, admin, { teamId: team.id, identityId: pat.id }, at(80));

    // Due at the start plus 96 hours, not 80 + 48; reminded no later than that.
    expect(await t.prisma.approvalStage.findUniqueOrThrow({ where: { id: stage.id } })).toMatchObject({
      dueAt: new Date(started.getTime() + 96 * HOUR),
      remindAt: new Date(started.getTime() + 96 * HOUR),
      clockStartedAt: started,
    });
  });

  it('bounds the restart from an escalation’s new start: a follow never pulls the escalated due date back', async () => {
    const ivy = await person('Ivy', { admin: true });
    const bea = await person('Bea');
    const mark = await person('Mark', { managerId: bea.id });
    const nina = await person('Nina');
    const alice = await person('Alice', { managerId: mark.id });
    const requestId = await requestWith(alice.id, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 48 },
    ]);
    const stage = await t.prisma.approvalStage.findFirstOrThrow({ where: { requestId } });
    const started = stage.clockStartedAt!;
    const at = (hours: number) => new Date(started.getTime() + hours * HOUR);
    // Overdue at 49 hours: escalated to Bea, who gets a whole SLA from then (due at 97).
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: at(49) });
    expect(await t.prisma.approvalStage.findUniqueOrThrow({ where: { id: stage.id } })).toMatchObject({
      dueAt: at(97),
      clockStartedAt: at(49),
    });

    await editPerson(
      t.prisma,
      await t.actor(ivy.id),
      { identityId: alice.id, changes: { managerId: nina.id } },
      { queue: t.queue, now: at(70) },
    );

    // Nina gets her 48 hours (70 + 48), within 49 + 96: not the submission's 96.
    expect((await t.prisma.approvalStage.findUniqueOrThrow({ where: { id: stage.id } })).dueAt).toEqual(
      at(118),
    );
  });

  it('cancels what escalated from a seat it cancels: the escalation no longer stands in for anyone', async () => {
    const ivy = await person('Ivy', { admin: true });
    const [bea, carl] = [await person('Bea'), await person('Carl')];
    const mark = await person('Mark', { managerId: bea.id });
    const pat = await person('Pat', { managerId: carl.id });
    const alice = await person('Alice');
    const team = await createTeam(t.prisma, { memberIds: [mark.id, pat.id] });
    const requestId = await requestWith(alice.id, [
      { name: 'Finance review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY', slaHours: 48 },
    ]);
    // The team let it wait: each seat is escalated to its approver's manager.
    await escalateOverdueSteps(t.prisma, { queue: t.queue, now: new Date(Date.now() + 49 * 3_600_000) });
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: bea.id } })).toBe(1);

    await removeTeamMember(
      t.prisma,
      await t.actor(ivy.id),
      { teamId: team.id, identityId: mark.id },
      { queue: t.queue },
    );

    // Mark's seat and Bea's escalation of it are cancelled; Pat's seat and Carl's escalation stand.
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    const statusOf = (id: string) => steps.find((s) => s.approverId === id)?.status;
    expect([mark.id, bea.id, pat.id, carl.id].map(statusOf)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'PENDING',
      'PENDING',
    ]);
  });
});
