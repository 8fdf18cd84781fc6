import { describe, expect, it } from 'vitest';
import { escapeDnValue, escapeFilterValue, firstRdnValue, rdn, sameDn } from './ldap-escape.ts';

describe('escapeDnValue (RFC 4514)', () => {
  it.each([
    ['plain', 'alice', 'alice'],
    ['comma and period', "O'Brien, Jr.", "O'Brien\\, Jr."],
    ['plus', 'a+b', 'a\\+b'],
    ['quotes', '"quoted"', '\\"quoted\\"'],
    ['angle brackets and semicolon', '<a>;b', '\\<a\\>\\;b'],
    ['backslash', 'back\\slash', 'back\\\\slash'],
    ['equals', 'a=b', 'a\\=b'],
    ['leading space', ' lead', '\\ lead'],
    ['trailing space', 'trail ', 'trail\\ '],
    ['leading hash', '#hash', '\\#hash'],
    ['inner hash', 'a#b', 'a#b'],
    ['NUL', 'a\u0000b', 'a\\00b'],
    ['non-ASCII stays UTF-8', 'Zoë Ångström', 'Zoë Ångström'],
    ['filter characters need no escape in a DN', '*()', '*()'],
  ])('%s', (_name, input, expected) => {
    expect(escapeDnValue(input)).toBe(expected);
  });

  it('round-trips through firstRdnValue', () => {
    for (const v of ["O'Brien, Jr. (Ops) *", ' a+b ', '#x', 'Zoë', 'a\u0000b', 'x\\y=z;"']) {
      expect(firstRdnValue(rdn('uid', v, 'ou=people,dc=acme,dc=test'))).toBe(v);
    }
  });

  it('refuses an attribute type that could inject a DN part', () => {
    expect(() => rdn('uid,ou=admins', 'x', 'dc=acme')).toThrow();
  });
});

describe('escapeFilterValue (RFC 4515)', () => {
  it.each([
    ['star and parentheses', '*)(uid=*', '\\2a\\29\\28uid=\\2a'],
    ['backslash', 'a\\b', 'a\\5cb'],
    ['NUL', 'a\u0000', 'a\\00'],
    ['non-ASCII as UTF-8 bytes', 'é', '\\c3\\a9'],
    ['plain', 'alice', 'alice'],
  ])('%s', (_name, input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});

describe('sameDn', () => {
  it('ignores case and spaces after commas', () => {
    expect(sameDn('uid=Alice, ou=People,dc=acme,dc=test', 'UID=alice,ou=people,dc=acme,dc=test')).toBe(true);
    expect(sameDn('uid=a\\,b,dc=x', 'uid=a,dc=x')).toBe(false);
  });
});
