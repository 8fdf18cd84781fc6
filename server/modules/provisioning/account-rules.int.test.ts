import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgBoss } from 'pg-boss';
import { systemActor } from '@/server/auth/actor.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';
import { createApplication, createEntitlement, createGrant, createIdentity } from '@/server/seed/factories.ts';
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
  worker = await startWorker({ databaseUrl: db.url, secretKey: TEST_SECRET_KEY, log: () => {}, only: ['provisioning.apply'] });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await boss?.stop({ graceful: false });
  await db?.drop();
});

describe('account creation rules against a real slapd', () => {
  it('names accounts first.last, sets a random password nobody stores, and refuses a create that lacks a required attribute', async () => {
    const app = await createApplication(db.prisma, { config: dir.config, secrets: dir.secrets, secretKey: TEST_SECRET_KEY });
    await db.prisma.application.update({
      where: { id: app.id },
      data: { accountRules: { usernameTemplate: '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}', requiredAttributes: ['employeeNumber'], initialPassword: 'random' } },
    });
    const group = await createEntitlement(db.prisma, app.id, { externalId: await ensureGroup(dir.admin, dir.baseDn, 'staff', 'Staff') });
    const zoe = await createIdentity(db.prisma, { firstName: 'Zoë', lastName: "Ångström-O'Neil", employeeNumber: 'E77' });
    const zoe2 = await createIdentity(db.prisma, { firstName: 'Zoe', lastName: 'Angstrom ONeil', employeeNumber: 'E78' });
    const nobody = await createIdentity(db.prisma, { firstName: 'No', lastName: 'Number', employeeNumber: null });
    for (const p of [zoe, zoe2, nobody]) await createGrant(db.prisma, { identityId: p.id, entitlementId: group.id });

    const ops = await db.prisma.$transaction((tx) => planAccess(tx, [zoe.id, zoe2.id, nobody.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue }));
    await waitForOperations(db.prisma, ops.map((o) => o.id));

    const accounts = await db.prisma.account.findMany({ where: { applicationId: app.id }, orderBy: { username: 'asc' }, select: { username: true, identityId: true } });
    expect(accounts.map((a) => a.username).sort()).toEqual(['no.number', 'zoe.angstromoneil', 'zoe.angstromoneil2']);
    const creates = await db.prisma.provisioningOperation.findMany({ where: { kind: 'CREATE_ACCOUNT', applicationId: app.id }, select: { identityId: true, status: true, payload: true, lastError: true } });
    for (const c of creates) {
      // Only the fact that a password is set; never a password.
      expect(c.payload).toMatchObject({ initialPassword: 'random' });
      expect(JSON.stringify(c.payload)).not.toMatch(/password"\s*:\s*"(?!random)/i);
    }
    const refused = creates.find((c) => c.identityId === nobody.id)!;
    expect(refused).toMatchObject({ status: 'FAILED', lastError: expect.stringContaining('employeeNumber is required and empty') });
    expect(await dir.readEntry(`uid=no.number,ou=people,${dir.baseDn}`)).toBeNull();

    const entry = await dir.readEntry(`uid=zoe.angstromoneil,ou=people,${dir.baseDn}`, ['userPassword']);
    expect(entry?.userPassword?.[0]?.length).toBeGreaterThanOrEqual(24);
    const stored = JSON.stringify(await db.prisma.auditEvent.findMany({ select: { before: true, after: true, metadata: true } }));
    expect(stored).not.toContain(entry!.userPassword![0]!);
  });
});
