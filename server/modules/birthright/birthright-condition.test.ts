import { describe, expect, it } from 'vitest';
import { matchesCondition, ZBirthrightCondition } from './birthright-condition.ts';

const finance = {
  department: 'Finance',
  title: 'Analyst',
  employmentType: 'EMPLOYEE',
  location: 'London',
  costCenter: 'CC-100',
};
const contractor = { ...finance, employmentType: 'CONTRACTOR' };

describe('birthright conditions', () => {
  it.each([
    ['everyone', { match: 'ALL', clauses: [] }, finance, true],
    [
      'equals, case-insensitive',
      { clauses: [{ attribute: 'department', op: 'equals', values: ['finance'] }] },
      finance,
      true,
    ],
    [
      'equals, other value',
      { clauses: [{ attribute: 'department', op: 'equals', values: ['Sales'] }] },
      finance,
      false,
    ],
    [
      'not equals',
      { clauses: [{ attribute: 'employmentType', op: 'notEquals', values: ['CONTRACTOR'] }] },
      contractor,
      false,
    ],
    ['in', { clauses: [{ attribute: 'location', op: 'in', values: ['Berlin', 'London'] }] }, finance, true],
    [
      'starts with',
      { clauses: [{ attribute: 'costCenter', op: 'startsWith', values: ['CC-1'] }] },
      finance,
      true,
    ],
    [
      'finance but not contractors (ALL)',
      {
        match: 'ALL',
        clauses: [
          { attribute: 'department', op: 'equals', values: ['Finance'] },
          { attribute: 'employmentType', op: 'notEquals', values: ['CONTRACTOR'] },
        ],
      },
      contractor,
      false,
    ],
    [
      'finance or sales (ANY)',
      {
        match: 'ANY',
        clauses: [
          { attribute: 'department', op: 'equals', values: ['Sales'] },
          { attribute: 'department', op: 'equals', values: ['Finance'] },
        ],
      },
      finance,
      true,
    ],
    [
      'a missing attribute is empty',
      { clauses: [{ attribute: 'title', op: 'notEquals', values: ['Intern'] }] },
      { department: 'X' },
      true,
    ],
  ])('%s', (_name, condition, subject, expected) => {
    expect(matchesCondition(subject, ZBirthrightCondition.parse(condition))).toBe(expected);
  });

  it('rejects a clause without values', () => {
    expect(
      ZBirthrightCondition.safeParse({ clauses: [{ attribute: 'department', op: 'in', values: [] }] })
        .success,
    ).toBe(false);
  });
});
