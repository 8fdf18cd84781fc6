import { describe, expect, it } from 'vitest';
import { APP_ERROR_CODES, httpStatusOf } from './app-error.ts';
import { selfDecisionError } from './self-decision.ts';

describe('selfDecisionError', () => {
  it('names what was refused and who decides, under the one code, a 403', () => {
    const e = selfDecisionError('settle a task about your own access', 'another member of the team');
    expect(e.message).toBe(
      'You cannot settle a task about your own access: another member of the team decides it',
    );
    expect(e.code).toBe('SELF_APPROVAL');
    expect(APP_ERROR_CODES[e.code]).toBe('FORBIDDEN');
    expect(httpStatusOf(e)).toBe(403);
    expect(e.isAudited).toBe(false);
    expect(selfDecisionError('x', 'y', { isAudited: true }).isAudited).toBe(true);
  });
});
