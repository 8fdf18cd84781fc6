import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import {
  startSalesforceKit,
  type TSalesforceKit,
} from '@/server/testing/salesforce-emulator/salesforce-testing.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { applyJobs } from './apply-operations.ts';
import { ConnectorCache } from './connector-cache.ts';
import { planAccess } from './plan-access.ts';

let t: TTestContext;
let kit: TSalesforceKit;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));
beforeAll(async () => {
  t = await createTestContext();
  kit = await startSalesforceKit();
});
afterAll(async () => {
  await connectors.closeAll();
  await kit?.close();
  await t?.close();
});

describe('provisioning into Salesforce (emulated org)', () => {
  it('creates the users of one wave in one sObject Collections call; a user already in the org is adopted, a bad one fails alone', async () => {
    const app = await createApplication(t.prisma, {
      connectorType: 'SALESFORCE',
      config: kit.config,
      secrets: kit.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const salesOps = await createEntitlement(t.prisma, app.id, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`,
      name: 'Sales Ops',
    });
    const people = await Promise.all(
      ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli'].map((firstName, i) =>
        createIdentity(t.prisma, {
          username: `sf${i}.${Date.now().toString(36)}`,
          firstName,
          lastName: 'Sforce',
          email: `sf${i}.${Date.now().toString(36)}@acme.test`,
        }),
      ),
    );
    // Eli is in the org already (created by hand before Gatehouse); Dev's email Salesforce refuses.
    const eli = people[4]!;
    const { nativeId: eliInOrg } = await kit.connector.createAccount({
      username: eli.username,
      enabled: true,
      attributes: {
        Username: eli.email,
        Email: eli.email,
        LastName: 'Sforce',
        Alias: 'eli',
        TimeZoneSidKey: 'Europe/London',
        LocaleSidKey: 'en_GB',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
      },
    });
    await t.prisma.identity.update({ where: { id: people[3]!.id }, data: { email: 'not-an-address' } });
    for (const p of people) await createGrant(t.prisma, { identityId: p.id, entitlementId: salesOps.id });

    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        people.map((p) => p.id),
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    expect(ops.filter((o) => o.kind === 'CREATE_ACCOUNT')).toHaveLength(5);
    const mark = kit.emulator.requests.length;
    const verdicts = await applyJobs(
      t.prisma,
      [{ jobId: 'test-job', operationIds: ops.map((o) => o.id), retryCount: 0, retryLimit: 3 }],
      { connectors, queue: t.queue },
    );
    expect(verdicts.get('test-job')).toBe('completed');

    const sent = kit.emulator.requests.slice(mark).map((r) => `${r.method} ${r.path}`);
    expect(sent.filter((p) => p.startsWith('POST') && p.endsWith('/composite/sobjects'))).toHaveLength(1);
    expect(sent.some((p) => p.startsWith('POST') && p.endsWith('/sobjects/User'))).toBe(false);

    const settled = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: ops.map((o) => o.id) } },
      include: { account: true },
    });
    const create = (identityId: string) =>
      settled.find((o) => o.kind === 'CREATE_ACCOUNT' && o.identityId === identityId)!;
    for (const p of people.slice(0, 3)) {
      expect(create(p.id)).toMatchObject({ status: 'SUCCEEDED', outcome: 'applied' });
      expect(kit.emulator.org.find('User', create(p.id).account!.nativeId!)).toMatchObject({
        Username: p.email,
        IsActive: true,
      });
    }
    expect(create(eli.id)).toMatchObject({ status: 'NOOP', account: { nativeId: eliInOrg } });
    expect(create(people[3]!.id)).toMatchObject({ status: 'FAILED', errorKind: 'PERMANENT' });
    expect(create(people[3]!.id).lastError).toContain('INVALID_EMAIL_ADDRESS');
    // Everyone whose account exists also got the permission set, in the next wave.
    const adds = settled.filter((o) => o.kind === 'ADD_ENTITLEMENT' && o.identityId !== people[3]!.id);
    expect(adds.map((o) => o.status).sort()).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('a lone joiner is created and given the permission set in the same job, by the Id Salesforce assigned', async () => {
    const app = await createApplication(t.prisma, {
      connectorType: 'SALESFORCE',
      config: kit.config,
      secrets: kit.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const reports = await createEntitlement(t.prisma, app.id, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.reportsAdmin}`,
      name: 'Reports admin',
    });
    const tag = Date.now().toString(36);
    const fay = await createIdentity(t.prisma, {
      username: `fay.${tag}`,
      firstName: 'Fay',
      lastName: 'Sforce',
      email: `fay.${tag}@acme.test`,
    });
    await createGrant(t.prisma, { identityId: fay.id, entitlementId: reports.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [fay.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    expect(ops.map((o) => o.kind)).toEqual(['CREATE_ACCOUNT', 'ADD_ENTITLEMENT']);
    await applyJobs(
      t.prisma,
      [{ jobId: 'fay', operationIds: ops.map((o) => o.id), retryCount: 0, retryLimit: 3 }],
      { connectors, queue: t.queue },
    );
    const settled = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: ops.map((o) => o.id) } },
      orderBy: { sequence: 'asc' },
    });
    expect(settled.map((o) => [o.kind, o.status, o.lastError])).toEqual([
      ['CREATE_ACCOUNT', 'SUCCEEDED', null],
      ['ADD_ENTITLEMENT', 'SUCCEEDED', null],
    ]);
    const userId = (
      await t.prisma.account.findFirstOrThrow({ where: { identityId: fay.id, applicationId: app.id } })
    ).nativeId!;
    expect(kit.emulator.org.all('PermissionSetAssignment').some((a) => a.AssigneeId === userId)).toBe(true);
  });

  it('a create the account rules refuse fails alone; the rest of the wave is created in one call', async () => {
    const app = await createApplication(t.prisma, {
      connectorType: 'SALESFORCE',
      config: kit.config,
      secrets: kit.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    await t.prisma.application.update({
      where: { id: app.id },
      data: { accountRules: { requiredAttributes: ['employeeNumber'] } },
    });
    const salesOps = await createEntitlement(t.prisma, app.id, {
      externalId: `PermissionSet:${kit.emulator.seeded.permissionSets.salesOps}`,
      name: 'Sales Ops',
    });
    const tag = Date.now().toString(36);
    const people = await Promise.all(
      ['Gil', 'Hal', 'Ida'].map((firstName, i) =>
        createIdentity(t.prisma, {
          username: `rr${i}.${tag}`,
          firstName,
          lastName: 'Sforce',
          email: `rr${i}.${tag}@acme.test`,
          employeeNumber: i === 1 ? null : `RR${i}${tag}`,
        }),
      ),
    );
    for (const p of people) await createGrant(t.prisma, { identityId: p.id, entitlementId: salesOps.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        people.map((p) => p.id),
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    const mark = kit.emulator.requests.length;
    await applyJobs(
      t.prisma,
      [{ jobId: 'rules', operationIds: ops.map((o) => o.id), retryCount: 0, retryLimit: 3 }],
      { connectors, queue: t.queue },
    );
    const sent = kit.emulator.requests.slice(mark).map((r) => `${r.method} ${r.path}`);
    expect(sent.filter((p) => p.startsWith('POST') && p.endsWith('/composite/sobjects'))).toHaveLength(1);
    const settled = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: ops.map((o) => o.id) } },
    });
    const statusOf = (identityId: string) =>
      settled.find((o) => o.kind === 'CREATE_ACCOUNT' && o.identityId === identityId)!;
    expect(statusOf(people[0]!.id).status).toBe('SUCCEEDED');
    expect(statusOf(people[2]!.id).status).toBe('SUCCEEDED');
    expect(statusOf(people[1]!.id)).toMatchObject({
      status: 'FAILED',
      errorKind: 'PERMANENT',
      lastError: expect.stringContaining('employeeNumber is required and empty'),
    });
  });
});
