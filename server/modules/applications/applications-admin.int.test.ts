import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { aggregateEntitlements, saveEntitlement, saveRole } from '@/server/modules/catalog/index.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createIdentity, createTeam } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { getApplication } from './get-application.ts';
import { previewMapping } from './preview-mapping.ts';
import { saveApplication, type TSaveApplication } from './save-application.ts';
import { testApplicationConnection } from './test-application-connection.ts';

let t: TTestContext;
let dir: TTestDirectory;
const secretKey = parseSecretKey(TEST_SECRET_KEY);
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await t?.close();
});

const admin = async () => t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
const ldapApp = (o: Partial<TSaveApplication> = {}): TSaveApplication => ({
  key: `dir-${Math.random().toString(36).slice(2, 8)}`,
  name: 'Directory',
  description: '',
  connectorType: 'LDAP',
  config: { ...dir.config },
  secrets: { bindPassword: dir.secrets.bindPassword },
  onDelete: 'DISABLE',
  onDeleteAttributes: {},
  attributeMapping: {},
  accountRules: {},
  concurrency: 4,
  enabled: true,
  ownerId: null,
  fulfilmentTeamId: null,
  ...o,
});

describe('application administration', () => {
  it('stores secrets encrypted and never returns them; tests the connection against the real directory', async () => {
    const actor = await admin();
    const { id } = await saveApplication(t.prisma, actor, ldapApp(), { queue: t.queue, secretKey });
    const raw = await t.prisma.application.findUniqueOrThrow({ where: { id } });
    expect(raw.secrets).not.toContain(dir.secrets.bindPassword);
    const shown = await getApplication(t.prisma, id, secretKey);
    expect(shown.secretFields).toEqual(['bindPassword']);
    expect(JSON.stringify(shown)).not.toContain(dir.secrets.bindPassword);
    expect(await testApplicationConnection(t.prisma, actor, id, { secretKey })).toMatchObject({ ok: true });

    await saveApplication(
      t.prisma,
      actor,
      { ...ldapApp(), id, key: shown.key, secrets: { bindPassword: 'wrong' } },
      { queue: t.queue, secretKey },
    );
    const failed = await testApplicationConnection(t.prisma, actor, id, { secretKey });
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/credential|bind/i);
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id } })).lastTestResult).toMatchObject({
      ok: false,
    });
  });

  it('refuses invalid settings with the field named, and writes nothing', async () => {
    const actor = await admin();
    const before = await t.prisma.application.count();
    await expect(
      saveApplication(
        t.prisma,
        actor,
        ldapApp({ config: { url: 'http://nope', bindDn: 'x', baseDn: 'y' } }),
        { queue: t.queue, secretKey },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'config.url' },
    });
    await expect(
      saveApplication(t.prisma, actor, ldapApp({ attributeMapping: { cn: '{firstName|shout}' } }), {
        queue: t.queue,
        secretKey,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'attributeMapping.cn' },
    });
    expect(await t.prisma.application.count()).toBe(before);
  });

  it('refuses a manual application without a fulfilment team, and unknown teams or owners', async () => {
    const actor = await admin();
    const before = await t.prisma.application.count();
    const manual = ldapApp({ connectorType: 'MANUAL', config: {}, secrets: {} });
    await expect(
      saveApplication(t.prisma, actor, manual, { queue: t.queue, secretKey }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'fulfilmentTeamId' } });
    await expect(
      saveApplication(
        t.prisma,
        actor,
        { ...manual, fulfilmentTeamId: crypto.randomUUID() },
        { queue: t.queue, secretKey },
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'fulfilmentTeamId' },
    });
    await expect(
      saveApplication(t.prisma, actor, ldapApp({ ownerId: crypto.randomUUID() }), {
        queue: t.queue,
        secretKey,
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'ownerId' } });
    expect(await t.prisma.application.count()).toBe(before);
    const team = await createTeam(t.prisma, { memberIds: [actor.identityId] });
    const { id } = await saveApplication(
      t.prisma,
      actor,
      { ...manual, fulfilmentTeamId: team.id },
      { queue: t.queue, secretKey },
    );
    expect((await t.prisma.application.findUniqueOrThrow({ where: { id } })).fulfilmentTeamId).toBe(team.id);
  });

  it('re-plans everyone in an application when its mapping changes', async () => {
    const actor = await admin();
    const app = ldapApp();
    const { id } = await saveApplication(t.prisma, actor, app, { queue: t.queue, secretKey });
    const again = await saveApplication(
      t.prisma,
      actor,
      { ...app, id, attributeMapping: { cn: '{displayName}', sn: '{lastName}', title: '{title|upper}' } },
      { queue: t.queue, secretKey },
    );
    expect(again.replanning).toBe(true);
    const jobs = await t.prisma.$queryRaw<
      Array<{ data: { applicationId: string } }>
    >`SELECT data FROM pgboss.job WHERE name = 'access.replan'`;
    expect(jobs.map((j) => j.data.applicationId)).toContain(id);
  });

  it('previews a person’s account under draft rules', async () => {
    const zoe = await createIdentity(t.prisma, { firstName: 'Zoë', lastName: "O'Brien", title: 'Analyst' });
    const preview = await previewMapping(t.prisma, {
      identityId: zoe.id,
      connectorType: 'LDAP',
      attributeMapping: { cn: '{firstName} {lastName}', title: '{title|upper}' },
      usernameTemplate: '{firstName|ascii|lower}.{lastName|ascii|lower|nospace}',
    });
    expect(preview).toEqual({
      username: "zoe.o'brien",
      naming: null,
      attributes: { cn: "Zoë O'Brien", title: 'ANALYST' },
    });
    // A name the rule would mangle: the preview shows the fallback's name and says why.
    const rana = await createIdentity(t.prisma, {
      firstName: 'رنا',
      lastName: 'Haddad',
      employeeNumber: 'RH42',
    });
    const fallback = await previewMapping(t.prisma, {
      identityId: rana.id,
      connectorType: 'LDAP',
      attributeMapping: {},
      usernameTemplate: '{firstName|ascii|lower}',
    });
    expect(fallback).toMatchObject({ username: 'rh42', naming: expect.stringContaining('drops "رنا"') });
  });

  it('imports the directory’s groups into the catalog, not requestable until reviewed', async () => {
    const actor = await admin();
    const { id } = await saveApplication(t.prisma, actor, ldapApp(), { queue: t.queue, secretKey });
    await ensureGroup(dir.admin, dir.baseDn, 'imported-one', 'First');
    await ensureGroup(dir.admin, dir.baseDn, 'imported-two', 'Second');
    const first = await aggregateEntitlements(
      t.prisma,
      { applicationId: id, actor },
      { secretKey, queue: t.queue },
    );
    expect(first.discovered).toBeGreaterThanOrEqual(2);
    const again = await aggregateEntitlements(
      t.prisma,
      { applicationId: id, actor },
      { secretKey, queue: t.queue },
    );
    expect(again.discovered).toBe(0);
    const rows = await t.prisma.entitlement.findMany({
      where: { applicationId: id, name: { startsWith: 'imported' } },
    });
    expect(rows.map((r) => r.requestable)).toEqual([false, false]);
  });

  it('edits entitlements and roles, re-planning a role’s holders when it changes', async () => {
    const actor = await admin();
    const { id: applicationId } = await saveApplication(t.prisma, actor, ldapApp(), {
      queue: t.queue,
      secretKey,
    });
    // Groups the directory has: the catalog refuses a target ID its target does not have.
    const aDn = await ensureGroup(dir.admin, dir.baseDn, 'edit-a', 'a');
    const bDn = await ensureGroup(dir.admin, dir.baseDn, 'edit-b', 'b');
    const a = await saveEntitlement(
      t.prisma,
      actor,
      {
        applicationId,
        externalId: aDn,
        name: 'A',
        description: 'a',
        kind: 'GROUP',
        ownerId: null,
        risk: 'LOW',
        requestable: true,
        singleValued: false,
        maxDurationDays: null,
      },
      { secretKey, queue: t.queue },
    );
    const b = await saveEntitlement(
      t.prisma,
      actor,
      {
        applicationId,
        externalId: bDn,
        name: 'B',
        description: 'b',
        kind: 'GROUP',
        ownerId: null,
        risk: 'HIGH',
        requestable: true,
        singleValued: false,
        maxDurationDays: 30,
      },
      { secretKey, queue: t.queue },
    );
    await expect(
      saveEntitlement(
        t.prisma,
        actor,
        {
          applicationId,
          externalId: aDn,
          name: 'dup',
          description: '',
          kind: 'GROUP',
          ownerId: null,
          risk: 'LOW',
          requestable: true,
          singleValued: false,
          maxDurationDays: null,
        },
        { secretKey, queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'externalId' } });
    const role = await saveRole(
      t.prisma,
      actor,
      {
        key: `ops-${applicationId.slice(0, 6)}`,
        name: 'Ops',
        description: '',
        ownerId: null,
        risk: 'MEDIUM',
        requestable: true,
        maxDurationDays: null,
        entitlementIds: [a.id],
      },
      { queue: t.queue },
    );
    const holder = await createIdentity(t.prisma);
    await t.prisma.grant.create({ data: { identityId: holder.id, roleId: role.id, source: 'ADMIN' } });
    await saveRole(
      t.prisma,
      actor,
      {
        id: role.id,
        key: `ops-${applicationId.slice(0, 6)}`,
        name: 'Ops',
        description: '',
        ownerId: null,
        risk: 'MEDIUM',
        requestable: true,
        maxDurationDays: null,
        entitlementIds: [a.id, b.id],
      },
      { queue: t.queue },
    );
    const jobs = await t.prisma.$queryRaw<
      Array<{ data: { identityIds?: string[] } }>
    >`SELECT data FROM pgboss.job WHERE name = 'access.replan'`;
    expect(jobs.some((j) => j.data.identityIds?.includes(holder.id))).toBe(true);
  });
});
