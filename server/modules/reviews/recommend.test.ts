import { describe, expect, it } from 'vitest';
import { recommend, type TRecommendationFacts } from './recommend.ts';

const now = new Date('2026-06-01T00:00:00Z');
const base: TRecommendationFacts = {
  now,
  lastUsedAt: null,
  endsAt: null,
  department: 'Finance',
  departmentPeers: 3,
  title: 'Accountant',
  sameTitle: 4,
  sameTitleHolding: 2,
  sodRules: [],
};
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('recommend', () => {
  it.each<[string, Partial<TRecommendationFacts>, string | null]>([
    ['nothing against it', {}, null],
    ['unknown last use is not dormant', { lastUsedAt: null }, null],
    ['recent use', { lastUsedAt: daysAgo(10) }, null],
    ['no sign-in for 120 days', { lastUsedAt: daysAgo(120) }, 'No sign-in for 120 days'],
    ['nobody else in the department', { departmentPeers: 0 }, 'No one else in Finance holds it'],
    [
      'peers in the same job do not hold it',
      { sameTitleHolding: 0, departmentPeers: 0 },
      'Peers in the same job (Accountant) don’t hold it',
    ],
    ['one colleague with the title is no peer group', { sameTitle: 1, sameTitleHolding: 0 }, null],
    ['end date passed', { endsAt: daysAgo(1) }, 'Its end date has passed'],
    [
      'SoD first, then peers; at most two',
      { sodRules: ['Pay vs approve'], lastUsedAt: daysAgo(200), departmentPeers: 0 },
      'No sign-in for 200 days; Part of a segregation-of-duties conflict (Pay vs approve)',
    ],
    [
      'held through a birthright rule too: said first, and peers who lack it argue nothing',
      { departmentPeers: 0, alsoHeldThrough: ['the birthright rule “Payroll team”'] },
      'Also held through the birthright rule “Payroll team”: revoking this grant does not remove it',
    ],
    ['no department: no peer advice', { department: null, departmentPeers: 0, title: null }, null],
  ])('%s', (_name, facts, expected) => {
    expect(recommend({ ...base, ...facts })).toBe(expected);
  });
});
