import { describe, expect, it } from 'vitest';
import { dueExpiryNotice } from './notify-expiring-grants.ts';

const now = new Date('2026-06-15T12:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe('dueExpiryNotice', () => {
  it.each([
    ['ten days left', inDays(10), [], null],
    ['seven days left', inDays(7), [], '7d'],
    ['five days left, already told', inDays(5), ['7d'], null],
    ['a day left', inDays(1), ['7d'], '1d'],
    ['half a day left, never told', inDays(0.5), [], '1d'],
    ['half a day left, told', inDays(0.5), ['7d', '1d'], null],
    ['six days left after the 1-day notice (an extension moved it)', inDays(6), ['1d'], null],
    ['already ended', inDays(-1), [], null],
  ])('%s', (_name, endsAt, notified, expected) => {
    expect(dueExpiryNotice(endsAt, notified, now)).toBe(expected);
  });
});
