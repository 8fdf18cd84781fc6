import { describe, expect, it } from 'vitest';
import { identityUsername } from '@/server/modules/identities/index.ts';
import { nameAccount, pickUsername } from './account-naming.ts';
import type { TMappingSource } from './attribute-mapping.ts';

const person = {
  username: 'zoe.obrien',
  firstName: 'Zoë',
  lastName: "O'Brien",
  email: 'z@acme.test',
  employeeNumber: 'E7585',
} as TMappingSource;
const FIRST_LAST = '{firstName|ascii|lower|alnum}.{lastName|ascii|lower|alnum}';

describe('account naming', () => {
  it('uses the template, ASCII-folded and lower-cased where it says so', () => {
    expect(
      nameAccount({ usernameTemplate: '{firstName|ascii|lower}.{lastName|ascii|lower|nospace}' }, person),
    ).toEqual({ base: "zoe.o'brien", fallback: null });
    expect(nameAccount({}, person)).toEqual({ base: 'zoe.obrien', fallback: null });
  });

  it.each<[string, Partial<TMappingSource>, string, RegExp]>([
    [
      'a script ascii cannot transliterate',
      { firstName: 'لينا', lastName: 'عربي' },
      FIRST_LAST,
      /drops "لينا/,
    ],
    ['a name that renders empty', { firstName: '', lastName: '' }, '{firstName}{lastName}', /is empty/],
    ['a dash-ended name', { username: 'lg7585-rtl-' }, '{username}', /ends with "-"/],
    ['an @ that alnum would drop', { username: 'en7327-usr@contoso.test' }, '{username|alnum}', /drops "@"/],
    [
      'a name longer than the target takes',
      { username: 'x'.repeat(300) },
      '{username}',
      /300 characters and the target takes at most 256/,
    ],
  ])('falls back to the configured pattern for %s, and says why', (_, change, usernameTemplate, why) => {
    const named = nameAccount({ usernameTemplate }, { ...person, ...change }, 256);
    expect(named.base).toBe('e7585');
    expect(named.fallback).toMatch(why);
    expect(named.fallback).toContain('{employeeNumber|ascii|lower}');
  });

  it('uses a configured fallback, and refuses that person alone when the fallback fails too', () => {
    expect(
      nameAccount(
        { usernameTemplate: '{firstName|ascii|lower}', fallbackTemplate: 'u{employeeNumber|lower}' },
        { ...person, firstName: 'عربي' },
      ).base,
    ).toBe('ue7585');
    const refused = nameAccount(
      { usernameTemplate: '{firstName|ascii|lower}' },
      { ...person, firstName: 'عربي', employeeNumber: null },
    );
    expect(refused.base).toBeNull();
    expect(refused.refused).toMatch(
      /^Account naming: .*drops .*, and the fallback \{employeeNumber\|ascii\|lower\} gives "", which is empty; the account was not created$/,
    );
  });

  it('appends a number on collision and respects the maximum length', () => {
    const taken = new Set(['jsmith', 'jsmith2']);
    expect(pickUsername('jsmith', (c) => taken.has(c))).toBe('jsmith3');
    expect(pickUsername('abcdefgh', (c) => c === 'abcdefgh', 8)).toBe('abcdefg2');
  });
});

describe('a new person’s portal username', () => {
  it.each<[string, Array<string | null>, string]>([
    [
      'an email-shaped userName gives its local part, not both halves glued',
      ['en7327-usr@contoso.test'],
      'en7327-usr',
    ],
    ['accents are folded', ['Zoë.OBrien'], 'zoe.obrien'],
    [
      'a script that cannot be transliterated passes to the next candidate',
      ['lg7585-rtl-عربي', 'lg7585@contoso.test'],
      'lg7585',
    ],
    ['a name that ends in punctuation passes to the next candidate', ['smith-', null, 'E42'], 'e42'],
    ['nothing usable at all', ['عربي'], 'user'],
  ])('%s', (_, candidates, expected) => {
    expect(identityUsername(candidates)).toBe(expected);
  });
});
