import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/**
 * The mass-change guard on attribute-mapping edits (docs/decisions/065): 12 people hold an account
 * in an LDAP application and one more (the admin) has none, so the organisation is 13 people and
 * the default guard (10%, from 10 people) holds an edit that rewrites all 12 accounts, not one that
 * rewrites 2.
 */
let t: TTestContext;
let adminId: string;
let employeeId: string;
let app: { id: string; key: string; name: string };
const config = { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x,dc=x', baseDn: 'dc=x' };

beforeAll(async () => {
  t = await createTestContext();
  adminId = (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id;
  app = await createApplication(t.prisma, { config });
  for (let i = 0; i < 12; i++) {
    const person = await createIdentity(t.prisma, { costCenter: i < 2 ? 'CC-7' : null });
    if (i === 0) employeeId = person.id;
    await t.prisma.account.create({
      data: { applicationId: app.id, identityId: person.id, username: person.username },
    });
  }
  // A leaver's account is no one's access to take: not counted.
  const leaver = await createIdentity(t.prisma, { status: 'TERMINATED' });
  await t.prisma.account.create({
    data: { applicationId: app.id, identityId: leaver.id, username: leaver.username, status: 'DISABLED' },
  });
});
afterAll(async () => {
  await t?.close();
});

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const save = (attributeMapping: Record<string, string>) => ({
  id: app.id,
  key: app.key,
  name: app.name,
  description: '',
  connectorType: 'LDAP' as const,
  config,
  onDelete: 'DISABLE' as const,
  onDeleteAttributes: {},
  attributeMapping,
  accountRules: {},
  concurrency: 4,
  enabled: true,
  ownerId: null,
  fulfilmentTeamId: null,
});
const storedMapping = async () =>
  (
    await t.prisma.application.findUniqueOrThrow({
      where: { id: app.id },
      select: { attributeMapping: true },
    })
  ).attributeMapping;

describe('the mass-change guard on attribute-mapping edits', () => {
  const narrow = { cn: '{displayName}', mail: '{email}' };

  it('previews whose accounts a mapping rewrites; only the identity team may ask', async () => {
    const admin = await t.callerFor(adminId);
    const preview = await admin.applications.previewMappingChange({ id: app.id, attributeMapping: narrow });
    expect(preview).toMatchObject({
      accounts: 12,
      changed: 12,
      emptied: 12,
      massChange: { affected: 12, population: 13, isHeld: true },
    });
    expect(preview.sample).toHaveLength(5);
    expect(await admin.applications.previewMappingChange({ id: app.id, attributeMapping: {} })).toMatchObject(
      { changed: 0, massChange: { isHeld: false } },
    );
    const employee = await t.callerFor(employeeId);
    expect(
      (await errorOf(employee.applications.previewMappingChange({ id: app.id, attributeMapping: narrow })))
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await errorOf(
          admin.applications.previewMappingChange({ id: crypto.randomUUID(), attributeMapping: narrow }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
  });

  it('refuses a save that rewrites more than the share unless confirmed with a reason; then saves and audits it', async () => {
    const admin = await t.callerFor(adminId);
    const refused = await errorOf(admin.applications.save(save(narrow)));
    expect(refused?.code).toBe('PRECONDITION_FAILED');
    expect(refused?.message).toBe(
      'This would change the accounts of 12 of 13 people (92.3%). Confirm to apply.',
    );
    expect(
      (
        await errorOf(
          admin.applications.save({ ...save(narrow), confirmMassChange: { confirm: true, reason: 'no' } }),
        )
      )?.code,
    ).toBe('BAD_REQUEST');
    expect(await storedMapping()).toEqual({});
    expect(await t.prisma.auditEvent.count({ where: { entityId: app.id } })).toBe(0);

    expect(
      await admin.applications.save({
        ...save(narrow),
        confirmMassChange: { confirm: true, reason: 'The directory takes only cn and mail now' },
      }),
    ).toEqual({ id: app.id, replanning: true });
    expect(await storedMapping()).toEqual({ attributes: narrow });
    const confirmed = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'application.mass_change_confirmed', entityId: app.id },
    });
    expect(confirmed).toMatchObject({
      actorId: adminId,
      after: {
        affected: 12,
        population: 13,
        percent: 92.3,
        reason: 'The directory takes only cn and mail now',
      },
    });
  });

  it('saves an edit that rewrites a few accounts without asking', async () => {
    const admin = await t.callerFor(adminId);
    const withCostCentre = { ...narrow, departmentNumber: '{costCenter}' };
    expect(
      await admin.applications.previewMappingChange({ id: app.id, attributeMapping: withCostCentre }),
    ).toMatchObject({ changed: 2, emptied: 0, massChange: { isHeld: false } });
    expect(await admin.applications.save(save(withCostCentre))).toEqual({ id: app.id, replanning: true });
    expect(await storedMapping()).toEqual({ attributes: withCostCentre });
    expect(await t.prisma.auditEvent.count({ where: { action: 'application.mass_change_confirmed' } })).toBe(
      1,
    );
  });
});
