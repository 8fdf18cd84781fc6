import { describe, expect, it } from 'vitest';
import {
  describeAutoApproval,
  matchesAutoApproval,
  ZAutoApprovalCondition,
  type TAutoApprovalSubject,
} from './auto-approval-condition.ts';

const subject = (
  o: {
    risk?: 'LOW' | 'MEDIUM' | 'HIGH';
    kind?: 'ENTITLEMENT' | 'ROLE';
    owner?: string | null;
    dept?: string | null;
    type?: 'EMPLOYEE' | 'CONTRACTOR';
  } = {},
): TAutoApprovalSubject => ({
  item: {
    kind: o.kind ?? 'ENTITLEMENT',
    risk: o.risk ?? 'LOW',
    ownerDepartment: o.owner === undefined ? 'Finance' : o.owner,
  },
  beneficiary: {
    department: o.dept === undefined ? 'Finance' : o.dept,
    employmentType: o.type ?? 'EMPLOYEE',
  },
});

describe('matchesAutoApproval', () => {
  it.each([
    ['low risk, defaults', {}, subject(), true],
    ['medium risk above a low limit', {}, subject({ risk: 'MEDIUM' }), false],
    ['medium risk within a medium limit', { maxRisk: 'MEDIUM' }, subject({ risk: 'MEDIUM' }), true],
    ['same department as the owner', { sameDepartmentAsOwner: true }, subject(), true],
    ['another department than the owner', { sameDepartmentAsOwner: true }, subject({ dept: 'Sales' }), false],
    ['no owner department to compare with', { sameDepartmentAsOwner: true }, subject({ owner: null }), false],
    ['department list, case-insensitive', { departments: ['finance'] }, subject(), true],
    ['department list, elsewhere', { departments: ['Sales'] }, subject(), false],
    [
      'employees only, a contractor',
      { employmentTypes: ['EMPLOYEE'] },
      subject({ type: 'CONTRACTOR' }),
      false,
    ],
    ['entitlements only, a role', { itemKinds: ['ENTITLEMENT'] }, subject({ kind: 'ROLE' }), false],
  ])('%s', (_name, condition, s, expected) => {
    expect(matchesAutoApproval(ZAutoApprovalCondition.parse(condition), s)).toBe(expected);
  });
});

describe('describeAutoApproval', () => {
  it('says it in words', () => {
    expect(
      describeAutoApproval(
        ZAutoApprovalCondition.parse({ sameDepartmentAsOwner: true, employmentTypes: ['EMPLOYEE'] }),
      ),
    ).toBe('low risk, same department as the owner, employee');
  });
});
