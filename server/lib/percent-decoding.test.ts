import { describe, expect, it } from 'vitest';
import { decodePercentOrNull, decodeQueryOrNull } from './percent-decoding.ts';

describe('percent-decoding', () => {
  it('decodes UTF-8 escapes and refuses malformed or non-UTF-8 ones', () => {
    expect(decodePercentOrNull('Zo%C3%AB%20%C3%85ngstr%C3%B6m')).toBe('Zoë Ångström');
    expect(decodePercentOrNull('100%')).toBeNull();
    expect(decodePercentOrNull('%E9t%E9')).toBeNull();
  });

  it('reads a query string: + is a space, the last repeat wins, one bad escape refuses the whole', () => {
    expect(decodeQueryOrNull('?a=1&b=x+y&a=2&flag&=')).toEqual({ a: '2', b: 'x y', flag: '', '': '' });
    expect(decodeQueryOrNull('')).toEqual({});
    expect(decodeQueryOrNull('a=1&b=%ZZ')).toBeNull();
    expect(decodeQueryOrNull('a%FF=1')).toBeNull();
  });
});
