import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor, waitForOperations } from '@/server/testing/wait-for.ts';
import {
  closePendingExtensions,
  decideApprovalStep,
  listMyApprovals,
} from '@/server/modules/approvals/index.ts';
import { recomputeBirthright } from '@/server/modules/birthright/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { requestExtension } from '@/server/modules/requests/index.ts';
import { expireGrants } from './expire-grants.ts';
import { revokeGrant } from './revoke-grant.ts';
import { notifyExpiringGrants } from './notify-expiring-grants.ts';

let t: TTestContext;
let dir: TTestDirectory;
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const plan = (ids: string[]) =>
  t.prisma.$transaction((tx) =>
    planAccess(tx, ids, { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
  );

async function holder(endsInDays: number, now = new Date()) {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const hana = await createIdentity(t.prisma, { firstName: 'Hana', managerId: mark.id });
  const app = await createApplication(t.prisma, {
    config: dir.config,
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
  });
  const groupDn = await ensureGroup(dir.admin, dir.baseDn, `deploy-${hana.id.slice(0, 8)}`, 'Deploy');
  const deploy = await createEntitlement(t.prisma, app.id, {
    externalId: groupDn,
    name: 'Production Deploy',
    maxDurationDays: 90,
  });
  const grant = await createGrant(t.prisma, {
    identityId: hana.id,
    entitlementId: deploy.id,
    source: 'REQUEST',
    endsAt: new Date(now.getTime() + endsInDays * DAY),
    startsAt: new Date(now.getTime() - 10 * DAY),
  });
  return { mark, hana, app, deploy, grant, groupDn };
}

describe('time-bound access', () => {
  it('revokes grants at their end through planAccess, and nothing puts the access back', async () => {
    const now = new Date();
    const { hana, grant, deploy } = await holder(5, now);
    await plan([hana.id]);
    const later = new Date(now.getTime() + 6 * DAY);
    const { expired } = await expireGrants(t.prisma, { queue: t.queue, now: later, closePendingExtensions });
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      status: 'EXPIRED',
      revokedAt: later,
    });
    const ops = await t.prisma.provisioningOperation.findMany({
      where: { identityId: hana.id, reason: 'GRANT_EXPIRED' },
    });
    expect(ops.map((o) => [o.kind, o.entitlementId])).toContainEqual(['REMOVE_ENTITLEMENT', deploy.id]);
    // Revocation sticks: planning again, or recomputing birthright, adds nothing.
    expect(await plan([hana.id])).toEqual([]);
    await t.prisma.$transaction((tx) =>
      recomputeBirthright(tx, [hana.id], systemActor('SOURCE'), { now: later }),
    );
    expect(await plan([hana.id])).toEqual([]);
    expect(
      await t.prisma.notification.count({ where: { recipientId: hana.id, kind: 'grant.expired' } }),
    ).toBe(1);
  });

  it('tells the holder 7 days and 1 day before, once each', async () => {
    const now = new Date('2026-05-01T12:00:00Z');
    const { hana, grant } = await holder(10, now);
    const run = (days: number) =>
      notifyExpiringGrants(t.prisma, { queue: t.queue, now: new Date(now.getTime() + days * DAY) });
    await run(1);
    await run(3.5);
    await run(3.6);
    await run(9.5);
    await run(9.6);
    const notes = await t.prisma.notification.findMany({
      where: { recipientId: hana.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(notes.map((n) => n.kind)).toEqual(['grant.expiring.7d', 'grant.expiring.1d']);
    expect(notes[0]?.title).toMatch(/^Your Production Deploy access ends in 7 days \(11 May 2026\)$/);
    expect((await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).notified).toEqual([
      '7d',
      '1d',
    ]);
  });

  it('extends access before it ends through a shorter chain, and a pending extension ends with the grant', async () => {
    const now = new Date();
    const { mark, hana, grant } = await holder(5, now);
    const actor = await t.actor(hana.id);
    await expect(
      requestExtension(
        t.prisma,
        actor,
        {
          grantId: grant.id,
          requestedEndsAt: new Date(now.getTime() + 120 * DAY),
          justification: 'Release train continues',
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const ext = await requestExtension(
      t.prisma,
      actor,
      {
        grantId: grant.id,
        requestedEndsAt: new Date(now.getTime() + 30 * DAY),
        justification: 'Release train continues',
      },
      { queue: t.queue, now },
    );
    await expect(
      requestExtension(
        t.prisma,
        actor,
        {
          grantId: grant.id,
          requestedEndsAt: new Date(now.getTime() + 31 * DAY),
          justification: 'Release train continues',
        },
        { queue: t.queue, now },
      ),
    ).rejects.toMatchObject({
      code: 'ALREADY_REQUESTED',
    });
    const [step] = await listMyApprovals(t.prisma, await t.actor(mark.id), { status: 'PENDING' });
    expect(step?.request).toMatchObject({ id: ext.id, kind: 'EXTEND', currentEndsAt: grant.endsAt });
    await t.prisma.grant.update({ where: { id: grant.id }, data: { notified: ['7d'] } });
    await decideApprovalStep(
      t.prisma,
      await t.actor(mark.id),
      { stepId: step!.id, decision: 'APPROVE' },
      { queue: t.queue, now },
    );
    expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      endsAt: new Date(now.getTime() + 30 * DAY),
      notified: [],
      status: 'ACTIVE',
    });

    // A second extension nobody decides before the grant ends is expired with it.
    const again = await requestExtension(
      t.prisma,
      actor,
      {
        grantId: grant.id,
        requestedEndsAt: new Date(now.getTime() + 60 * DAY),
        justification: 'Release train continues',
      },
      { queue: t.queue, now },
    );
    await expireGrants(t.prisma, {
      queue: t.queue,
      now: new Date(now.getTime() + 31 * DAY),
      closePendingExtensions,
    });
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: again.id } })).toMatchObject({
      status: 'EXPIRED',
    });
  });

  it('cancels a pending extension when the holder gives the access up', async () => {
    const now = new Date();
    const { hana, grant } = await holder(5, now);
    const actor = await t.actor(hana.id);
    const ext = await requestExtension(
      t.prisma,
      actor,
      {
        grantId: grant.id,
        requestedEndsAt: new Date(now.getTime() + 30 * DAY),
        justification: 'Release train continues',
      },
      { queue: t.queue, now },
    );
    await revokeGrant(
      t.prisma,
      actor,
      { grantId: grant.id },
      { queue: t.queue, now, closePendingExtensions },
    );
    expect(await t.prisma.accessRequest.findUniqueOrThrow({ where: { id: ext.id } })).toMatchObject({
      status: 'CANCELLED',
    });
    expect(await t.prisma.approvalStep.count({ where: { requestId: ext.id, status: 'PENDING' } })).toBe(0);
  });

  describe('through the real worker and slapd', () => {
    let worker: TWorker;
    beforeAll(async () => {
      worker = await startWorker({
        databaseUrl: t.url,
        secretKey: TEST_SECRET_KEY,
        log: () => {},
        only: ['provisioning.apply', 'grants.expire'],
      });
    });
    afterAll(async () => {
      await worker?.stop({ graceful: false });
    });

    it('removes an expiring grant from the real directory when the scheduled job runs', async () => {
      const { hana, grant, groupDn } = await holder(30);
      await waitForOperations(
        t.prisma,
        (await plan([hana.id])).map((o) => o.id),
      );
      const account = await t.prisma.account.findFirstOrThrow({ where: { identityId: hana.id } });
      expect(await dir.members(groupDn)).toEqual([account.nativeId]);

      await t.prisma.grant.update({ where: { id: grant.id }, data: { endsAt: new Date(Date.now() - 1000) } });
      await t.boss.send('grants.expire', {});
      await waitFor(async () => (await dir.members(groupDn)).length === 0, {
        timeoutMs: 30_000,
        what: 'the membership to leave the directory',
      });
      expect(await t.prisma.grant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
        status: 'EXPIRED',
      });
    });
  });
});
