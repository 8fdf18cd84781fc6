import { describe, expect, it } from 'vitest';
import {
  canonicalDn,
  escapeDnValue,
  escapeFilterValue,
  firstRdnValue,
  isWithin,
  parentDn,
  parseDn,
  rdn,
  sameDn,
} from './ldap-escape.ts';

const HOSTILE = [
  "O'Brien, Jr. (Ops) *",
  ' a+b ',
  '#x',
  'Zoë Ångström',
  '山田',
  'a\u0000b',
  'x\\y=z;"',
  '*()\\',
  'ends\\',
  'emoji 🙂',
];

describe('escapeDnValue (RFC 4514)', () => {
  it.each([
    ['plain', 'alice', 'alice'],
    ['comma and period', "O'Brien, Jr.", "O'Brien\\, Jr."],
    ['plus', 'a+b', 'a\\+b'],
    ['quotes', '"quoted"', '\\"quoted\\"'],
    ['angle brackets and semicolon', '<a>;b', '\\<a\\>\\;b'],
    ['backslash as a hex pair', 'back\\slash', 'back\\5cslash'],
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
    for (const v of HOSTILE) expect(firstRdnValue(rdn('uid', v, 'ou=people,dc=acme,dc=test'))).toBe(v);
  });

  it('never leaves a backslash right before a separating comma (ldapts splits modifyDN there)', () => {
    for (const v of HOSTILE) expect(rdn('uid', v, 'ou=people')).not.toMatch(/\\\\,/);
  });

  it('refuses an attribute type that could inject a DN part', () => {
    expect(() => rdn('uid,ou=admins', 'x', 'dc=acme')).toThrow();
  });
});

describe('parseDn and canonicalDn', () => {
  it('reads the hex-escaped form OpenLDAP answers with', () => {
    expect(parseDn("uid=O'Brien\\2C Jr. (Ops) *,ou=people, DC=acme")).toEqual([
      [{ type: 'uid', value: "O'Brien, Jr. (Ops) *" }],
      [{ type: 'ou', value: 'people' }],
      [{ type: 'DC', value: 'acme' }],
    ]);
    expect(parseDn('uid=\\E5\\B1\\B1\\E7\\94\\B0,dc=x')[0]).toEqual([{ type: 'uid', value: '山田' }]);
  });

  it('splits multi-valued RDNs', () => {
    expect(parseDn('cn=a\\+b+uid=c,dc=x')[0]).toEqual([
      { type: 'cn', value: 'a+b' },
      { type: 'uid', value: 'c' },
    ]);
  });

  it('gives one spelling for every way of writing a DN', () => {
    const ours = rdn('uid', ' a+b,"c"\\ ', 'ou=people,dc=acme');
    expect(canonicalDn('UID=\\20a\\2Bb\\2C\\22c\\22\\5C\\20, ou=people,dc=acme')).toBe(ours);
    expect(canonicalDn(ours)).toBe(ours);
  });

  it('finds the parent and the ancestors without being fooled by escaped commas', () => {
    expect(parentDn('uid=a\\,b,ou=people,dc=acme')).toBe('ou=people,dc=acme');
    expect(isWithin('uid=x,ou=People,dc=acme', 'ou=people,dc=acme')).toBe(true);
    expect(isWithin('uid=x\\,ou=people,dc=acme', 'ou=people,dc=acme')).toBe(false);
    expect(isWithin('dc=acme', 'ou=people,dc=acme')).toBe(false);
  });
});

describe('escapeFilterValue (RFC 4515)', () => {
  it.each([
    ['star and parentheses', '*)(uid=*', '\\2a\\29\\28uid=\\2a'],
    ['backslash', 'a\\b', 'a\\5cb'],
    ['NUL', 'a\u0000', 'a\\00'],
    ['non-ASCII as it is (ldapts would mangle \\c3\\a9)', 'Zoë 山田', 'Zoë 山田'],
    ['plain', 'alice', 'alice'],
  ])('%s', (_name, input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});

describe('sameDn', () => {
  it('ignores case, escaping and spaces after commas', () => {
    expect(sameDn('uid=Alice, ou=People,dc=acme,dc=test', 'UID=alice,ou=people,dc=acme,dc=test')).toBe(true);
    expect(sameDn('uid=a\\2Cb,dc=x', 'uid=a\\,b,dc=x')).toBe(true);
    expect(sameDn('uid=a\\,b,dc=x', 'uid=a,dc=x')).toBe(false);
  });
});
