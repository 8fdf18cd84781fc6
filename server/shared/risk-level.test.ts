import { describe, expect, it } from 'vitest';
import { effectiveRoleRisk, highestRisk } from './risk-level.ts';

describe('risk levels', () => {
  it.each([
    { own: 'MEDIUM', bundled: ['LOW', 'HIGH'], effective: 'HIGH' },
    { own: 'HIGH', bundled: ['LOW'], effective: 'HIGH' },
    { own: 'LOW', bundled: ['LOW', 'MEDIUM'], effective: 'MEDIUM' },
    { own: 'MEDIUM', bundled: [], effective: 'MEDIUM' },
  ] as const)('a $own role bundling $bundled is $effective', ({ own, bundled, effective }) => {
    expect(effectiveRoleRisk(own, bundled)).toBe(effective);
  });

  it('the highest of none is LOW', () => {
    expect(highestRisk([])).toBe('LOW');
  });
});
