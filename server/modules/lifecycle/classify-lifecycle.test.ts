import { describe, expect, it } from 'vitest';
import { classifyLifecycle, type TLifecycleFacts } from './classify-lifecycle.ts';

const base: TLifecycleFacts = {
  status: 'ACTIVE',
  department: 'Finance',
  title: 'Analyst',
  location: 'London',
  managerId: 'm1',
  employmentType: 'EMPLOYEE',
  costCenter: 'CC-100',
};

describe('classifyLifecycle', () => {
  it.each([
    ['a new active person is a joiner', null, base, ['JOINER']],
    ['a new pre-hire is a joiner', null, { ...base, status: 'PREHIRE' }, ['JOINER']],
    ['a new record that already left is nothing', null, { ...base, status: 'TERMINATED' }, []],
    ['no change', base, base, []],
    ['department change is a mover', base, { ...base, department: 'Sales' }, ['MOVER']],
    ['manager change is a mover', base, { ...base, managerId: 'm2' }, ['MOVER']],
    ['employment type change is a mover', base, { ...base, employmentType: 'CONTRACTOR' }, ['MOVER']],
    [
      'termination is a leaver, whatever else changed',
      base,
      { ...base, status: 'TERMINATED', department: 'Sales' },
      ['LEAVER'],
    ],
    ['coming back is a rehire', { ...base, status: 'TERMINATED' }, base, ['REHIRE']],
    [
      'coming back to another department is a rehire and a mover',
      { ...base, status: 'TERMINATED' },
      { ...base, department: 'Sales' },
      ['REHIRE', 'MOVER'],
    ],
    ['a pre-hire starting is not a mover', { ...base, status: 'PREHIRE' }, base, []],
  ] as const)('%s', (_name, before, after, expected) => {
    expect(classifyLifecycle(before, after)).toEqual(expected);
  });
});
