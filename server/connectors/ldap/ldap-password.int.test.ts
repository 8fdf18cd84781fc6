import crypto from 'node:crypto';
import { inject } from 'vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { withClient } from '@/server/seed/directory-setup.ts';
import {
  canBind,
  connectorFor,
  readValues,
  subtree,
  type TLdapFixture,
} from '@/server/testing/ldap-fixtures.ts';
import { isPasswordRefused } from '../sdk/password.ts';
import type { LdapConnector } from './ldap-connector.ts';

const ldap = inject('ldap');
const opened: LdapConnector[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
});

async function fixture(): Promise<{
  f: TLdapFixture;
  policyDn: string;
  account: (uid: string, password: string, withPolicy?: boolean) => Promise<string>;
}> {
  const admin = { url: ldap.url, bindDn: ldap.rootDn, bindPassword: ldap.rootPassword };
  const f = await subtree(admin, ldap.suffix, `pw-${crypto.randomBytes(3).toString('hex')}`);
  const policyDn = `cn=policy,${f.baseDn}`;
  await withClient(admin, (c) =>
    c.add(policyDn, {
      objectClass: ['top', 'device', 'pwdPolicy'],
      cn: 'policy',
      pwdAttribute: 'userPassword',
      pwdCheckQuality: '1',
      pwdMinLength: '12',
      pwdMaxLength: '20',
      pwdMinAge: '0',
      pwdMaxAge: '7776000',
      pwdMustChange: 'TRUE',
    }),
  );
  const account = async (uid: string, password: string, withPolicy = true) => {
    const dn = `uid=${uid},ou=people,${f.baseDn}`;
    await withClient(admin, (c) =>
      c.add(dn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
        uid,
        cn: uid,
        sn: uid,
        userPassword: password,
        ...(withPolicy ? { pwdPolicySubentry: policyDn } : {}),
      }),
    );
    return dn;
  };
  return { f, policyDn, account };
}

const open = (c: LdapConnector) => (opened.push(c), c);

describe('LDAP passwords (ppolicy)', () => {
  it('reads the policy from the account’s pwdPolicySubentry, or the configured one', async () => {
    const { f, policyDn, account } = await fixture();
    const dn = await account('reader', 'reader-pass-1');
    const policy = await open(connectorFor(f)).readPasswordPolicy({ nativeId: dn, username: 'reader' });
    expect(policy).toEqual({
      source: policyDn,
      minLength: 12,
      maxLength: 20,
      history: null,
      minAgeSeconds: null,
      maxAgeSeconds: 7_776_000,
      allowsUserChange: true,
      mustChangeAfterReset: true,
    });
    // An account naming no policy falls back to the setting (or to what the directory says applies).
    const other = await account('other', 'other-pass-1', false);
    const configured = await open(connectorFor(f, { passwordPolicyDn: policyDn })).readPasswordPolicy({
      nativeId: other,
      username: 'other',
    });
    expect(configured?.minLength).toBe(12);
  });

  it('names the length rule both ways, though slapd says only “fails quality checking”', async () => {
    const { f, account } = await fixture();
    const dn = await account('len', 'len-initial-pass');
    const connector = open(connectorFor(f));
    for (const [next, words] of [
      ['short-one', 'at least 12 characters'],
      ['much-too-long-for-the-rule', 'at most 20 characters'],
    ] as const) {
      const error = await connector
        .setPassword({ nativeId: dn, username: 'len' }, next, { currentPassword: 'len-initial-pass' })
        .catch((e: unknown) => e);
      expect(isPasswordRefused(error) && error.refusal).toBe('policy');
      expect((error as Error).message).toContain(words);
    }
    expect(await canBind(ldap.url, dn, 'len-initial-pass')).toBe(true);
  });

  it('an administrator’s set (no current password) waives the rules and, with mustChange, asks for a new one at next sign-in', async () => {
    const { f, account } = await fixture();
    const dn = await account('temp', 'temp-initial-pass');
    const connector = open(connectorFor(f));
    expect(
      await connector.setPassword({ nativeId: dn, username: 'temp' }, 'tmp-1', { mustChange: true }),
    ).toEqual({ outcome: 'applied' });
    expect(await canBind(ldap.url, dn, 'tmp-1')).toBe(true);
    expect(await readValues(f, dn, 'pwdReset')).toEqual(['TRUE']);
    expect(await connector.forcePasswordReset({ nativeId: dn, username: 'temp' })).toEqual({
      outcome: 'noop',
    });
    await connector.setPassword({ nativeId: dn, username: 'temp' }, 'temp-chosen-pass', {
      currentPassword: 'tmp-1',
    });
    expect(await readValues(f, dn, 'pwdReset')).toEqual([]);
    expect(await canBind(ldap.url, dn, 'temp-chosen-pass')).toBe(true);
  });

  it('reports an account that is not there as not found', async () => {
    const { f } = await fixture();
    const error = await open(connectorFor(f))
      .forcePasswordReset({ nativeId: `uid=ghost,ou=people,${f.baseDn}`, username: 'ghost' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'notFound' });
  });
});
