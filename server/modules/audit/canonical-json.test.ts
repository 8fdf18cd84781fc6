import { describe, expect, it } from 'vitest';
import { canonicalJson, JsonNumber, parseJsonExact } from './canonical-json.ts';

describe('canonicalJson', () => {
  it.each([
    [
      'keys sorted at every depth, arrays kept in order',
      { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } },
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    ],
    [
      'keys by UTF-16 code unit, not by length (jsonb’s order)',
      { bb: 1, a: 2, B: 3, é: 4 },
      '{"B":3,"a":2,"bb":1,"é":4}',
    ],
    [
      'strings escaped as JSON.stringify does',
      { s: 'line\n"quoted" \u2028 😀' },
      JSON.stringify({ s: 'line\n"quoted" \u2028 😀' }),
    ],
    [
      'undefined properties left out, undefined items null',
      { a: undefined, b: [undefined, false] },
      '{"b":[null,false]}',
    ],
    ['scalars', 'x', '"x"'],
    [
      'an exact number keeps its text',
      { n: new JsonNumber('12345678901234567891') },
      '{"n":12345678901234567891}',
    ],
    ['null and undefined', null, 'null'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives one text for the same content built in any order', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: [1, 2] } })).toBe(
      canonicalJson({ y: { q: [1, 2], p: true }, x: 1 }),
    );
    expect(canonicalJson({ x: [1, 2] })).not.toBe(canonicalJson({ x: [2, 1] }));
  });

  it.each([
    ['Infinity', Infinity],
    ['a Date', new Date(0)],
    ['a bigint', 1n],
  ])('refuses what is not JSON: %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('parseJsonExact', () => {
  it('reads what jsonb prints back, numbers exactly', () => {
    const text =
      '{"a": [1, 2.50, -0.0, 1e400, 12345678901234567891], "b": {"c": "x\\"y\\u00e9"}, "d": null, "e": true, "f": false}';
    const parsed = parseJsonExact(text);
    expect(canonicalJson(parsed)).toBe(
      '{"a":[1,2.50,-0.0,1e400,12345678901234567891],"b":{"c":"x\\"yé"},"d":null,"e":true,"f":false}',
    );
    // Two numbers JSON.parse would make equal stay apart.
    expect(canonicalJson(parseJsonExact('12345678901234567891'))).not.toBe(
      canonicalJson(parseJsonExact('12345678901234567890')),
    );
  });

  it('agrees with JSON.parse on everything but numbers, and keys such as __proto__ stay data', () => {
    const text = '{"__proto__": {"polluted": 1}, "list": [], "obj": {}, "s": "\\n\\t\\\\"}';
    expect(canonicalJson(parseJsonExact(text))).toBe(canonicalJson(JSON.parse(text)));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['{"a":1', '[1,]', 'nul', '{"a" 1}', '"\u0001"', '1 2', '{a:1}'])(
    'refuses malformed JSON: %s',
    (text) => {
      expect(() => parseJsonExact(text)).toThrow(SyntaxError);
    },
  );
});
