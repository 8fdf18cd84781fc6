import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import {
  retryOperation,
  loadOperationForApply,
  planAccess,
  handToFulfilment,
} from '@/server/modules/provisioning/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { databaseFingerprint } from '@/server/testing/hostile-inputs.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { listFulfilmentTasks } from './list-fulfilment-tasks.ts';
import { remindOverdueTasks } from './remind-overdue-tasks.ts';
import { settleFulfilmentTask } from './settle-fulfilment-task.ts';

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

describe('manual fulfilment', () => {
  it('turns operations into tasks for the team, and a fulfiller’s report into the operation’s result', async () => {
    const fulfiller = await createIdentity(t.prisma);
    const outsider = await createIdentity(t.prisma);
    const team = await t.prisma.team.create({
      data: {
        key: 'desk',
        name: 'Desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: fulfiller.id }] },
      },
    });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', config: { slaHours: 4 } });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: team.id } });
    const badge = await createEntitlement(t.prisma, app.id, { name: 'Door badge: lab' });
    const person = await createIdentity(t.prisma, { username: 'newbie' });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: badge.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    const settled = await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    expect(settled.map((o) => o.status)).toEqual(['WAITING', 'WAITING']);

    const tasks = await listFulfilmentTasks(t.prisma, await t.actor(fulfiller.id), { status: 'OPEN' });
    expect(tasks.map((x) => x.operation.kind)).toEqual(['CREATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    expect(tasks[0]!.instructions).toContain('Create an account with the username “newbie”');
    // A reason without a phrase reads as itself; no request caused it.
    expect(tasks[0]!.cause).toEqual({ phrase: '(test)', request: null });
    expect(await listFulfilmentTasks(t.prisma, await t.actor(outsider.id), { status: 'OPEN' })).toEqual([]);
    expect(
      await t.prisma.notification.count({ where: { recipientId: fulfiller.id, kind: 'fulfilment.task' } }),
    ).toBe(2);

    await expect(
      settleFulfilmentTask(t.prisma, await t.actor(outsider.id), {
        taskId: tasks[0]!.id,
        outcome: 'DONE',
        targetId: 'X',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), { taskId: tasks[0]!.id, outcome: 'DONE' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'targetId' },
    });
    await settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), {
      taskId: tasks[0]!.id,
      outcome: 'DONE',
      targetId: 'LAB-0042',
    });
    await settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), {
      taskId: tasks[1]!.id,
      outcome: 'DONE',
    });
    await expect(
      settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), { taskId: tasks[1]!.id, outcome: 'DONE' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const account = await t.prisma.account.findFirstOrThrow({
      where: { identityId: person.id },
      include: { memberships: true },
    });
    expect(account.nativeId).toBe('LAB-0042');
    expect(account.memberships.map((m) => m.status)).toEqual(['ACTIVE']);
    expect(
      (await t.prisma.provisioningOperation.findMany({ where: { id: { in: ops.map((o) => o.id) } } })).map(
        (o) => o.status,
      ),
    ).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  });

  it('says why a task exists: the plan’s reason, and the request behind it, linked only for who may open it', async () => {
    const fulfiller = await createIdentity(t.prisma);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const team = await t.prisma.team.create({
      data: {
        key: 'why-desk',
        name: 'Why desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: fulfiller.id }, { identityId: admin.id }] },
      },
    });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', config: { slaHours: 4 } });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: team.id } });
    const card = await createEntitlement(t.prisma, app.id, { name: 'Fuel card' });
    const person = await createIdentity(t.prisma);
    const request = await t.prisma.accessRequest.create({
      data: {
        batchId: randomUUID(),
        requesterId: person.id,
        beneficiaryId: person.id,
        entitlementId: card.id,
        justification: 'Driving to clients',
        status: 'APPROVED',
      },
    });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: card.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        [person.id],
        { reason: 'REQUEST_APPROVED', ref: `request:${request.id}`, actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const number = requestNumber(request.id);
    const causes = async (id: string) =>
      (await listFulfilmentTasks(t.prisma, await t.actor(id), { status: 'OPEN' }))
        .filter((x) => x.application.id === app.id)
        .map((x) => x.cause);
    // The request's page is a report: a fulfiller who reads no reports gets its number, not a link.
    expect(await causes(fulfiller.id)).toEqual(
      Array(2).fill({
        phrase: 'after a request was approved',
        request: { id: request.id, number, canOpen: false },
      }),
    );
    expect(await causes(admin.id)).toEqual(
      Array(2).fill({
        phrase: 'after a request was approved',
        request: { id: request.id, number, canOpen: true },
      }),
    );
  });

  it('lets nobody settle a task about their own access, not even an identity admin; a colleague does', async () => {
    const fulfiller = await createIdentity(t.prisma);
    const colleague = await createIdentity(t.prisma);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const team = await t.prisma.team.create({
      data: {
        key: 'self-desk',
        name: 'Self desk',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: fulfiller.id }, { identityId: colleague.id }] },
      },
    });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', config: { slaHours: 4 } });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: team.id } });
    const safe = await createEntitlement(t.prisma, app.id, { name: 'Safe: vault' });
    for (const holder of [fulfiller, admin])
      await createGrant(t.prisma, { identityId: holder.id, entitlementId: safe.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        [fulfiller.id, admin.id],
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const tasks = await listFulfilmentTasks(t.prisma, await t.actor(colleague.id), { status: 'OPEN' });
    const about = (who: string) => tasks.filter((x) => x.operation.identity?.id === who);
    const own = about(fulfiller.id)[0]!;
    const adminsOwn = about(admin.id)[0]!;
    // The list says per task who may settle it, so the page offers no Done/Failed the server refuses.
    const settleable = async (who: string) =>
      (await listFulfilmentTasks(t.prisma, await t.actor(who), { status: 'OPEN' }))
        .filter((x) => x.id === own.id || x.id === adminsOwn.id)
        .map((x) => [x.operation.identity?.id, x.canSettle]);
    expect(new Set(await settleable(fulfiller.id))).toEqual(
      new Set([
        [fulfiller.id, false],
        [admin.id, true],
      ]),
    );
    expect(new Set(await settleable(admin.id))).toEqual(
      new Set([
        [fulfiller.id, true],
        [admin.id, false],
      ]),
    );
    expect(new Set(await settleable(colleague.id))).toEqual(
      new Set([
        [fulfiller.id, true],
        [admin.id, true],
      ]),
    );
    const before = await databaseFingerprint(t.prisma);
    for (const outcome of [
      { outcome: 'DONE' as const, targetId: 'X' },
      { outcome: 'FAILED' as const, reason: 'cannot do it' },
    ]) {
      await expect(
        settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), { taskId: own.id, ...outcome }),
      ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
      await expect(
        settleFulfilmentTask(t.prisma, await t.actor(admin.id), { taskId: adminsOwn.id, ...outcome }),
      ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    }
    expect(await databaseFingerprint(t.prisma)).toEqual(before);
    await settleFulfilmentTask(t.prisma, await t.actor(colleague.id), {
      taskId: own.id,
      outcome: 'DONE',
      targetId: 'VAULT-7',
    });
    expect(await t.prisma.fulfilmentTask.findUniqueOrThrow({ where: { id: own.id } })).toMatchObject({
      status: 'DONE',
      completedById: colleague.id,
    });
  });

  it('records a failed task as a failed operation with the fulfiller’s reason, and reminds of overdue tasks', async () => {
    const fulfiller = await createIdentity(t.prisma);
    const team = await t.prisma.team.create({
      data: {
        key: 'desk2',
        name: 'Desk 2',
        purpose: 'FULFILMENT',
        members: { create: [{ identityId: fulfiller.id }] },
      },
    });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', config: { slaHours: 1 } });
    await t.prisma.application.update({ where: { id: app.id }, data: { fulfilmentTeamId: team.id } });
    const person = await createIdentity(t.prisma);
    await createGrant(t.prisma, {
      identityId: person.id,
      entitlementId: (await createEntitlement(t.prisma, app.id)).id,
    });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const [first] = await listFulfilmentTasks(t.prisma, await t.actor(fulfiller.id), { status: 'OPEN' });
    await settleFulfilmentTask(t.prisma, await t.actor(fulfiller.id), {
      taskId: first!.id,
      outcome: 'FAILED',
      reason: 'The lab system is being replaced',
    });
    const op = await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: ops[0]!.id } });
    expect(op).toMatchObject({
      status: 'FAILED',
      errorKind: 'PERMANENT',
      lastError: 'Fulfilment failed: The lab system is being replaced',
    });

    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await remindOverdueTasks(t.prisma, { now: later })).toBe(1);
    expect(await remindOverdueTasks(t.prisma, { now: later })).toBe(0);
    expect(
      await t.prisma.notification.count({ where: { recipientId: fulfiller.id, kind: 'fulfilment.overdue' } }),
    ).toBe(1);

    // Retried, the operation goes back to the desk with its task open again.
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    await retryOperation(t.prisma, admin, op.id, { queue: t.queue, queueAdmin: t.queueAdmin });
    await waitForOperations(t.prisma, [op.id]);
    expect(await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: op.id } })).toMatchObject({
      status: 'WAITING',
    });
    const reopened = await listFulfilmentTasks(t.prisma, await t.actor(fulfiller.id), { status: 'OPEN' });
    expect(reopened.map((x) => x.id)).toContain(first!.id);
    expect(await t.prisma.fulfilmentTask.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({
      status: 'OPEN',
      failureReason: null,
      completedAt: null,
    });
  });

  it('does not hand an operation cancelled meanwhile to the desk', async () => {
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL', config: { slaHours: 1 } });
    const person = await createIdentity(t.prisma);
    await createGrant(t.prisma, {
      identityId: person.id,
      entitlementId: (await createEntitlement(t.prisma, app.id)).id,
    });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    // As if cancelled between the worker loading its batch and handing it over.
    const loaded = (await loadOperationForApply(t.prisma, ops[0]!.id))!;
    await t.prisma.fulfilmentTask.deleteMany({ where: { operationId: loaded.id } });
    await t.prisma.provisioningOperation.update({ where: { id: loaded.id }, data: { status: 'CANCELLED' } });
    await t.prisma.$transaction((tx) =>
      handToFulfilment(tx, [{ ...loaded, settings: { slaHours: 24, instructions: '' } }], new Date()),
    );
    expect(await t.prisma.fulfilmentTask.count({ where: { operationId: loaded.id } })).toBe(0);
    expect(
      (await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: loaded.id } })).status,
    ).toBe('CANCELLED');
  });
});
