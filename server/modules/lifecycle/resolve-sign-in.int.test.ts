import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSourceRecords } from './ingest-source-records.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { parseRoleGroups } from '@/server/auth/portal-role-groups.ts';
import { JIT_SOURCE, resolveSignIn, signedInIdentity, type TSignInOptions } from './resolve-sign-in.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const ISSUER = 'https://idp.example.test';
const options: TSignInOptions = {
  jit: true,
  usernameClaim: 'preferred_username',
  employeeNumberClaim: 'employee_id',
};
const signIn = (
  subject: string,
  email: string | null,
  claims: Record<string, unknown> = {},
  o: Partial<TSignInOptions> = {},
) =>
  resolveSignIn(
    t.prisma,
    { provider: 'oidc', subject, email, claims: { iss: ISSUER, sub: subject, email, ...claims } },
    { ...options, ...o },
    { queue: t.queue },
  );

describe('OIDC sign-in with just-in-time identities', () => {
  it('creates an unknown person from the claims, then knows them by their subject', async () => {
    const first = await signIn('sub-jit-1', 'Nia.Jit@Example.test', {
      given_name: 'Nia',
      family_name: 'Jit',
      name: 'Nia Jit',
      preferred_username: 'nia.jit@example.test',
      employee_id: 'J-1',
    });
    expect(first).not.toBeNull();
    const person = await t.prisma.identity.findUniqueOrThrow({ where: { id: first!.id } });
    expect(person).toMatchObject({
      origin: 'JIT',
      email: 'nia.jit@example.test',
      username: 'nia.jit',
      firstName: 'Nia',
      lastName: 'Jit',
      displayName: 'Nia Jit',
      employeeNumber: 'J-1',
      status: 'ACTIVE',
    });
    const source = await t.prisma.identitySource.findUniqueOrThrow({ where: { key: JIT_SOURCE.key } });
    expect(source.precedence).toBe(1000);
    // The IdP changes the email: the subject still finds the same person.
    expect(await signIn('sub-jit-1', 'nia.renamed@example.test')).toEqual(first);
    expect(await t.prisma.identity.count({ where: { origin: 'JIT' } })).toBe(1);
    // The session token finds the accepted sign-in by its link, and nothing for a stranger.
    const claims = (subject: string) => ({
      provider: 'oidc',
      subject,
      email: null,
      claims: { iss: ISSUER, sub: subject },
    });
    expect(await signedInIdentity(t.prisma, claims('sub-jit-1'))).toEqual(first);
    expect(await signedInIdentity(t.prisma, claims('sub-never-seen'))).toBeNull();
  });

  it('matches a known person by email and links the subject, without overriding what HR says', async () => {
    const known = await createIdentity(t.prisma, {
      email: 'kim.known@acme.test',
      firstName: 'Kim',
      lastName: 'Known',
    });
    const resolved = await signIn('sub-known', 'KIM.KNOWN@acme.test', { given_name: 'Kimberly' });
    expect(resolved).toEqual({ id: known.id, sessionVersion: 0 });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: known.id } })).toMatchObject({
      firstName: 'Kim',
      origin: 'SEED',
    });
    await t.prisma.identity.update({ where: { id: known.id }, data: { email: 'kim.k@acme.test' } });
    expect((await signIn('sub-known', 'old@acme.test'))?.id).toBe(known.id);
  });

  it('is then correlated by HR, whose attributes win over the token’s', async () => {
    const jit = await signIn('sub-hr', 'omar.hr@acme.test', { given_name: 'Om', family_name: 'Token' });
    const hr = await t.prisma.identitySource.create({
      data: { key: 'hr-jit-test', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    });
    const [outcome] = await ingestSourceRecords(
      t.prisma,
      { id: hr.id, origin: 'HR_CSV' },
      [
        {
          externalId: 'E-77',
          employeeNumber: 'E-77',
          email: 'omar.hr@acme.test',
          firstName: 'Omar',
          lastName: 'Haddad',
          department: 'Finance',
        },
      ],
      { queue: t.queue },
    );
    expect(outcome?.identityId).toBe(jit!.id);
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id: jit!.id } })).toMatchObject({
      firstName: 'Omar',
      lastName: 'Haddad',
      department: 'Finance',
      employeeNumber: 'E-77',
    });
    expect((await signIn('sub-hr', 'omar.hr@acme.test', { given_name: 'Om' }))?.id).toBe(jit!.id);
  });

  it('signs in nobody when JIT is off, the email is unverified, or the person has left', async () => {
    expect(await signIn('sub-off', 'nobody@acme.test', {}, { jit: false })).toBeNull();
    expect(await t.prisma.identity.count({ where: { email: 'nobody@acme.test' } })).toBe(0);
    const victim = await createIdentity(t.prisma, { email: 'victim@acme.test' });
    expect(await signIn('sub-attacker', 'victim@acme.test', { email_verified: false })).toBeNull();
    expect(await signIn('sub-no-email', null)).toBeNull();
    const leaver = await createIdentity(t.prisma, { email: 'leaver@acme.test', status: 'TERMINATED' });
    expect(await signIn('sub-leaver', 'leaver@acme.test')).toBeNull();
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: leaver.id } })).status).toBe(
      'TERMINATED',
    );
    const linked = await signIn('sub-victim', 'victim@acme.test');
    expect(linked?.id).toBe(victim.id);
    await t.prisma.identity.update({ where: { id: victim.id }, data: { status: 'TERMINATED' } });
    expect(await signIn('sub-victim', 'victim@acme.test')).toBeNull();
  });

  it('signs in nobody who may not act: a suspended person or a pre-hire, known by email or by subject', async () => {
    const suspended = await createIdentity(t.prisma, { email: 'sus@acme.test', status: 'SUSPENDED' });
    expect(await signIn('sub-sus', 'sus@acme.test')).toBeNull();
    const prehire = await createIdentity(t.prisma, { email: 'pre@acme.test', status: 'PREHIRE' });
    expect(await signIn('sub-pre', 'pre@acme.test')).toBeNull();
    const worker = await createIdentity(t.prisma, { email: 'worker@acme.test' });
    expect((await signIn('sub-worker', 'worker@acme.test'))?.id).toBe(worker.id);
    await t.prisma.identity.update({ where: { id: worker.id }, data: { status: 'SUSPENDED' } });
    expect(await signIn('sub-worker', 'worker@acme.test')).toBeNull();
    expect(
      await signedInIdentity(t.prisma, {
        provider: 'oidc',
        subject: 'sub-worker',
        email: 'worker@acme.test',
        claims: { iss: ISSUER },
      }),
    ).toBeNull();
    expect(
      (
        await t.prisma.identity.findMany({
          where: { id: { in: [suspended.id, prehire.id] } },
          select: { status: true },
          orderBy: { status: 'asc' },
        })
      ).map((p) => p.status),
    ).toEqual(['PREHIRE', 'SUSPENDED']);
    // A refused sign-in writes nothing: no link of the IdP's subject to the person.
    expect(
      await t.prisma.sourceRecord.count({ where: { identityId: { in: [suspended.id, prehire.id] } } }),
    ).toBe(0);
  });

  it('gives and takes the portal roles the IdP groups decide, and leaves the others alone', async () => {
    const roleGroups = parseRoleGroups('IDENTITY_ADMIN=idm-team;AUDITOR=internal-audit,sox');
    const person = await createIdentity(t.prisma, {
      email: 'rhea@acme.test',
      portalRoles: ['SECURITY_OFFICER'],
    });
    const roles = async () =>
      (
        await t.prisma.identityPortalRole.findMany({
          where: { identityId: person.id },
          orderBy: { role: 'asc' },
        })
      ).map((r) => r.role);

    await signIn(
      'rhea-sub',
      'rhea@acme.test',
      { email_verified: true, groups: ['sox', 'everyone'] },
      { roleGroups },
    );
    expect(await roles()).toEqual(['AUDITOR', 'SECURITY_OFFICER']);
    await signIn('rhea-sub', 'rhea@acme.test', { groups: ['idm-team'] }, { roleGroups });
    expect(await roles()).toEqual(['IDENTITY_ADMIN', 'SECURITY_OFFICER']);
    await signIn('rhea-sub', 'rhea@acme.test', { groups: [] }, { roleGroups });
    expect(await roles()).toEqual(['SECURITY_OFFICER']);
    // Without a mapping, sign-in leaves roles to Gatehouse.
    await t.prisma.identityPortalRole.create({ data: { identityId: person.id, role: 'AUDITOR' } });
    await signIn('rhea-sub', 'rhea@acme.test', { groups: [] });
    expect(await roles()).toEqual(['AUDITOR', 'SECURITY_OFFICER']);

    const audit = await t.prisma.auditEvent.findMany({
      where: { action: 'identity.portal_roles_synced', entityId: person.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((a) => a.metadata)).toEqual([
      { added: ['AUDITOR'], removed: [], from: 'OIDC groups' },
      { added: ['IDENTITY_ADMIN'], removed: ['AUDITOR'], from: 'OIDC groups' },
      { added: [], removed: ['IDENTITY_ADMIN'], from: 'OIDC groups' },
    ]);
  });
});
