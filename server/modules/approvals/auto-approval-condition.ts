import { z } from 'zod';
import type { EmploymentType, RiskLevel } from '@/prisma/generated/enums.ts';
import { RISK_LEVELS, RISK_ORDER } from '@/server/shared/risk-level.ts';

/** When a request needs no person's decision. Every clause must hold; empty lists mean "any". */
export const ZAutoApprovalCondition = z.object({
  /** Items at or below this risk. */
  maxRisk: z.enum(RISK_LEVELS).default('LOW'),
  /** The beneficiary works in the same department as the item's owner. */
  sameDepartmentAsOwner: z.boolean().default(false),
  departments: z.array(z.string().trim().min(1)).max(50).default([]),
  employmentTypes: z
    .array(z.enum(['EMPLOYEE', 'CONTRACTOR', 'INTERN', 'TEMPORARY']))
    .max(4)
    .default([]),
  itemKinds: z
    .array(z.enum(['ENTITLEMENT', 'ROLE']))
    .max(2)
    .default([]),
});
export type TAutoApprovalCondition = z.infer<typeof ZAutoApprovalCondition>;

export type TAutoApprovalSubject = {
  item: { kind: 'ENTITLEMENT' | 'ROLE'; risk: RiskLevel; ownerDepartment: string | null };
  beneficiary: { department: string | null; employmentType: EmploymentType };
};

const same = (a: string | null, b: string | null) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

export function matchesAutoApproval(condition: TAutoApprovalCondition, s: TAutoApprovalSubject): boolean {
  if (RISK_ORDER[s.item.risk] > RISK_ORDER[condition.maxRisk]) return false;
  if (condition.sameDepartmentAsOwner && !same(s.beneficiary.department, s.item.ownerDepartment))
    return false;
  if (condition.departments.length && !condition.departments.some((d) => same(d, s.beneficiary.department)))
    return false;
  if (condition.employmentTypes.length && !condition.employmentTypes.includes(s.beneficiary.employmentType))
    return false;
  if (condition.itemKinds.length && !condition.itemKinds.includes(s.item.kind)) return false;
  return true;
}

/** Plain words for the admin list and the request preview. */
export function describeAutoApproval(c: TAutoApprovalCondition): string {
  const parts = [`${c.maxRisk === 'LOW' ? 'low' : c.maxRisk === 'MEDIUM' ? 'low or medium' : 'any'} risk`];
  if (c.itemKinds.length === 1) parts.push(c.itemKinds[0] === 'ROLE' ? 'roles only' : 'entitlements only');
  if (c.sameDepartmentAsOwner) parts.push('same department as the owner');
  if (c.departments.length) parts.push(`in ${c.departments.join(' or ')}`);
  if (c.employmentTypes.length) parts.push(c.employmentTypes.map((t) => t.toLowerCase()).join(' or '));
  return parts.join(', ');
}
