import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorType } from '@/prisma/generated/enums.ts';
import { AppError, httpStatusOf } from '@/server/lib/app-error.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createStatementCounter } from '@/server/testing/count-statements.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { saveEntitlement, type TSaveEntitlement } from './save-entitlement.ts';

/*
 * Target IDs as the run's real slapd compares them: one catalog entry per group, whatever the case
 * or spacing of its DN, and none for a group the directory does not have.
 */
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

async function directoryApp() {
  const app = await createApplication(t.prisma, {
    name: 'Corporate Directory',
    connectorType: 'LDAP',
    config: { ...dir.config },
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
  });
  const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
  const entry = (o: Partial<TSaveEntitlement>): TSaveEntitlement => ({
    applicationId: app.id,
    externalId: '',
    name: 'Payroll',
    description: '',
    kind: 'GROUP',
    ownerId: null,
    risk: 'HIGH',
    requestable: true,
    singleValued: false,
    maxDurationDays: null,
    ...o,
  });
  const save = (o: Partial<TSaveEntitlement>) =>
    saveEntitlement(t.prisma, admin, entry(o), { secretKey, queue: t.queue });
  return { app, save };
}

const countOf = (applicationId: string) => t.prisma.entitlement.count({ where: { applicationId } });

describe('saving an entitlement of an LDAP application', () => {
  it('refuses a second entry for the same group, in other case or with spaces, naming the first', async () => {
    const { app, save } = await directoryApp();
    await ensureGroup(dir.admin, dir.baseDn, 'payroll', 'Payroll');
    const dn = `cn=payroll,ou=groups,${dir.baseDn}`;
    const first = await save({ externalId: dn });
    const upper = `CN=Payroll,OU=groups,${dir.baseDn.toUpperCase()}`;
    const spaced = `cn=payroll, ou=groups, ${dir.baseDn.split(',').join(' , ')}`;
    for (const variant of [upper, spaced]) {
      await expect(
        save({ externalId: variant, name: 'Payroll (read only)', risk: 'LOW' }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: `Corporate Directory already has this entitlement: “Payroll” (target ID ${dn})`,
        details: { field: 'externalId', entitlementId: first.id },
      });
    }
    // Another entry edited onto the same group is refused too; its own DN respelled is not.
    await ensureGroup(dir.admin, dir.baseDn, 'payroll-read', 'Read only');
    const other = await save({ externalId: `cn=payroll-read,ou=groups,${dir.baseDn}`, name: 'Read' });
    await expect(save({ id: other.id, externalId: upper, name: 'Read' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { entitlementId: first.id },
    });
    await save({ id: first.id, externalId: upper });
    expect(await countOf(app.id)).toBe(2);
  });

  it('asks the database for the one possible twin by its stored key, not for every entry of the application', async () => {
    const { app, save } = await directoryApp();
    const groups = `ou=groups,${dir.baseDn}`;
    // Entries from before the key (the factory writes none), one of them the payroll group in capitals.
    for (let i = 0; i < 20; i++)
      await createEntitlement(t.prisma, app.id, { externalId: `cn=team-${i},${groups}`, name: `Team ${i}` });
    const legacy = await createEntitlement(t.prisma, app.id, {
      externalId: `CN=Payroll,OU=groups,${dir.baseDn}`,
      name: 'Payroll (old)',
    });
    const payroll = await ensureGroup(dir.admin, dir.baseDn, 'payroll', 'Payroll');
    // Unkeyed, the legacy twin is still found (a refused save keys nothing: its transaction is undone).
    await expect(save({ externalId: payroll })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { entitlementId: legacy.id },
    });
    // The first save that commits keys every unkeyed row, once.
    const audit = await ensureGroup(dir.admin, dir.baseDn, 'auditors', 'Auditors');
    await save({ externalId: audit, name: 'Auditors' });
    expect(await t.prisma.entitlement.count({ where: { applicationId: app.id, targetKey: null } })).toBe(0);

    // Keyed, a save reads the rows of its key only: the query says so, and finds the twin by it.
    const counter = createStatementCounter(t.url);
    try {
      const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
      const { result, texts } = await counter.count((db) =>
        saveEntitlement(
          db,
          admin,
          {
            applicationId: app.id,
            externalId: ` cn = PAYROLL , ${groups}`,
            name: 'Payroll',
            description: '',
            kind: 'GROUP',
            ownerId: null,
            risk: 'HIGH',
            requestable: true,
            singleValued: false,
            maxDurationDays: null,
          },
          { secretKey, queue: t.queue },
        ).then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(result).toMatchObject({ code: 'CONFLICT', details: { entitlementId: legacy.id } });
      const reads = texts.filter((q) => /^SELECT .* FROM "public"\."Entitlement" WHERE/s.test(q));
      expect(reads.length).toBeGreaterThan(0);
      for (const q of reads) expect(q).toMatch(/"targetKey" = \$\d+|"Entitlement"\."id" = \$\d+/);
    } finally {
      await counter.close();
    }

    // A writer that changes the target ID without the key leaves the row unkeyed, never stale.
    await t.prisma.entitlement.update({
      where: { id: legacy.id },
      data: { externalId: `cn=team-0-old,${groups}` },
    });
    expect((await t.prisma.entitlement.findUniqueOrThrow({ where: { id: legacy.id } })).targetKey).toBeNull();
    const saved = await save({ externalId: payroll });
    expect((await t.prisma.entitlement.findUniqueOrThrow({ where: { id: saved.id } })).targetKey).toBe(
      payroll.toLowerCase(),
    );
    expect((await t.prisma.entitlement.findUniqueOrThrow({ where: { id: legacy.id } })).targetKey).toBe(
      `cn=team-0-old,${groups}`.toLowerCase(),
    );
  });

  it('saves one of two spellings of a group saved at once', async () => {
    const { app, save } = await directoryApp();
    await ensureGroup(dir.admin, dir.baseDn, 'treasury', 'Treasury');
    const results = await Promise.allSettled([
      save({ externalId: `cn=treasury,ou=groups,${dir.baseDn}`, name: 'Treasury' }),
      save({ externalId: `CN=Treasury, OU=groups,${dir.baseDn}`, name: 'Treasury (low)', risk: 'LOW' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await countOf(app.id)).toBe(1);
  });

  it('refuses a group the directory does not have, and a DN outside its groups', async () => {
    const { app, save } = await directoryApp();
    const ghost = `cn=ghost-${crypto.randomUUID().slice(0, 8)},ou=groups,${dir.baseDn}`;
    await expect(save({ externalId: ghost })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `Corporate Directory has no entitlement ${ghost}`,
      details: { field: 'externalId' },
    });
    // A person's entry exists, but is no group; nor is a DN that does not parse.
    await expect(save({ externalId: `ou=people,${dir.baseDn}` })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(save({ externalId: 'not a dn' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await countOf(app.id)).toBe(0);
  });

  it('refuses, saying so, when the directory cannot be asked', async () => {
    const app = await createApplication(t.prisma, {
      name: 'Branch Directory',
      connectorType: 'LDAP',
      config: { ...dir.config, url: 'ldap://127.0.0.1:1' },
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const dn = `cn=payroll,ou=groups,${dir.baseDn}`;
    await expect(
      saveEntitlement(
        t.prisma,
        admin,
        {
          applicationId: app.id,
          externalId: dn,
          name: 'Payroll',
          description: '',
          kind: 'GROUP',
          ownerId: null,
          risk: 'HIGH',
          requestable: true,
          singleValued: false,
          maxDurationDays: null,
        },
        { secretKey, queue: t.queue },
      ),
    ).rejects.toMatchObject({
      code: 'TARGET_UNAVAILABLE',
      message: expect.stringMatching(/^Branch Directory could not be asked whether it has cn=payroll/),
    });
    expect(await countOf(app.id)).toBe(0);
  });
});

/*
 * Settings that are broken or incomplete are the administrator's to fix, not an outage to wait out:
 * 412 naming the setting; 503 only when a target that could be asked does not answer.
 */
describe('saving an entitlement when the application cannot be reached as set up', () => {
  async function saveIn(o: {
    connectorType: ConnectorType;
    config: object;
    secrets?: Record<string, string>;
    externalId?: string;
  }) {
    const app = await createApplication(t.prisma, {
      name: `${o.connectorType} app`,
      connectorType: o.connectorType,
      config: o.config,
      secrets: o.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const admin = await t.actor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);
    const error = await saveEntitlement(
      t.prisma,
      admin,
      {
        applicationId: app.id,
        externalId: o.externalId ?? 'finance-approvers',
        name: 'Finance approvers',
        description: '',
        kind: 'GROUP',
        ownerId: null,
        risk: 'LOW',
        requestable: true,
        singleValued: false,
        maxDurationDays: null,
      },
      { secretKey, queue: t.queue },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(await countOf(app.id)).toBe(0);
    const refused = error as AppError;
    return { code: refused.code, status: httpStatusOf(refused), message: refused.message };
  }

  it('answers 412 naming the broken SCIM setting, not 503', async () => {
    expect(
      await saveIn({ connectorType: 'SCIM', config: { baseUrl: 'not a url', auth: { type: 'bearer' } } }),
    ).toMatchObject({
      code: 'PRECONDITION_FAILED',
      status: 412,
      message: expect.stringMatching(
        /^SCIM app's connection settings need fixing before its entitlements can be saved: invalid SCIM settings: baseUrl: /,
      ),
    });
  });

  it('answers 412 naming the missing Salesforce settings, not 503', async () => {
    const refused = await saveIn({ connectorType: 'SALESFORCE', config: {} });
    expect(refused).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    expect(refused.message).toMatch(/invalid SALESFORCE settings: .*auth: .*defaultProfileId: /);
  });

  it('answers 412 when the directory refuses the configured bind, 503 when it does not answer', async () => {
    const externalId = `cn=payroll,ou=groups,${dir.baseDn}`;
    expect(
      await saveIn({
        connectorType: 'LDAP',
        config: { ...dir.config },
        secrets: { bindPassword: 'not the password' },
        externalId,
      }),
    ).toMatchObject({ code: 'PRECONDITION_FAILED', status: 412 });
    expect(
      await saveIn({
        connectorType: 'LDAP',
        config: { ...dir.config, url: 'ldap://127.0.0.1:1' },
        secrets: dir.secrets,
        externalId,
      }),
    ).toMatchObject({ code: 'TARGET_UNAVAILABLE', status: 503 });
  });
});
