import { describe, expect, it } from 'vitest';
import { failureCause } from './failure-cause.ts';

const liam = { username: 'liam', nativeId: 'uid=liam,ou=people,dc=acme,dc=test' };
const mia = { username: 'mia.w', nativeId: 'uid=mia.w,ou=people,dc=acme,dc=test' };

describe('failure causes', () => {
  it('gives two people failing for one reason the same cause, without their names', () => {
    const ghost = (who: typeof liam) =>
      failureCause(
        'LDAP',
        {
          kind: 'notFound',
          message: `add ${who.username} to cn=ghost,ou=groups,dc=acme,dc=test: the account does not exist`,
        },
        who,
      );
    expect(ghost(liam)).toBe(
      'LDAP · not found: add {account} to cn=ghost,ou=groups,dc=acme,dc=test: the account does not exist',
    );
    expect(ghost(mia)).toBe(ghost(liam));
  });

  it('takes out the whole DN before its RDN value, case-insensitively', () => {
    expect(
      failureCause(
        'LDAP',
        {
          kind: 'permissionDenied',
          message: 'disable UID=liam,ou=people,dc=acme,dc=test: insufficient access: no write access',
        },
        liam,
      ),
    ).toBe('LDAP · permission denied: disable {account}: insufficient access: no write access');
  });

  it('leaves a name that is only part of a longer word', () => {
    expect(failureCause('LDAP', { kind: 'conflict', message: 'williams already exists' }, liam)).toBe(
      'LDAP · conflict: williams already exists',
    );
  });

  it('takes out record ids and UUIDs', () => {
    expect(
      failureCause(
        'SALESFORCE',
        {
          kind: 'invalidAttribute',
          message:
            'User 005Hs00000AbCdEIAV: FIELD_INTEGRITY_EXCEPTION on 0e7b5a3c-2a1f-4c5e-9d6f-0a1b2c3d4e5f',
        },
        null,
      ),
    ).toBe('Salesforce · invalid attribute: User …: FIELD_INTEGRITY_EXCEPTION on …');
  });

  it('keeps a cause short', () => {
    expect(failureCause('SCIM', { kind: 'unavailable', message: 'x'.repeat(1000) }, null)).toHaveLength(300);
  });
});
