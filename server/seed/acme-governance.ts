/**
 * Acme's access policy: approval policies by risk (and one attached to Treasury Payments), teams
 * that approve, business roles, segregation-of-duties rules and an auto-approval rule.
 */
import type { TApprovalPolicyStages, TAutoApprovalCondition } from '@/server/modules/approvals/index.ts';
import type { RiskLevel } from '@/prisma/generated/enums.ts';

export type TAcmeTeam = {
  key: string;
  name: string;
  description: string;
  purpose: 'APPROVERS' | 'SECURITY';
  members: string[];
};

/** security-reviewers has three members so that its 2-of-3 quorum can be met (and tested). */
export const ACME_APPROVER_TEAMS: TAcmeTeam[] = [
  {
    key: 'security-reviewers',
    name: 'Security reviewers',
    description: 'Review high-risk access.',
    purpose: 'SECURITY',
    members: ['sam', 'ivy', 'yuki'],
  },
  {
    key: 'finance-controllers',
    name: 'Finance controllers',
    description: 'Dual control over outgoing payments.',
    purpose: 'APPROVERS',
    members: ['tom', 'fiona', 'catherine'],
  },
];

const manager = {
  name: 'Manager approval',
  approvers: [{ type: 'MANAGER' as const }],
  mode: 'ANY' as const,
  quorum: 1,
  slaHours: 48,
  reminderHours: 24,
};
const owner = {
  name: 'Owner approval',
  approvers: [{ type: 'ENTITLEMENT_OWNER' as const }],
  mode: 'ANY' as const,
  quorum: 1,
  slaHours: 72,
  reminderHours: 24,
};

export type TAcmePolicy = {
  key: string;
  name: string;
  description: string;
  defaultForRisk: RiskLevel | null;
  stages: TApprovalPolicyStages;
  attachTo?: string[];
};

export const ACME_POLICIES: TAcmePolicy[] = [
  {
    key: 'low-risk',
    name: 'Low risk: manager',
    description: 'The manager decides.',
    defaultForRisk: 'LOW',
    stages: [manager],
  },
  {
    key: 'medium-risk',
    name: 'Medium risk: manager, then owner',
    description: 'The manager, then the owner of the access.',
    defaultForRisk: 'MEDIUM',
    stages: [manager, owner],
  },
  {
    key: 'high-risk',
    name: 'High risk: manager, owner, security',
    description: 'The manager, the owner, then two of the security reviewers.',
    defaultForRisk: 'HIGH',
    stages: [
      manager,
      owner,
      {
        name: 'Security review',
        approvers: [{ type: 'TEAM', teamKey: 'security-reviewers' }],
        mode: 'QUORUM',
        quorum: 2,
        slaHours: 72,
        reminderHours: 24,
      },
    ],
  },
  {
    key: 'treasury-dual-control',
    name: 'Treasury dual control',
    description: 'The manager, then two of the three finance controllers.',
    defaultForRisk: null,
    stages: [
      manager,
      {
        name: 'Finance controllers',
        approvers: [{ type: 'TEAM', teamKey: 'finance-controllers' }],
        mode: 'QUORUM',
        quorum: 2,
        slaHours: 48,
        reminderHours: 24,
      },
    ],
    attachTo: ['treasury-payments'],
  },
];

export type TAcmeRole = {
  key: string;
  name: string;
  description: string;
  owner: string;
  risk: RiskLevel;
  groups: string[];
  maxDurationDays?: number;
};

export const ACME_ROLES: TAcmeRole[] = [
  {
    key: 'finance-operations',
    name: 'Finance Operations',
    description: 'Day-to-day finance work: reports and supplier invoices.',
    owner: 'fiona',
    risk: 'MEDIUM',
    groups: ['finance-reporting', 'accounts-payable'],
  },
  {
    key: 'release-engineering',
    name: 'Release Engineering',
    description: 'Ship to production and be on call for it.',
    owner: 'diego',
    risk: 'HIGH',
    groups: ['production-deploy', 'on-call'],
    maxDurationDays: 90,
  },
];

export type TAcmeSodRule = {
  name: string;
  description: string;
  severity: 'BLOCK' | 'MITIGATABLE';
  sideA: string[];
  sideB: string[];
};

export const ACME_SOD_RULES: TAcmeSodRule[] = [
  {
    name: 'Payment segregation',
    description: 'Whoever enters supplier invoices must not release payments.',
    severity: 'BLOCK',
    sideA: ['accounts-payable'],
    sideB: ['treasury-payments'],
  },
  {
    name: 'Payroll and personnel records',
    description: 'Changing pay and changing the person it is paid to needs a compensating review.',
    severity: 'MITIGATABLE',
    sideA: ['payroll'],
    sideB: ['people-records'],
  },
  {
    name: 'Ledger administration and payables',
    description: 'Posting journals and entering invoices together needs a compensating review.',
    severity: 'MITIGATABLE',
    sideA: ['general-ledger-admin'],
    sideB: ['accounts-payable'],
  },
];

export const ACME_AUTO_APPROVAL: Array<{
  name: string;
  description: string;
  condition: TAutoApprovalCondition;
}> = [
  {
    name: 'Low risk within the owner’s department',
    description: 'Employees get low-risk access owned in their own department without waiting.',
    condition: {
      maxRisk: 'LOW',
      sameDepartmentAsOwner: true,
      departments: [],
      employmentTypes: ['EMPLOYEE'],
      itemKinds: ['ENTITLEMENT'],
    },
  },
];
