import { describe, expect, it } from 'vitest';
import { uuid7 } from './uuid7.ts';

describe('uuid7', () => {
  it('is a version 7, variant 1 UUID', () => {
    expect(uuid7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in generation order even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuid7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
