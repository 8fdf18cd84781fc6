import { describe, expect, it } from 'vitest';
import { forWhomOf } from './for-whom.ts';

describe('whom the justification question names', () => {
  it('is the preview’s answer for the chosen beneficiary, even when it says the requester', () => {
    expect(forWhomOf({ previewed: { forWhom: 'Ann Lee' }, chosenName: 'Ann Lee' })).toBe('Ann Lee');
    expect(forWhomOf({ previewed: { forWhom: null }, chosenName: 'Ivy Admin' })).toBeNull();
  });

  it('is the person chosen in the form while the preview reloads or has failed', () => {
    expect(forWhomOf({ previewed: undefined, chosenName: 'Ben Ross' })).toBe('Ben Ross');
    expect(forWhomOf({ previewed: undefined, chosenName: null })).toBeNull();
  });
});
