import { describe, expect, it } from 'vitest';
import { baseUsername, pickUsername } from './account-naming.ts';
import type { TMappingSource } from './attribute-mapping.ts';

const person = { username: 'zoe.obrien', firstName: 'Zoë', lastName: "O'Brien", email: 'z@acme.test' } as TMappingSource;

describe('account naming', () => {
  it('uses the template, ASCII-folded and lower-cased where it says so', () => {
    expect(baseUsername({ usernameTemplate: '{firstName|ascii|lower}.{lastName|ascii|lower|nospace}' }, person)).toBe("zoe.o'brien");
    expect(baseUsername({}, person)).toBe('zoe.obrien');
  });

  it('appends a number on collision and respects the maximum length', () => {
    const taken = new Set(['jsmith', 'jsmith2']);
    expect(pickUsername('jsmith', (c) => taken.has(c))).toBe('jsmith3');
    expect(pickUsername('abcdefgh', (c) => c === 'abcdefgh', 8)).toBe('abcdefg2');
  });
});
