import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMANENT_KINDS, classifyError } from '@/server/connectors/sdk/connector-error.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const LDAP = { url: 'ldap://127.0.0.1:1', bindDn: 'cn=admin,dc=acme,dc=test', baseDn: 'dc=acme,dc=test' };

/** The connector the worker builds for an application's operations (apply-operations), or why it cannot. */
const buildFor = async (id: string) => {
  const app = await t.prisma.application.findUniqueOrThrow({ where: { id } });
  const cache = new ConnectorCache(t.secretKey());
  try {
    cache.get(app);
    return null;
  } catch (error) {
    return classifyError(error);
  } finally {
    await cache.closeAll();
  }
};

describe('an LDAP application whose stored settings an upgrade’s rule refuses', () => {
  it('breaks neither the list nor the others; its page names the setting, and its connector fails permanently naming it', async () => {
    const admin = await t.callerFor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const secrets = { secrets: { bindPassword: 'pw' }, secretKey: TEST_SECRET_KEY };
    const broken = await createApplication(t.prisma, { config: LDAP, ...secrets });
    const fine = await createApplication(t.prisma, { config: LDAP, ...secrets });
    // Saved before the rule existed (stop 36): written straight into the database, as the old version did.
    await t.prisma.$executeRaw`
      UPDATE "Application" SET config = config || '{"usernameAttribute": "uid)(objectClass=*"}'::jsonb
       WHERE id = ${broken.id}::uuid`;

    const listed = await admin.applications.list();
    expect(JSON.stringify(listed)).toContain(broken.id);
    expect(JSON.stringify(listed)).toContain(fine.id);

    const page = await admin.applications.get({ id: broken.id });
    expect(page.configProblems).toEqual([
      { field: 'usernameAttribute', message: expect.stringMatching(/attribute name/) },
    ]);
    expect(page.config).toMatchObject({ usernameAttribute: 'uid)(objectClass=*' });
    expect((await admin.applications.get({ id: fine.id })).configProblems).toEqual([]);

    const refused = await buildFor(broken.id);
    expect(refused?.kind).toBe('invalidConfig');
    expect(PERMANENT_KINDS).toContain(refused?.kind);
    expect(refused?.message).toMatch(/usernameAttribute: must be an attribute name/);
    expect(await buildFor(fine.id)).toBeNull();

    // The identity team fixes the setting on the page and saves: the endpoint is as stored, so the
    // stored bind password stays (no secrets sent).
    await admin.applications.save({
      id: broken.id,
      key: page.key,
      name: page.name,
      description: page.description,
      connectorType: 'LDAP',
      config: { ...(page.config as object), usernameAttribute: 'uid' },
      onDelete: 'DISABLE',
      onDeleteAttributes: {},
      attributeMapping: {},
      accountRules: {},
      concurrency: 4,
      enabled: true,
      ownerId: null,
      fulfilmentTeamId: null,
    });
    expect((await admin.applications.get({ id: broken.id })).configProblems).toEqual([]);
    expect(await buildFor(broken.id)).toBeNull();
  });
});
