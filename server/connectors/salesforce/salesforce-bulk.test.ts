import { describe, expect, it } from 'vitest';
import { usernameLookups } from './salesforce-bulk.ts';

const encodedQueryLength = (names: string[]) =>
  encodeURIComponent(
    `SELECT Id, Username FROM User WHERE Username IN (${names.map((n) => `'${n.replace(/'/g, "\\'")}'`).join(', ')})`,
  ).length;

describe('usernameLookups', () => {
  it('keeps plain names together, at most 200 per lookup', () => {
    const names = Array.from({ length: 450 }, (_, i) => `user${i}@example.com`);
    const chunks = usernameLookups(names);
    expect(chunks.map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunks.flat()).toEqual(names);
  });

  it('splits by encoded length, so long multi-byte names never exceed the budget', () => {
    const names = Array.from({ length: 200 }, (_, i) => `${'€'.repeat(60)}'${i}@hostile.example`);
    const chunks = usernameLookups(names, 15_360);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(names);
    for (const chunk of chunks) expect(encodedQueryLength(chunk)).toBeLessThanOrEqual(15_360);
  });

  it('leaves out a name that cannot fit even alone', () => {
    expect(usernameLookups(['a@b.c', 'x'.repeat(500)], 400)).toEqual([['a@b.c']]);
  });
});
