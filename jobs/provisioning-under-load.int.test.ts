import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from './start-worker.ts';

let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker | undefined;
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterEach(async () => {
  await worker?.stop({ graceful: false });
  worker = undefined;
});
afterAll(async () => {
  await t?.close();
});

const plan = (identityIds: string[], reason: string) =>
  t.prisma.$transaction(
    (tx) => planAccess(tx, identityIds, { reason, actor: systemActor('SEED') }, { queue: t.queue }),
    { timeout: 120_000 },
  );
const run = (pollingIntervalSeconds?: number) =>
  startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['provisioning.apply'],
    pollingIntervalSeconds,
  });

/** An application with a concurrency limit far below the worker's batch size, and one group. */
async function directoryApp(concurrency: number) {
  const app = await createApplication(t.prisma, {
    config: dir.config,
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
    concurrency,
  });
  const tag = crypto.randomBytes(3).toString('hex');
  const groupDn = await ensureGroup(dir.admin, dir.baseDn, `staff-${tag}`, 'Staff');
  const group = await createEntitlement(t.prisma, app.id, { externalId: groupDn });
  return { app, groupDn, group, tag };
}

/** `count` joiners, each granted the group: count jobs of a create and an add, planned, not applied. */
async function planJoiners(entitlementId: string, tag: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await t.prisma.identity.createMany({
    data: ids.map((id, i) => ({
      id,
      username: `j${tag}${i}`,
      email: `j${tag}${i}@acme.test`,
      firstName: 'Joiner',
      lastName: `${i}`,
      displayName: `Joiner ${i}`,
    })),
  });
  await t.prisma.grant.createMany({
    data: ids.map((identityId) => ({ identityId, entitlementId, source: 'BIRTHRIGHT' as const })),
  });
  for (let i = 0; i < ids.length; i += 500) await plan(ids.slice(i, i + 500), 'JOINER');
  return ids;
}

describe('the worker under load', () => {
  it('refills a freed concurrency slot at once: with an hour-long polling interval the backlog still drains', async () => {
    // Two jobs of this application may run at a time; a batch of 128 is never full, so pg-boss's
    // own burst never fires and every refill would wait for the next poll.
    const { group, tag } = await directoryApp(2);
    const joiners = await planJoiners(group.id, tag, 40);
    worker = await run(3_600);
    const settled = await waitForOperations(t.prisma, undefined, 50_000);
    expect(settled.filter((o) => joiners.includes(o.identityId!)).map((o) => o.status)).toEqual(
      Array(80).fill('SUCCEEDED'),
    );
  }, 60_000);

  it("applies a leaver's, a suspension's and a revocation's operations ahead of a joiner backlog, in each account's order", async () => {
    const { app, groupDn, group, tag } = await directoryApp(2);
    const leaver = await createIdentity(t.prisma);
    const suspended = await createIdentity(t.prisma);
    const revoked = await createIdentity(t.prisma);
    const grants = await Promise.all(
      [leaver, suspended, revoked].map((p) =>
        createGrant(t.prisma, { identityId: p.id, entitlementId: group.id }),
      ),
    );
    worker = await run();
    await waitForOperations(
      t.prisma,
      (await plan([leaver.id, suspended.id, revoked.id], 'JOINER')).map((o) => o.id),
    );
    await worker.stop({ graceful: true });
    worker = undefined;

    // With no worker running: a backlog of joiners, one of whom leaves before being provisioned,
    // then the leaver, the suspension and the revocation, all queued behind the backlog.
    const joiners = await planJoiners(group.id, tag, 300);
    const early = await createIdentity(t.prisma);
    await createGrant(t.prisma, { identityId: early.id, entitlementId: group.id });
    await plan([early.id], 'JOINER');
    await t.prisma.identity.updateMany({
      where: { id: { in: [leaver.id, early.id] } },
      data: { status: 'TERMINATED' },
    });
    await t.prisma.identity.update({ where: { id: suspended.id }, data: { status: 'SUSPENDED' } });
    await t.prisma.grant.update({
      where: { id: grants[2]!.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    const leaving = await plan([leaver.id, early.id], 'LEAVER');
    const suspending = await plan([suspended.id], 'SUSPENDED');
    const revoking = await plan([revoked.id], 'ACCESS_REVOKED');
    expect(suspending.map((o) => o.kind)).toEqual(['DISABLE_ACCOUNT']);
    expect(revoking.map((o) => o.kind)).toEqual(['REMOVE_ENTITLEMENT', 'DISABLE_ACCOUNT']);

    worker = await run();
    const urgent = [...leaving, ...suspending, ...revoking].map((o) => o.id);
    await waitForOperations(t.prisma, urgent);
    // The removals were applied first: most of the joiners' operations finished after the last of
    // them (read once everything has drained, so it does not depend on when the test looks).
    const urgentDone = Math.max(
      ...(
        await t.prisma.provisioningOperation.findMany({
          where: { id: { in: urgent } },
          select: { finishedAt: true },
        })
      ).map((o) => o.finishedAt!.getTime()),
    );
    const joinerOps = await waitForOperations(
      t.prisma,
      (
        await t.prisma.provisioningOperation.findMany({
          where: { identityId: { in: joiners } },
          select: { id: true },
        })
      ).map((o) => o.id),
    );
    expect(joinerOps.filter((o) => o.finishedAt!.getTime() > urgentDone).length).toBeGreaterThan(
      joiners.length,
    );

    // Each account saw its operations in planning order: the early leaver's create and add (from
    // the backlog) ran before the removal and the disable that overtook the backlog.
    const earlyOps = await t.prisma.provisioningOperation.findMany({
      where: { identityId: early.id },
      orderBy: { sequence: 'asc' },
    });
    expect(earlyOps.map((o) => [o.kind, o.status])).toEqual([
      ['CREATE_ACCOUNT', 'SUCCEEDED'],
      ['ADD_ENTITLEMENT', 'SUCCEEDED'],
      ['REMOVE_ENTITLEMENT', 'SUCCEEDED'],
      ['DISABLE_ACCOUNT', 'SUCCEEDED'],
    ]);
    const finished = earlyOps.map((o) => o.finishedAt!.getTime());
    expect(finished).toEqual([...finished].sort((a, b) => a - b));

    const accounts = await t.prisma.account.findMany({
      where: { applicationId: app.id, identityId: { in: [leaver.id, suspended.id, revoked.id, early.id] } },
    });
    const dnOf = new Map(accounts.map((a) => [a.identityId!, a.nativeId!]));
    for (const id of [leaver.id, suspended.id, revoked.id, early.id]) {
      expect((await dir.readEntry(dnOf.get(id)!, ['pwdAccountLockedTime']))?.pwdAccountLockedTime).toEqual([
        '000001010000Z',
      ]);
    }
    const members = await dir.members(groupDn);
    expect(members).toContain(dnOf.get(suspended.id));
    expect(members).not.toContain(dnOf.get(leaver.id));
    expect(members).not.toContain(dnOf.get(revoked.id));
    expect(members).not.toContain(dnOf.get(early.id));
  }, 60_000);
});
