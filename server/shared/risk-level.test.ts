import { describe, expect, it } from 'vitest';
import { RiskLevel } from '@/prisma/generated/enums.ts';
import { effectiveRoleRisk, highestRisk, RISK_LABEL, RISK_LEVELS, RISK_ORDER } from './risk-level.ts';

describe('risk levels', () => {
  it.each([
    { own: 'MEDIUM', bundled: ['LOW', 'HIGH'], effective: 'HIGH' },
    { own: 'HIGH', bundled: ['LOW'], effective: 'HIGH' },
    { own: 'LOW', bundled: ['LOW', 'MEDIUM'], effective: 'MEDIUM' },
    { own: 'MEDIUM', bundled: [], effective: 'MEDIUM' },
  ] as const)('a $own role bundling $bundled is $effective', ({ own, bundled, effective }) => {
    expect(effectiveRoleRisk(own, bundled)).toBe(effective);
  });

  it('lists every level of the schema once, least first, each with its rank and label', () => {
    expect([...RISK_LEVELS].sort()).toEqual(Object.values(RiskLevel).sort());
    expect(RISK_LEVELS.map((level) => RISK_ORDER[level])).toEqual([0, 1, 2]);
    expect(RISK_LEVELS.map((level) => RISK_LABEL[level])).toEqual(['Low', 'Medium', 'High']);
  });

  it('the highest of none is LOW', () => {
    expect(highestRisk([])).toBe('LOW');
  });
});
