import { describe, expect, it, vi } from 'vitest';
import { uuid7 } from './uuid7.ts';

/** The millisecond an id's first 48 bits write. */
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('uuid7', () => {
  it('is a version 7, variant 1 UUID', () => {
    expect(uuid7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts in generation order even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuid7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes its millisecond, moves to the next when 4,096 ids fill one, and never goes back with the clock', () => {
    // Later than any id made before in this process, so this millisecond starts its counter at 0.
    const t = Date.now() + 60_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t);
    const first = Array.from({ length: 4097 }, () => uuid7());
    expect(first.slice(0, 4096).every((id) => msOf(id) === t)).toBe(true);
    expect(first[0]!.slice(14, 18)).toBe('7000');
    expect(first[4095]!.slice(14, 18)).toBe('7fff');
    // The counter is full: the next id borrows the next millisecond, with its prefix.
    expect(msOf(first[4096]!)).toBe(t + 1);
    expect(first[4096]!.slice(14, 18)).toBe('7000');
    // The clock going back (an NTP step) does not make ids sort before the ones already made.
    clock.mockReturnValue(t - 5_000);
    const after = Array.from({ length: 3 }, () => uuid7());
    clock.mockRestore();
    expect(after.every((id) => msOf(id) === t + 1)).toBe(true);
    const all = [...first, ...after];
    expect([...all].sort()).toEqual(all);
    for (const id of all)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
