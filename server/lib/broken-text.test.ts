import { describe, expect, it } from 'vitest';
import { findBrokenText, isBrokenText } from './broken-text.ts';

describe('isBrokenText', () => {
  it.each([
    ['', false],
    ['Ana Silva', false],
    ['emoji \uD83D\uDE00 pair', false],
    ['Zoë, 東京', false],
    ['a\u0000b', true],
    ['\uD800', true],
    ['x\uD83D', true],
    ['\uDE00x', true],
    ['\uDE00\uD83D', true],
  ])('%j → %s', (text, expected) => expect(isBrokenText(text)).toBe(expected));
});

describe('findBrokenText', () => {
  it('names the first broken string at any depth, keys included, in Maps and Sets too', () => {
    expect(findBrokenText({ a: 'ok', b: [1, { c: 'x\u0000' }] })).toBe('b.1.c');
    expect(findBrokenText({ ['k\uD800']: 1 })).toBe('(a key)');
    expect(findBrokenText('\u0000')).toBe('(input)');
    expect(findBrokenText(new Map([['k', new Set(['\uDC00'])]]))).toBe('0.1.0');
    expect(findBrokenText({ a: 'ok', n: 1, d: new Date(), nothing: null })).toBeNull();
  });
});
