import { describe, expect, it } from 'vitest';
import { durationProblems } from './plan-request.ts';

// The date field offers days up to N days from today (UTC days, app/_components/ui/days.ts) and an end
// date means "until that day is over": the last day offered must be accepted whole, the next refused.
describe('an end date within an item’s maximum duration', () => {
  const item = { name: 'Payroll', maxDurationDays: 30 };
  const now = new Date('2026-12-06T09:15:00Z');

  it('accepts the last day the field offers until it is over', () => {
    expect(durationProblems(item, new Date('2027-01-05T23:59:59.999Z'), now)).toEqual([]);
  });

  it('refuses the day after it, and a day in the past', () => {
    expect(durationProblems(item, new Date('2027-01-06T00:00:00.000Z'), now)[0]?.message).toBe(
      'Payroll can be held for at most 30 days',
    );
    expect(durationProblems(item, new Date('2026-12-06T09:00:00Z'), now)[0]?.message).toBe(
      'The end date must be in the future',
    );
  });
});
