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
import { ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { previewAccountRules } from './account-rules-admin.ts';
import { parseAccountRules } from './account-rules.ts';
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

describe('account creation rules against a real slapd', () => {
  it('names accounts first.last, sets a random password nobody stores, and refuses a create that lacks a required attribute', async () => {
    const app = await createApplication(db.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    await db.prisma.application.update({
      where: { id: app.id },
      data: {
        accountRules: {
          usernameTemplate: '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}',
          requiredAttributes: ['employeeNumber'],
          initialPassword: 'random',
        },
      },
    });
    const group = await createEntitlement(db.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'staff', 'Staff'),
    });
    const zoe = await createIdentity(db.prisma, {
      firstName: 'Zoë',
      lastName: "Ångström-O'Neil",
      employeeNumber: 'E77',
    });
    const zoe2 = await createIdentity(db.prisma, {
      firstName: 'Zoe',
      lastName: 'Angstrom ONeil',
      employeeNumber: 'E78',
    });
    const nobody = await createIdentity(db.prisma, {
      firstName: 'No',
      lastName: 'Number',
      employeeNumber: null,
    });
    for (const p of [zoe, zoe2, nobody])
      await createGrant(db.prisma, { identityId: p.id, entitlementId: group.id });

    const ops = await db.prisma.$transaction((tx) =>
      planAccess(tx, [zoe.id, zoe2.id, nobody.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue }),
    );
    await waitForOperations(
      db.prisma,
      ops.map((o) => o.id),
    );

    const accounts = await db.prisma.account.findMany({
      where: { applicationId: app.id },
      orderBy: { username: 'asc' },
      select: { username: true, identityId: true },
    });
    expect(accounts.map((a) => a.username).sort()).toEqual([
      'no.number',
      'zoe.angstromoneil',
      'zoe.angstromoneil2',
    ]);
    const creates = await db.prisma.provisioningOperation.findMany({
      where: { kind: 'CREATE_ACCOUNT', applicationId: app.id },
      select: { identityId: true, status: true, payload: true, lastError: true },
    });
    for (const c of creates) {
      // Only the fact that a password is set; never a password.
      expect(c.payload).toMatchObject({ initialPassword: 'random' });
      expect(JSON.stringify(c.payload)).not.toMatch(/password"\s*:\s*"(?!random)/i);
    }
    const refused = creates.find((c) => c.identityId === nobody.id)!;
    expect(refused).toMatchObject({
      status: 'FAILED',
      lastError: expect.stringContaining('employeeNumber is required and empty'),
    });
    expect(await dir.readEntry(`uid=no.number,ou=people,${dir.baseDn}`)).toBeNull();

    const entry = await dir.readEntry(`uid=zoe.angstromoneil,ou=people,${dir.baseDn}`, ['userPassword']);
    expect(entry?.userPassword?.[0]?.length).toBeGreaterThanOrEqual(24);
    const stored = JSON.stringify(
      await db.prisma.auditEvent.findMany({ select: { before: true, after: true, metadata: true } }),
    );
    expect(stored).not.toContain(entry!.userPassword![0]!);
  });

  it('never mangles a name: @ gives the local part, a script ASCII cannot carry falls back to the employee number, and a person with neither is refused alone', async () => {
    const source = await db.prisma.identitySource.create({
      data: { key: 'idp-naming', name: 'IdP', kind: 'SCIM' },
    });
    await ingestSourceRecords(
      db.prisma,
      { id: source.id, origin: 'SCIM' },
      [
        {
          externalId: 'x-en7327',
          username: 'en7327-usr@contoso.test',
          email: 'en7327-usr@contoso.test',
          employeeNumber: 'EN7327',
          firstName: 'Eno',
          lastName: 'Nils',
        },
        {
          externalId: 'x-lg7585',
          username: 'lg7585-rtl-عربي',
          email: 'lg7585@contoso.test',
          employeeNumber: 'LG7585',
          firstName: 'لينا',
          lastName: 'عربي',
        },
        {
          externalId: 'x-nn0001',
          username: 'نور',
          email: 'nn0001@contoso.test',
          employeeNumber: null,
          firstName: 'نور',
          lastName: 'حسن',
        },
      ],
      { queue },
    );
    const person = (email: string) => db.prisma.identity.findUniqueOrThrow({ where: { email } });
    const [eno, lina, nour] = [
      await person('en7327-usr@contoso.test'),
      await person('lg7585@contoso.test'),
      await person('nn0001@contoso.test'),
    ];
    expect([eno.username, lina.username, nour.username]).toEqual(['en7327-usr', 'lg7585', 'nn0001']);

    const app = await createApplication(db.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const rules = { usernameTemplate: '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}' };
    await db.prisma.application.update({ where: { id: app.id }, data: { accountRules: rules } });
    const group = await createEntitlement(db.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'naming', 'Naming'),
    });
    for (const p of [eno, lina, nour])
      await createGrant(db.prisma, { identityId: p.id, entitlementId: group.id });

    // The preview says who the fallback names, and why, and who would be refused.
    const preview = await previewAccountRules(db.prisma, {
      applicationId: app.id,
      rules: parseAccountRules(rules),
      limit: 20,
    });
    const shown = (id: string) => preview.find((p) => p.identityId === id)!;
    expect(shown(eno.id)).toMatchObject({ username: 'eno.nils', fallback: null, error: null });
    expect(shown(lina.id)).toMatchObject({
      username: 'lg7585',
      fallback: expect.stringContaining('drops "لينا'),
      error: null,
    });
    expect(shown(nour.id)).toMatchObject({
      username: null,
      error: expect.stringMatching(/^Account naming: .*the account was not created$/),
    });

    const ops = await db.prisma.$transaction((tx) =>
      planAccess(tx, [eno.id, lina.id, nour.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue }),
    );
    await waitForOperations(
      db.prisma,
      ops.map((o) => o.id),
    );
    const creates = await db.prisma.provisioningOperation.findMany({
      where: { kind: 'CREATE_ACCOUNT', applicationId: app.id },
      select: { identityId: true, status: true, lastError: true },
    });
    const createOf = (id: string) => creates.find((c) => c.identityId === id)!;
    expect(createOf(eno.id).status).toBe('SUCCEEDED');
    expect(createOf(lina.id).status).toBe('SUCCEEDED');
    expect(createOf(nour.id)).toMatchObject({
      status: 'FAILED',
      lastError: expect.stringContaining('Account naming:'),
    });
    expect(await dir.readEntry(`uid=eno.nils,ou=people,${dir.baseDn}`, ['1.1'])).not.toBeNull();
    expect(await dir.readEntry(`uid=lg7585,ou=people,${dir.baseDn}`, ['1.1'])).not.toBeNull();
    expect((await dir.members(group.externalId)).sort()).toEqual([
      `uid=eno.nils,ou=people,${dir.baseDn}`,
      `uid=lg7585,ou=people,${dir.baseDn}`,
    ]);

    // The refused create is cancelled (as the provisioning page does: its never-created account is
    // DELETED), HR then gives Nour an employee number, and the next plan names the account afresh:
    // the placeholder (the identity id) never reaches the directory.
    const refusedCreate = await db.prisma.provisioningOperation.findFirstOrThrow({
      where: { kind: 'CREATE_ACCOUNT', identityId: nour.id },
    });
    await db.prisma.provisioningOperation.update({
      where: { id: refusedCreate.id },
      data: { status: 'CANCELLED' },
    });
    await db.prisma.account.updateMany({
      where: { id: refusedCreate.accountId!, nativeId: null },
      data: { status: 'DELETED' },
    });
    await db.prisma.identity.update({ where: { id: nour.id }, data: { employeeNumber: 'NN0001' } });
    const again = await db.prisma.$transaction((tx) =>
      planAccess(tx, [nour.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue }),
    );
    await waitForOperations(
      db.prisma,
      again.map((o) => o.id),
    );
    expect(
      (await db.prisma.account.findUniqueOrThrow({ where: { id: refusedCreate.accountId! } })).username,
    ).toBe('nn0001');
    expect(await dir.readEntry(`uid=nn0001,ou=people,${dir.baseDn}`, ['1.1'])).not.toBeNull();
    expect(await dir.readEntry(`uid=${nour.id},ou=people,${dir.baseDn}`, ['1.1'])).toBeNull();
  });
});
