import { describe, expect, it } from 'vitest';
import { eqFilter } from './scim-filter.ts';

describe('eqFilter (RFC 7644 §3.4.2.2 JSON string values)', () => {
  it.each([
    ['plain', 'alice', 'userName eq "alice"'],
    ['double quotes', 'say "hi"', 'userName eq "say \\"hi\\""'],
    ['backslashes', 'dom\\alice', 'userName eq "dom\\\\alice"'],
    ['a quote after a backslash', 'a\\"b', 'userName eq "a\\\\\\"b"'],
    ['control characters', 'a\nb\u0001', 'userName eq "a\\nb\\u0001"'],
    [
      'filter words and brackets stay literal',
      'x" or userName pr or "',
      'userName eq "x\\" or userName pr or \\""',
    ],
    ['non-ASCII is kept', 'Zoë Ångström', 'userName eq "Zoë Ångström"'],
  ])('%s', (_name, value, expected) => {
    expect(eqFilter('userName', value)).toBe(expected);
  });

  it('round-trips through a JSON parser', () => {
    const value = 'q"\\\'/\t€';
    expect(JSON.parse(eqFilter('userName', value).slice('userName eq '.length))).toBe(value);
  });
});
