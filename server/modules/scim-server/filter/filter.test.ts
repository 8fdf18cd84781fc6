import { describe, expect, it } from 'vitest';
import { ScimError } from '../scim-error.ts';
import { ENTERPRISE_SCHEMA, KNOWN_SCHEMAS, USER_SCHEMA } from '../scim-schemas.ts';
import { matchesFilter } from './evaluate-filter.ts';
import { parseFilter } from './parse-filter.ts';

const alice = {
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  id: 'a1',
  userName: 'Alice@Acme.test',
  title: 'Finance Analyst',
  active: true,
  name: { givenName: 'Alice', familyName: "O'Hara" },
  emails: [
    { type: 'work', value: 'alice@acme.test', primary: true },
    { type: 'home', value: 'alice@home.test' },
  ],
  [ENTERPRISE_SCHEMA]: { department: 'Finance', employeeNumber: '1001', manager: { value: 'm1' } },
  meta: {
    resourceType: 'User',
    created: '2026-01-10T10:00:00.000Z',
    lastModified: '2026-03-01T10:00:00.000Z',
  },
};
const quoted = { ...alice, id: 'q1', userName: 'a"b\\c', active: false, title: undefined };

const matches = (filter: string, r: Record<string, unknown> = alice) =>
  matchesFilter(r, parseFilter(filter, KNOWN_SCHEMAS), 'User');

describe('SCIM filters (RFC 7644 §3.4.2.2)', () => {
  it.each([
    ['userName eq "alice@acme.test"', true], // userName is caseExact false
    ['id eq "A1"', false], // id is caseExact
    ['userName ne "bob"', true],
    ['title co "nance"', true],
    ['title sw "finance"', true],
    ['title ew "Analyst"', true],
    ['title pr', true],
    ['nickName pr', false],
    ['meta.lastModified gt "2026-02-01T00:00:00Z"', true],
    ['meta.lastModified ge "2026-03-01T10:00:00.000Z"', true],
    ['meta.created lt "2026-01-01T00:00:00Z"', false],
    ['meta.created le "2026-01-10T10:00:00Z"', true],
    ['title gt "A"', true],
    ['active eq true', true],
    ['active eq "True"', true],
    ['title eq null', false],
    ['nickName eq null', true],
    ['name.familyName eq "O\'Hara"', true],
    ['emails[type eq "work"]', true],
    ['emails[type eq "work" and value co "@acme"]', true],
    ['emails[type eq "home" and value co "@acme"]', false],
    ['emails[type eq "work"].value eq "alice@acme.test"', true],
    ['emails.value ew "@home.test"', true],
    ['emails co "home.test"', true],
    [`${ENTERPRISE_SCHEMA}:department eq "finance"`, true],
    [`${ENTERPRISE_SCHEMA}:manager.value eq "m1"`, true],
    [`${USER_SCHEMA}:userName sw "alice"`, true],
    ['userName eq "x" or title co "Analyst"', true],
    ['userName eq "x" and title co "Analyst"', false],
    ['not (userName eq "x" and title co "Analyst")', true],
    ['not (userName pr and title pr)', false],
    ['(userName eq "x" or title pr) and active eq true', true],
    ['userName eq "x" or title pr and active eq false', false], // and binds tighter than or
    ['NOT (title PR)', false],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('reads JSON escapes in strings: quotes and backslashes (scimmy cannot)', () => {
    expect(matches('userName eq "a\\"b\\\\c"', quoted)).toBe(true);
    expect(matches('userName eq "a\\"b"', quoted)).toBe(false);
    expect(matches('userName sw "a\\""', quoted)).toBe(true);
    expect(matches('userName eq "\\u0061\\"b\\\\c"', quoted)).toBe(true);
  });

  it.each([
    ['userName eq', 'invalidFilter'],
    ['userName xx "a"', 'invalidFilter'],
    ['userName eq "unterminated', 'invalidFilter'],
    ['userName eq alice', 'invalidFilter'],
    ['(userName pr', 'invalidFilter'],
    ['emails[type eq "work"', 'invalidFilter'],
    ['userName eq "a" and', 'invalidFilter'],
    ['active gt true', 'invalidFilter'],
    ['meta.created gt "yesterday"', 'invalidFilter'],
    ['userName eq "\\x"', 'invalidFilter'],
    ['', 'invalidFilter'],
  ])('refuses %j with %s', (filter, scimType) => {
    const error = (() => {
      try {
        matches(filter);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType });
  });
});
