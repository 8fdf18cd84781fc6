import { describe, expect, it } from 'vitest';
import { describeCron, scheduleText } from './cron-text.ts';

describe('describeCron', () => {
  it.each([
    ['15 * * * *', 'At 15 minutes past the hour, UTC'],
    ['0 2 * * *', 'At 02:00, UTC'],
    ['*/15 * * * *', 'Every 15 minutes, UTC'],
    ['  0 6 * * 1-5 ', 'At 06:00, Monday through Friday, UTC'],
  ])('reads %j as %j', (expression, text) => {
    expect(describeCron(expression)).toBe(text);
  });

  it.each(['', 'every day', '* * * *', '0 0 0 * * *', '61 * * * *'])(
    'has no reading for %j',
    (expression) => {
      expect(describeCron(expression)).toBeNull();
    },
  );
});

describe('scheduleText', () => {
  it('says on demand for no schedule, and falls back to the expression it cannot read', () => {
    expect(scheduleText(null)).toBe('on demand');
    expect(scheduleText('0 2 * * *')).toBe('At 02:00, UTC');
    expect(scheduleText('61 * * * *')).toBe('cron 61 * * * *');
  });
});
