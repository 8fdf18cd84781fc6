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
  worker = await startWorker({ databaseUrl: db.url, secretKey: TEST_SECRET_KEY, log: () => {} });
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

describe('the provisioning loop against real PostgreSQL and slapd', () => {
  it('creates the entry, adds the membership, then removes it and disables the account', async () => {
    const person = await createIdentity(db.prisma, {
      username: 'obrien',
      firstName: "O'Brien, Jr.",
      lastName: '(Ops) *',
      displayName: "O'Brien, Jr. (Ops) *",
    });
    const app = await createApplication(db.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const groupDn = await ensureGroup(dir.admin, dir.baseDn, 'Finance, Reporting (EMEA)', 'Finance reports');
    const group = await createEntitlement(db.prisma, app.id, { externalId: groupDn });
    const grant = await createGrant(db.prisma, { identityId: person.id, entitlementId: group.id });

    const ops = await plan([person.id]);
    expect(ops.map((o) => o.kind)).toEqual(['CREATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    const settled = await waitForOperations(
      db.prisma,
      ops.map((o) => o.id),
    );
    expect(settled.map((o) => [o.kind, o.status])).toEqual([
      ['CREATE_ACCOUNT', 'SUCCEEDED'],
      ['ADD_ENTITLEMENT', 'SUCCEEDED'],
    ]);

    const account = await db.prisma.account.findFirstOrThrow({
      where: { identityId: person.id },
      include: { memberships: true },
    });
    expect(account.nativeId).toBe(`uid=obrien,ou=people,${dir.baseDn}`);
    expect(account.memberships.map((m) => m.status)).toEqual(['ACTIVE']);
    expect(await dir.members(groupDn)).toEqual([account.nativeId]);
    expect((await dir.readEntry(account.nativeId!))?.cn).toEqual(["O'Brien, Jr. (Ops) *"]);

    // Planning again with nothing changed plans nothing.
    expect(await plan([person.id])).toEqual([]);

    await db.prisma.grant.update({
      where: { id: grant.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    const removal = await plan([person.id], 'ACCESS_RELINQUISHED');
    expect(removal.map((o) => o.kind)).toEqual(['REMOVE_ENTITLEMENT', 'DISABLE_ACCOUNT']);
    await waitForOperations(
      db.prisma,
      removal.map((o) => o.id),
    );
    expect(await dir.members(groupDn)).toEqual([]);
    expect((await dir.readEntry(account.nativeId!, ['pwdAccountLockedTime']))?.pwdAccountLockedTime).toEqual([
      '000001010000Z',
    ]);
    expect(await db.prisma.accountEntitlement.count({ where: { accountId: account.id } })).toBe(0);

    const audit = await db.prisma.auditEvent.findMany({
      where: { subjectId: person.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'access.planned',
      'provisioning.succeeded',
      'provisioning.succeeded',
      'access.planned',
      'provisioning.succeeded',
      'provisioning.succeeded',
    ]);
  });

  it('records a permanent error as the operation’s failure, with the directory message, and nowhere else', async () => {
    const app = await createApplication(db.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const missing = await createEntitlement(db.prisma, app.id, {
      externalId: `cn=does-not-exist,ou=groups,${dir.baseDn}`,
    });
    const person = await createIdentity(db.prisma);
    await createGrant(db.prisma, { identityId: person.id, entitlementId: missing.id });
    const ops = await plan([person.id]);
    const settled = await waitForOperations(
      db.prisma,
      ops.map((o) => o.id),
    );
    expect(settled.map((o) => o.status)).toEqual(['SUCCEEDED', 'FAILED']);
    expect(settled[1]).toMatchObject({ errorKind: 'PERMANENT' });
    expect(settled[1]!.lastError).toMatch(/notFound: .*does not exist/);
    expect(settled[1]!.failureCause).toEqual(expect.any(String));
    // One record of "failed": the operation's status (docs/decisions/074); there is no dead-letter queue to keep in step.
    expect((await boss.getQueues()).map((q) => q.name)).not.toContain('provisioning.dead');
  });
});
