import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type TUserActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { listFailureGroups } from './list-failure-groups.ts';
import { listOperations } from './list-operations.ts';
import { planAccess } from './plan-access.ts';
import { retryFailures } from './retry-failures.ts';

let ctx: TTestContext;
let dir: TTestDirectory;
let worker: TWorker;
let admin: TUserActor;

beforeAll(async () => {
  ctx = await createTestContext();
  dir = await createTestDirectory();
  worker = await startWorker({ databaseUrl: ctx.url, secretKey: TEST_SECRET_KEY, log: () => {} });
  admin = await ctx.actor((await createIdentity(ctx.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await ctx?.close();
});

const plan = (identityIds: string[], reason = 'TEST') =>
  ctx.prisma.$transaction((tx) =>
    planAccess(tx, identityIds, { reason, actor: systemActor('SEED') }, { queue: ctx.queue }),
  );

describe('failures grouped by cause and retried in bulk', () => {
  it('groups three people failed by one missing group, names each account, and retries those that can be', async () => {
    const app = await createApplication(ctx.prisma, {
      name: 'Directory',
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const ghostDn = `cn=ghost,ou=groups,${dir.baseDn}`;
    const ghost = await createEntitlement(ctx.prisma, app.id, { externalId: ghostDn, name: 'Ghost' });
    const other = await createEntitlement(ctx.prisma, app.id, {
      externalId: `cn=phantom,ou=groups,${dir.baseDn}`,
      name: 'Phantom',
    });
    const [ann, ben, cat] = await Promise.all(
      ['ann', 'ben', 'cat'].map((u) =>
        createIdentity(ctx.prisma, { username: `rf.${u}`, displayName: `${u.toUpperCase()} Failing` }),
      ),
    );
    const grants = await Promise.all(
      [ann, ben, cat].map((p) => createGrant(ctx.prisma, { identityId: p!.id, entitlementId: ghost.id })),
    );
    await createGrant(ctx.prisma, { identityId: ann!.id, entitlementId: other.id });
    const ops = await plan([ann!.id, ben!.id, cat!.id]);
    await waitForOperations(
      ctx.prisma,
      ops.map((o) => o.id),
    );

    const { groups } = await listFailureGroups(ctx.prisma);
    const ghostCause = `LDAP · not found: group ${ghostDn} does not exist`;
    expect(groups.map((g) => [g.application.name, g.cause, g.count])).toEqual([
      ['Directory', ghostCause, 3],
      ['Directory', `LDAP · not found: group cn=phantom,ou=groups,${dir.baseDn} does not exist`, 1],
    ]);

    const rows = await listOperations(ctx.prisma, admin, {
      statuses: ['FAILED'],
      failureCause: ghostCause,
      limit: 10,
    });
    expect(rows.items).toHaveLength(3);
    const benRow = rows.items.find((r) => r.identity?.id === ben!.id)!;
    expect(benRow.message).toBe(
      `account rf.ben (uid=rf.ben,ou=people,${dir.baseDn}) of BEN Failing: notFound: group ${ghostDn} does not exist`,
    );

    // The group appears; Ben no longer wants it (a later removal supersedes his add); Cat has left.
    await ensureGroup(dir.admin, dir.baseDn, 'ghost', 'Now it exists');
    await ctx.prisma.grant.update({
      where: { id: grants[1]!.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    const benRemoval = await plan([ben!.id], 'ACCESS_RELINQUISHED');
    expect(benRemoval.map((o) => o.kind)).toContain('REMOVE_ENTITLEMENT');
    await waitForOperations(
      ctx.prisma,
      benRemoval.map((o) => o.id),
    );
    await ctx.prisma.identity.update({ where: { id: cat!.id }, data: { status: 'TERMINATED' } });

    const result = await retryFailures(
      ctx.prisma,
      admin,
      { group: { applicationId: app.id, cause: ghostCause } },
      ctx,
    );
    expect(result.retried.map((r) => r.account)).toEqual([
      `account rf.ann (uid=rf.ann,ou=people,${dir.baseDn}) of ANN Failing`,
    ]);
    expect(result.skipped.map((s) => [s.account.split(' ')[1], s.reason]).sort()).toEqual([
      ['rf.ben', 'a later change for the same account supersedes it'],
      ['rf.cat', 'CAT Failing has left'],
    ]);
    expect(result.remaining).toBe(0);

    const annAdd = ops.find((o) => o.identityId === ann!.id && o.entitlementId === ghost.id)!;
    const [settled] = await waitForOperations(ctx.prisma, [annAdd.id]);
    expect(settled).toMatchObject({ status: 'SUCCEEDED', failureCause: null });
    expect(await dir.members(ghostDn)).toEqual([`uid=rf.ann,ou=people,${dir.baseDn}`]);

    const audit = await ctx.prisma.auditEvent.findMany({ where: { action: 'provisioning.retried' } });
    expect(audit.map((a) => [a.entityId, a.actorId, (a.metadata as { cause?: string }).cause])).toEqual([
      [annAdd.id, admin.identityId, ghostCause],
    ]);
    // What could not be retried stays failed, in its group.
    expect((await listFailureGroups(ctx.prisma)).groups.find((g) => g.cause === ghostCause)?.count).toBe(2);
  });

  it('retries rows chosen by hand, reports one no longer failed, and refuses an id that does not exist', async () => {
    const app = await createApplication(ctx.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const group = await createEntitlement(ctx.prisma, app.id, {
      externalId: `cn=later,ou=groups,${dir.baseDn}`,
    });
    const dan = await createIdentity(ctx.prisma, { username: 'rf.dan' });
    await createGrant(ctx.prisma, { identityId: dan.id, entitlementId: group.id });
    const ops = await plan([dan.id]);
    const settled = await waitForOperations(
      ctx.prisma,
      ops.map((o) => o.id),
    );
    const [created, failed] = settled;
    expect(failed).toMatchObject({ status: 'FAILED' });
    await ensureGroup(dir.admin, dir.baseDn, 'later', 'Made later');

    const result = await retryFailures(ctx.prisma, admin, { operationIds: [failed!.id, created!.id] }, ctx);
    expect(result.retried.map((r) => r.id)).toEqual([failed!.id]);
    expect(result.skipped.map((s) => [s.id, s.reason])).toEqual([
      [created!.id, 'it is no longer failed (it is succeeded)'],
    ]);
    expect((await waitForOperations(ctx.prisma, [failed!.id]))[0]).toMatchObject({ status: 'SUCCEEDED' });

    await expect(
      retryFailures(ctx.prisma, admin, { operationIds: ['00000000-0000-4000-8000-000000000000'] }, ctx),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
