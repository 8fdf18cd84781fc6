import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { systemActor } from '@/server/auth/actor.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/test-database.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { planAccess } from './plan-access.ts';

let db: TTestDatabase;
let dir: TTestDirectory;
let boss: PgBoss;
let queue: TJobQueue;
let worker: TWorker;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await createTestDirectory();
  boss = createBoss(db.url, 'web');
  await boss.start();
  queue = createJobQueue(async () => boss);
  worker = await startWorker({
    databaseUrl: db.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['provisioning.apply'],
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await boss?.stop({ graceful: false });
  await db?.drop();
});

const plan = (identityIds: string[], reason = 'TEST') =>
  db.prisma.$transaction((tx) =>
    planAccess(tx, identityIds, { reason, actor: systemActor('SEED') }, { queue }),
  );

describe('a batch never fails for one member', () => {
  it('an impossible joiner fails alone; the other joiners and leavers of the batch land in and leave all-staff', async () => {
    const app = await createApplication(db.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const groupDn = await ensureGroup(dir.admin, dir.baseDn, 'all-staff', 'Everyone');
    const allStaff = await createEntitlement(db.prisma, app.id, { externalId: groupDn });

    const leavers = await Promise.all(
      Array.from({ length: 7 }, (_, i) => createIdentity(db.prisma, { username: `leaver${i}` })),
    );
    const leaverGrants = await Promise.all(
      leavers.map((p) => createGrant(db.prisma, { identityId: p.id, entitlementId: allStaff.id })),
    );
    await waitForOperations(
      db.prisma,
      (await plan(leavers.map((p) => p.id))).map((o) => o.id),
    );
    expect(await dir.members(groupDn)).toHaveLength(7);

    const joiners = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createIdentity(db.prisma, { username: `joiner${i}` })),
    );
    const impossible = await createIdentity(db.prisma, {
      username: `en7327-${'x'.repeat(20_000)}`,
      employeeNumber: null,
    });
    for (const p of [...joiners, impossible])
      await createGrant(db.prisma, { identityId: p.id, entitlementId: allStaff.id });
    for (const g of leaverGrants)
      await db.prisma.grant.update({
        where: { id: g.id },
        data: { status: 'REVOKED', revokedAt: new Date() },
      });

    const ops = await plan([...joiners, impossible, ...leavers].map((p) => p.id));
    await waitForOperations(
      db.prisma,
      ops.map((o) => o.id),
    );

    const settled = await db.prisma.provisioningOperation.findMany({
      where: { id: { in: ops.map((o) => o.id) } },
      select: { identityId: true, kind: true, status: true, lastError: true },
    });
    const failed = settled.filter((o) => o.status === 'FAILED');
    // Only the impossible joiner's operations fail: the create, refused by the naming rule (the name is
    // longer than the directory takes, and there is no employee number to fall back on) before it
    // reached the directory, and the membership of an account that does not exist, each named.
    expect(failed.map((o) => o.kind).sort()).toEqual(['ADD_ENTITLEMENT', 'CREATE_ACCOUNT']);
    for (const f of failed) expect(f.identityId).toBe(impossible.id);
    const account = await db.prisma.account.findFirstOrThrow({
      where: { identityId: impossible.id },
      select: { username: true },
    });
    expect(failed.find((o) => o.kind === 'CREATE_ACCOUNT')!.lastError).toMatch(
      /Account naming: the username rule gives "en7327-x+… \(20007 characters\)", which is 20007 characters and the target takes at most 256/,
    );
    expect(failed.find((o) => o.kind === 'ADD_ENTITLEMENT')!.lastError).toMatch(
      new RegExp(`^notFound: add ${account.username} to cn=all-staff,.*: the account does not exist`),
    );
    expect(settled.filter((o) => o.identityId !== impossible.id).every((o) => o.status === 'SUCCEEDED')).toBe(
      true,
    );
    const members = await dir.members(groupDn);
    expect(members.sort()).toEqual(joiners.map((p) => `uid=${p.username},ou=people,${dir.baseDn}`).sort());
  });
});
