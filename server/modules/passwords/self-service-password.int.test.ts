import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withClient } from '@/server/seed/directory-setup.ts';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { canBind } from '@/server/testing/ldap-fixtures.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';

let t: TTestContext;
let dir: TTestDirectory;
let app: { id: string; name: string };
/** Every password this file types: none may reach a log, the audit trail, a job or an error. */
const typed = new Set<string>();
const logged: string[] = [];

/** A ppolicy entry of this test's own, as a directory administrator would write one. */
async function addPolicy(cn: string, rules: Record<string, string>) {
  const dn = `cn=${cn},${dir.baseDn}`;
  await withClient(dir.admin, (c) =>
    c.add(dn, { objectClass: ['top', 'device', 'pwdPolicy'], cn, pwdAttribute: 'userPassword', ...rules }),
  );
  return dn;
}

/** A person with an account in the test directory, its password set by the administrator. */
async function personWithAccount(
  uid: string,
  password: string,
  policyDn: string,
  roles: Array<'IDENTITY_ADMIN' | 'AUDITOR'> = [],
) {
  typed.add(password);
  const dn = `uid=${uid},ou=people,${dir.baseDn}`;
  await withClient(dir.admin, (c) =>
    c.add(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
      uid,
      cn: uid,
      sn: uid,
      userPassword: password,
      pwdPolicySubentry: policyDn,
    }),
  );
  const person = await createIdentity(t.prisma, { username: uid, portalRoles: roles });
  await t.prisma.account.create({
    data: { applicationId: app.id, identityId: person.id, username: uid, nativeId: dn, status: 'ACTIVE' },
  });
  return { id: person.id, dn };
}

const pw = (p: string) => (typed.add(p), p);
const readReset = async (dn: string) => (await dir.readEntry(dn, ['pwdReset']))?.pwdReset?.[0] ?? null;

let strictPolicy: string;
let laxPolicy: string;

beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  app = await createApplication(t.prisma, {
    name: 'Test Directory',
    config: dir.config,
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
  });
  strictPolicy = await addPolicy('strict', {
    pwdCheckQuality: '1',
    pwdMinLength: '10',
    pwdInHistory: '3',
    pwdMustChange: 'TRUE',
  });
  laxPolicy = await addPolicy('lax', { pwdLockout: 'TRUE' });
  for (const level of ['log', 'info', 'warn', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void logged.push(args.map(String).join(' ')),
    );
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

/** Nothing Gatehouse keeps or says holds a password typed here. */
async function expectNoPasswordKept() {
  const kept = JSON.stringify(
    await t.prisma.auditEvent.findMany({
      select: { before: true, after: true, metadata: true, entityId: true },
    }),
  );
  const jobs = JSON.stringify(await t.prisma.$queryRaw`SELECT data FROM pgboss.job`);
  for (const p of typed) {
    expect(kept).not.toContain(p);
    expect(jobs).not.toContain(p);
    expect(logged.join('\n')).not.toContain(p);
  }
}

describe('self-service password against a real slapd (ppolicy)', () => {
  it('shows the directory’s own rules for the account', async () => {
    const ana = await personWithAccount('ana', 'ana-initial-1', strictPolicy);
    const rules = await (await t.callerFor(ana.id)).access.passwordPolicy({ applicationId: app.id });
    expect(rules).toEqual({
      application: { id: app.id, name: 'Test Directory' },
      username: 'ana',
      policy: {
        minLength: 10,
        maxLength: null,
        history: 3,
        minAgeSeconds: null,
        maxAgeSeconds: null,
        allowsUserChange: true,
        mustChangeAfterReset: true,
      },
    });
    expect(await (await t.callerFor(ana.id)).access.passwordAccounts()).toEqual([
      {
        application: { id: app.id, name: 'Test Directory' },
        username: 'ana',
        canSetPassword: true,
        canForceReset: true,
      },
    ]);
  });

  it('sets the new password in the directory, hashed there: the new one signs in, the old one no longer does; audited without it', async () => {
    const ben = await personWithAccount('ben', 'ben-initial-1', strictPolicy);
    const result = await (
      await t.callerFor(ben.id)
    ).access.setPassword({
      applicationId: app.id,
      currentPassword: 'ben-initial-1',
      newPassword: pw('Ben-brand-new-2'),
    });
    expect(result).toEqual({ changed: true });
    expect(await canBind(dir.config.url, ben.dn, 'Ben-brand-new-2')).toBe(true);
    expect(await canBind(dir.config.url, ben.dn, 'ben-initial-1')).toBe(false);
    const stored = (await dir.readEntry(ben.dn, ['userPassword']))?.userPassword?.[0] ?? '';
    expect(stored).toMatch(/^\{[A-Z0-9-]+\}/);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'identity.password_changed', subjectId: ben.id },
    });
    expect(event).toMatchObject({
      actorId: ben.id,
      metadata: { application: 'Test Directory', username: 'ben', applicationId: app.id },
    });
    await expectNoPasswordKept();
  });

  it('passes the directory’s refusal on as a clear error naming the rule, and changes nothing', async () => {
    const cleo = await personWithAccount('cleo', 'cleo-initial-1', strictPolicy);
    const cleoCaller = await t.callerFor(cleo.id);
    await expect(
      cleoCaller.access.setPassword({
        applicationId: app.id,
        currentPassword: 'cleo-initial-1',
        newPassword: pw('short1'),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at least 10 characters'),
    });
    // The history: the current password is among the last three.
    await expect(
      cleoCaller.access.setPassword({
        applicationId: app.id,
        currentPassword: 'cleo-initial-1',
        newPassword: 'cleo-initial-1',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/current password|last 3 passwords/),
    });
    await expect(
      cleoCaller.access.setPassword({
        applicationId: app.id,
        currentPassword: pw('not-her-password'),
        newPassword: pw('Cleo-long-enough-2'),
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The directory did not accept your current password.',
    });
    expect(await canBind(dir.config.url, cleo.dn, 'cleo-initial-1')).toBe(true);
    const refusals = await t.prisma.auditEvent.findMany({
      where: { action: 'identity.password_change_refused', subjectId: cleo.id },
      orderBy: { id: 'asc' },
    });
    expect(refusals.map((r) => (r.metadata as { cause: string }).cause)).toEqual([
      'POLICY',
      'POLICY',
      'CURRENT_PASSWORD',
    ]);
    expect(
      await t.prisma.auditEvent.count({ where: { action: 'identity.password_changed', subjectId: cleo.id } }),
    ).toBe(0);
    await expectNoPasswordKept();
  });

  it('reaches only the caller’s own account: another person’s stays as it is', async () => {
    const dora = await personWithAccount('dora', 'dora-initial-1', strictPolicy);
    const outsider = await createIdentity(t.prisma);
    await expect(
      (await t.callerFor(outsider.id)).access.setPassword({
        applicationId: app.id,
        currentPassword: 'dora-initial-1',
        newPassword: pw('Taken-over-123'),
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      (await t.callerFor(outsider.id)).access.passwordPolicy({ applicationId: app.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Someone with an account of their own who knows Dora's password still only reaches their own.
    const eli = await personWithAccount('eli', 'eli-initial-1', strictPolicy);
    await expect(
      (await t.callerFor(eli.id)).access.setPassword({
        applicationId: app.id,
        currentPassword: 'dora-initial-1',
        newPassword: pw('Taken-over-123'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await canBind(dir.config.url, dora.dn, 'dora-initial-1')).toBe(true);
    expect(await canBind(dir.config.url, eli.dn, 'eli-initial-1')).toBe(true);
  });

  it('says clearly that an application without the capability cannot, and does not offer it', async () => {
    const manual = await createApplication(t.prisma, { name: 'Paper Ledger', connectorType: 'MANUAL' });
    const fay = await personWithAccount('fay', 'fay-initial-1', strictPolicy);
    await t.prisma.account.create({
      data: {
        applicationId: manual.id,
        identityId: fay.id,
        username: 'fay',
        nativeId: 'fay',
        status: 'ACTIVE',
      },
    });
    await expect(
      (await t.callerFor(fay.id)).access.setPassword({
        applicationId: manual.id,
        currentPassword: 'x',
        newPassword: 'y',
      }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Paper Ledger does not support setting passwords from Gatehouse',
    });
    expect(
      (await (await t.callerFor(fay.id)).access.passwordAccounts()).map((a) => a.application.name),
    ).toEqual(['Test Directory']);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    await expect(
      (await t.callerFor(admin.id)).directory.forcePasswordReset({
        identityId: fay.id,
        applicationId: manual.id,
        reason: 'Leaked',
      }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: 'Paper Ledger does not support forcing a password reset from Gatehouse',
    });
  });

  it('refuses a caller’s mistakes before anything reaches the directory: empty, over-long, NUL', async () => {
    const gus = await personWithAccount('gus', 'gus-initial-1', strictPolicy);
    const gusCaller = await t.callerFor(gus.id);
    for (const newPassword of ['', 'x'.repeat(257), 'nul\u0000inside']) {
      await expect(
        gusCaller.access.setPassword({
          applicationId: app.id,
          currentPassword: 'gus-initial-1',
          newPassword,
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await canBind(dir.config.url, gus.dn, 'gus-initial-1')).toBe(true);
    expect(
      await t.prisma.auditEvent.count({
        where: { subjectId: gus.id, action: { startsWith: 'identity.password' } },
      }),
    ).toBe(0);
  });

  it('pauses a person after five tries in a quarter of an hour, even with the right password', async () => {
    const hal = await personWithAccount('hal', 'hal-initial-1', strictPolicy);
    const halCaller = await t.callerFor(hal.id);
    for (let i = 0; i < 5; i++) {
      await expect(
        halCaller.access.setPassword({
          applicationId: app.id,
          currentPassword: pw(`guess-${i}`),
          newPassword: pw('Hal-new-password-1'),
        }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(
      halCaller.access.setPassword({
        applicationId: app.id,
        currentPassword: 'hal-initial-1',
        newPassword: 'Hal-new-password-1',
      }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('Too many password changes'),
    });
    expect(await canBind(dir.config.url, hal.dn, 'hal-initial-1')).toBe(true);
    const last = await t.prisma.auditEvent.findFirstOrThrow({
      where: { subjectId: hal.id, action: 'identity.password_change_refused' },
      orderBy: { id: 'desc' },
    });
    expect(last.metadata).toMatchObject({ cause: 'RATE_LIMITED' });
  });

  it('lets the identity team force a reset at next sign-in (pwdReset), with a reason; the person then sets a new one themselves', async () => {
    const ida = await personWithAccount('ida', 'ida-initial-1', strictPolicy);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const auditor = await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] });
    await expect(
      (await t.callerFor(auditor.id)).directory.forcePasswordReset({
        identityId: ida.id,
        applicationId: app.id,
        reason: 'Leaked',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      (await t.callerFor(admin.id)).directory.forcePasswordReset({
        identityId: ida.id,
        applicationId: app.id,
        reason: '  ',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await readReset(ida.dn)).toBeNull();

    const adminCaller = await t.callerFor(admin.id);
    expect(
      (await adminCaller.directory.passwordAccounts({ identityId: ida.id })).map((a) => a.canForceReset),
    ).toEqual([true]);
    expect(
      await adminCaller.directory.forcePasswordReset({
        identityId: ida.id,
        applicationId: app.id,
        reason: 'Seen in a phishing report',
      }),
    ).toEqual({ outcome: 'applied' });
    expect(await readReset(ida.dn)).toBe('TRUE');
    expect(
      await adminCaller.directory.forcePasswordReset({
        identityId: ida.id,
        applicationId: app.id,
        reason: 'Again',
      }),
    ).toEqual({ outcome: 'noop' });
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'identity.password_reset_forced', subjectId: ida.id },
      orderBy: { id: 'asc' },
    });
    expect(event).toMatchObject({
      actorId: admin.id,
      metadata: {
        reason: 'Seen in a phishing report',
        outcome: 'applied',
        application: 'Test Directory',
        username: 'ida',
      },
    });

    // Her current password now lets her do nothing but choose a new one, which clears the flag.
    await (
      await t.callerFor(ida.id)
    ).access.setPassword({
      applicationId: app.id,
      currentPassword: 'ida-initial-1',
      newPassword: pw('Ida-chose-this-1'),
    });
    expect(await readReset(ida.dn)).toBeNull();
    expect(await canBind(dir.config.url, ida.dn, 'Ida-chose-this-1')).toBe(true);
    await expectNoPasswordKept();
  });

  it('refuses a forced reset where the directory’s policy would ignore it, and on oneself', async () => {
    const jo = await personWithAccount('jo', 'jo-initial-1', laxPolicy);
    const admin = await personWithAccount('kim', 'kim-initial-1', strictPolicy, ['IDENTITY_ADMIN']);
    const adminCaller = await t.callerFor(admin.id);
    await expect(
      adminCaller.directory.forcePasswordReset({
        identityId: jo.id,
        applicationId: app.id,
        reason: 'Leaked',
      }),
    ).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('without pwdMustChange: TRUE'),
    });
    expect(await readReset(jo.dn)).toBeNull();
    await expect(
      adminCaller.directory.forcePasswordReset({
        identityId: admin.id,
        applicationId: app.id,
        reason: 'Mine',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await readReset(admin.dn)).toBeNull();
  });
});
