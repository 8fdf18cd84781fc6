import { describe, expect, it } from 'vitest';
import { ZLdapConfig } from './ldap-config.ts';

const config = (fields: Record<string, unknown>) =>
  ZLdapConfig.safeParse({ url: 'ldap://ldap:389', bindDn: 'cn=admin,dc=acme', baseDn: 'dc=acme', ...fields });

describe('LDAP settings that name an attribute', () => {
  it('take attribute names and OIDs', () => {
    expect(config({ usernameAttribute: 'sAMAccountName' }).success).toBe(true);
    expect(config({ usernameAttribute: '0.9.2342.19200300.100.1.1' }).success).toBe(true);
    expect(config({ disable: { method: 'lockAttribute', attribute: 'nsAccountLock' } }).success).toBe(true);
  });

  it.each([
    ['a filter', 'uid)(objectClass=*'],
    ['a DN', 'uid=x,ou=admins'],
    ['spaces', 'user name'],
    ['nothing', ''],
    ['a huge name', `u${'x'.repeat(10_000)}`],
  ])('refuse %s where an attribute goes (filters and DNs cannot escape it)', (_what, name) => {
    expect(config({ usernameAttribute: name }).success).toBe(false);
    expect(config({ disable: { method: 'lockAttribute', attribute: name } }).success).toBe(false);
    expect(config({ accountObjectClasses: ['top', name] }).success).toBe(false);
  });
});
