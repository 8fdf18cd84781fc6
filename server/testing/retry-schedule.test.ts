import { describe, expect, it } from 'vitest';
import { JOB_SPECS } from '@/server/queue/job-specs.ts';
import { attemptsWithin } from './retry-schedule.ts';

describe('attemptsWithin', () => {
  it('counts the runs of a failing provisioning job in a minute: retries due at 2, 6, 14 and 30 s, the next at 62 s', () => {
    const policy = JOB_SPECS['provisioning.apply'].queue;
    expect(attemptsWithin(policy, 60)).toBe(5);
    expect(attemptsWithin(policy, 61)).toBe(5);
    expect(attemptsWithin(policy, 62)).toBe(6);
    // Past the cap every retry waits retryDelayMax (60 s): 62, 122, 182 s.
    expect(attemptsWithin(policy, 182)).toBe(8);
  });

  it('stops at the retry limit, and waits the same delay each time without back-off', () => {
    expect(attemptsWithin({ retryLimit: 2, retryDelay: 1, retryBackoff: true }, 3600)).toBe(3);
    expect(attemptsWithin({ retryLimit: 5, retryDelay: 10 }, 35)).toBe(4);
    expect(attemptsWithin({}, 3600)).toBe(1);
  });
});
