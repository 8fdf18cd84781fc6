import { describe, expect, it } from 'vitest';
import { suggestTeamKey, TEAM_KEY_PATTERN } from '@/server/shared/team-key.ts';

describe('suggestTeamKey', () => {
  it.each([
    ['Finance Controllers (EU)', 'finance-controllers-eu'],
    ['  Sécurité   réseau ', 'securite-reseau'],
    ['IT service desk', 'it-service-desk'],
    ['---', ''],
    ['x'.repeat(80), 'x'.repeat(63)],
  ])('%s -> %s', (name, key) => {
    expect(suggestTeamKey(name)).toBe(key);
  });

  it('suggests keys the key rule accepts', () => {
    for (const name of ['Payroll approvers', 'A team', '9 lives'])
      expect(TEAM_KEY_PATTERN.test(suggestTeamKey(name))).toBe(true);
  });
});
