import { describe, expect, it } from 'vitest';
import { deriveStatus } from './derive-status.ts';

const now = new Date('2026-03-10T12:00:00Z');
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('deriveStatus', () => {
  it.each([
    ['a newcomer starting next month is a pre-hire', undefined, null, d('2026-04-01'), null, 'PREHIRE'],
    ['a newcomer who started is active', undefined, null, d('2026-03-01'), null, 'ACTIVE'],
    ['a pre-hire whose start date came is active', 'PREHIRE', 'PREHIRE', d('2026-03-10'), null, 'ACTIVE'],
    ['a pre-hire without a start date waits', 'PREHIRE', null, null, null, 'PREHIRE'],
    [
      'someone working is not turned back by a later start date',
      'ACTIVE',
      'ACTIVE',
      d('2026-05-01'),
      null,
      'ACTIVE',
    ],
    ['a rehire starting later is a pre-hire', 'ACTIVE', 'TERMINATED', d('2026-04-01'), null, 'PREHIRE'],
    ['an end date yesterday is a leaver', 'ACTIVE', 'ACTIVE', null, d('2026-03-08'), 'TERMINATED'],
    ['an end date today still works today', 'ACTIVE', 'ACTIVE', null, d('2026-03-10'), 'ACTIVE'],
    ['terminated says terminated', 'TERMINATED', 'ACTIVE', null, null, 'TERMINATED'],
    ['suspended stays suspended', 'SUSPENDED', 'ACTIVE', null, null, 'SUSPENDED'],
    ['nothing said keeps the status', undefined, 'SUSPENDED', null, null, 'SUSPENDED'],
  ] as const)('%s', (_n, said, before, startDate, endDate, expected) => {
    expect(deriveStatus({ said, before, startDate, endDate, now })).toBe(expected);
  });
});
