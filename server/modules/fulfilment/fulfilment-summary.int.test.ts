import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** An open task for `teamId`, behind a WAITING operation as the worker leaves it. */
async function openTask(teamId: string | null, applicationId: string, status: 'OPEN' | 'DONE' = 'OPEN') {
  const person = await createIdentity(t.prisma);
  const op = await t.prisma.provisioningOperation.create({
    data: {
      applicationId,
      identityId: person.id,
      kind: 'CREATE_ACCOUNT',
      status: 'WAITING',
      reason: 'TEST',
      payload: {},
    },
  });
  return t.prisma.fulfilmentTask.create({
    data: { operationId: op.id, applicationId, teamId, status, instructions: 'Do it', dueAt: new Date() },
  });
}

describe('fulfilment in the navigation', () => {
  it('tells team members and identity admins how many tasks are open for them, and nobody else', async () => {
    const member = await createIdentity(t.prisma);
    const outsider = await createIdentity(t.prisma);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const desk = await t.prisma.team.create({
      data: {
        key: 'nav-desk',
        name: 'Desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: member.id }] },
      },
    });
    const other = await t.prisma.team.create({
      data: { key: 'nav-other', name: 'Other desk', purpose: 'FULFILMENT' },
    });
    // Membership of an approvers' team does not make anyone a fulfiller.
    await t.prisma.team.create({
      data: {
        key: 'nav-approvers',
        name: 'Approvers',
        purpose: 'APPROVERS',
        members: { create: [{ identityId: outsider.id }] },
      },
    });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    await openTask(desk.id, app.id);
    await openTask(desk.id, app.id);
    await openTask(desk.id, app.id, 'DONE');
    await openTask(other.id, app.id);

    expect((await (await t.callerFor(member.id)).me.get()).fulfilment).toEqual({
      isFulfiller: true,
      openTasks: 2,
    });
    expect((await (await t.callerFor(outsider.id)).me.get()).fulfilment).toEqual({
      isFulfiller: false,
      openTasks: 0,
    });
    expect((await (await t.callerFor(admin.id)).me.get()).fulfilment).toEqual({
      isFulfiller: true,
      openTasks: 3,
    });
  });

  it('lists the fulfilment teams an application can hand work to, to those who read applications', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const employee = await createIdentity(t.prisma);
    await t.prisma.team.create({
      data: {
        key: 'teams-a',
        name: 'A desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: employee.id }] },
      },
    });
    await t.prisma.team.create({ data: { key: 'teams-b', name: 'B reviewers', purpose: 'SECURITY' } });
    const teams = await (await t.callerFor(admin.id)).applications.fulfilmentTeams();
    expect(teams.find((x) => x.name === 'A desk')).toMatchObject({ members: 1 });
    expect(teams.map((x) => x.name)).not.toContain('B reviewers');
    await expect((await t.callerFor(employee.id)).applications.fulfilmentTeams()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
