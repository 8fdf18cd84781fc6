/**
 * The demo organisation: Acme, 40 people in Finance, Engineering, Sales and People, one directory
 * with 15 groups, a card portal the IT service desk works by hand, and the birthright rules that give
 * everyone the basics.
 */
import type { EmploymentType, PortalRole, RiskLevel } from '@/prisma/generated/enums.ts';

export type TAcmePerson = {
  username: string;
  firstName: string;
  lastName: string;
  displayName?: string;
  department: 'Finance' | 'Engineering' | 'Sales' | 'People';
  title: string;
  location: 'London' | 'Berlin' | 'New York' | 'Lisbon';
  manager: string | null;
  employmentType?: EmploymentType;
  costCenter: string;
  roles?: PortalRole[];
};

const p = (
  username: string,
  firstName: string,
  lastName: string,
  department: TAcmePerson['department'],
  title: string,
  location: TAcmePerson['location'],
  manager: string | null,
  extra: Partial<TAcmePerson> = {},
): TAcmePerson => ({
  username,
  firstName,
  lastName,
  department,
  title,
  location,
  manager,
  costCenter: { Finance: 'CC-100', Engineering: 'CC-200', Sales: 'CC-300', People: 'CC-400' }[department],
  ...extra,
});

export const ACME_PEOPLE: TAcmePerson[] = [
  // Leadership
  p('catherine', 'Catherine', 'Reyes', 'People', 'Chief Executive Officer', 'London', null),
  // Finance (10)
  p('fiona', 'Fiona', 'Byrne', 'Finance', 'Head of Finance', 'London', 'catherine'),
  p('mark', 'Mark', 'Oduya', 'Finance', 'Finance Manager', 'London', 'fiona'),
  p('alice', 'Alice', 'Nguyen', 'Finance', 'Finance Analyst', 'London', 'mark'),
  p('raj', 'Raj', 'Patel', 'Finance', 'Accounts Payable Clerk', 'London', 'mark'),
  p('lena', 'Lena', 'Hoffmann', 'Finance', 'Payroll Specialist', 'Berlin', 'mark'),
  p('tom', 'Tom', 'Walsh', 'Finance', 'Financial Controller', 'London', 'fiona'),
  p('greta', 'Greta', 'Lindqvist', 'Finance', 'Treasury Analyst', 'Berlin', 'tom'),
  p('audrey', 'Audrey', 'Laurent', 'Finance', 'Internal Auditor', 'London', 'fiona', { roles: ['AUDITOR'] }),
  p('kofi', 'Kofi', 'Mensah', 'Finance', 'Finance Contractor', 'Lisbon', 'tom', {
    employmentType: 'CONTRACTOR',
  }),
  p('beatriz', 'Beatriz', 'Silva', 'Finance', 'Accounts Receivable Specialist', 'Lisbon', 'mark'),
  // Engineering (12)
  p('erin', 'Erin', 'Walker', 'Engineering', 'Head of Engineering', 'Berlin', 'catherine'),
  p('bob', 'Bob', 'Schmidt', 'Engineering', 'Software Engineer', 'Berlin', 'erin'),
  p('ivy', 'Ivy', 'Chen', 'Engineering', 'Identity Engineer', 'London', 'erin', {
    roles: ['IDENTITY_ADMIN'],
  }),
  p('sam', 'Sam', 'Okafor', 'Engineering', 'Security Engineer', 'London', 'erin', {
    roles: ['SECURITY_OFFICER'],
  }),
  p('diego', 'Diego', 'Alvarez', 'Engineering', 'Engineering Manager', 'Lisbon', 'erin'),
  p('hana', 'Hana', 'Sato', 'Engineering', 'Senior Software Engineer', 'Lisbon', 'diego'),
  p('omar', 'Omar', 'Haddad', 'Engineering', 'Site Reliability Engineer', 'Berlin', 'diego'),
  p('zoe', 'Zoë', 'Ångström', 'Engineering', 'Data Engineer', 'Berlin', 'diego'),
  p('liam', 'Liam', 'Murphy', 'Engineering', 'Software Engineer', 'London', 'diego'),
  p('priya', 'Priya', 'Raman', 'Engineering', 'QA Engineer', 'Lisbon', 'diego', {
    employmentType: 'CONTRACTOR',
  }),
  p('noah', 'Noah', 'Fischer', 'Engineering', 'Engineering Intern', 'Berlin', 'diego', {
    employmentType: 'INTERN',
  }),
  p('yuki', 'Yuki', 'Tanaka', 'Engineering', 'Database Administrator', 'London', 'erin'),
  // Sales (10)
  p('victor', 'Victor', 'Dumont', 'Sales', 'Head of Sales', 'New York', 'catherine'),
  p('sean', 'Seán', "O'Brien", 'Sales', 'Account Executive', 'New York', 'rachel', {
    displayName: "Seán O'Brien, Jr. (Ops)",
  }),
  p('rachel', 'Rachel', 'Kim', 'Sales', 'Sales Manager', 'New York', 'victor'),
  p('marco', 'Marco', 'Rossi', 'Sales', 'Account Executive', 'Lisbon', 'rachel'),
  p('amara', 'Amara', 'Eze', 'Sales', 'Sales Development Rep', 'London', 'rachel'),
  p('jonas', 'Jonas', 'Berg', 'Sales', 'Sales Engineer', 'Berlin', 'victor'),
  p('claire', 'Claire', 'Dubois', 'Sales', 'Account Manager', 'London', 'rachel'),
  p('mateo', 'Mateo', 'García', 'Sales', 'Sales Operations Analyst', 'New York', 'victor'),
  p('ines', 'Inês', 'Costa', 'Sales', 'Account Executive', 'Lisbon', 'rachel', {
    employmentType: 'CONTRACTOR',
  }),
  p('ben', 'Ben', 'Carter', 'Sales', 'Sales Intern', 'New York', 'rachel', { employmentType: 'INTERN' }),
  // People (7 more, with the CEO making 8)
  p('paula', 'Paula', 'Novak', 'People', 'Head of People', 'London', 'catherine'),
  p('hugo', 'Hugo', 'Lefèvre', 'People', 'HR Business Partner', 'Berlin', 'paula'),
  p('nadia', 'Nadia', 'Hassan', 'People', 'Recruiter', 'London', 'paula'),
  p('oliver', 'Oliver', 'Grant', 'People', 'People Operations Specialist', 'London', 'paula'),
  p('sofia', 'Sofia', 'Marino', 'People', 'Learning & Development Lead', 'Lisbon', 'paula'),
  p('ethan', 'Ethan', 'Brooks', 'People', 'Recruiting Coordinator', 'New York', 'nadia', {
    employmentType: 'TEMPORARY',
  }),
  p('mia', 'Mia', 'Johansson', 'People', 'Compensation Analyst', 'Berlin', 'paula'),
];

export type TAcmeGroup = {
  cn: string;
  name: string;
  description: string;
  owner: string;
  risk: RiskLevel;
  requestable?: boolean;
  maxDurationDays?: number;
};

export const ACME_GROUPS: TAcmeGroup[] = [
  {
    cn: 'all-staff',
    name: 'All Staff',
    description: 'Company-wide announcements, the intranet and the staff directory. Everyone has it.',
    owner: 'paula',
    risk: 'LOW',
    requestable: false,
  },
  {
    cn: 'finance-reporting',
    name: 'Finance Reporting',
    description: 'Read the monthly finance reports, budgets and dashboards.',
    owner: 'fiona',
    risk: 'LOW',
  },
  {
    cn: 'accounts-payable',
    name: 'Accounts Payable',
    description: 'Enter supplier invoices and prepare them for payment.',
    owner: 'mark',
    risk: 'MEDIUM',
  },
  {
    cn: 'payroll',
    name: 'Payroll',
    description: 'See and change salaries and run payroll. Restricted to the payroll team.',
    owner: 'fiona',
    risk: 'HIGH',
  },
  {
    cn: 'general-ledger-admin',
    name: 'General Ledger Admin',
    description: 'Post journal entries and close accounting periods.',
    owner: 'tom',
    risk: 'HIGH',
  },
  {
    cn: 'treasury-payments',
    name: 'Treasury Payments',
    description: 'Release outgoing bank payments to suppliers and staff.',
    owner: 'tom',
    risk: 'HIGH',
  },
  {
    cn: 'engineering',
    name: 'Engineering Team',
    description: 'The engineering wiki, chat channels and team calendar.',
    owner: 'erin',
    risk: 'LOW',
  },
  {
    cn: 'source-code-read',
    name: 'Source Code (read)',
    description: 'Read every repository in the company’s code hosting.',
    owner: 'erin',
    risk: 'LOW',
  },
  {
    cn: 'production-deploy',
    name: 'Production Deploy',
    description: 'Deploy changes to the live customer-facing systems.',
    owner: 'diego',
    risk: 'HIGH',
    maxDurationDays: 90,
  },
  {
    cn: 'database-admin',
    name: 'Database Admin',
    description: 'Full administrative rights on production databases.',
    owner: 'erin',
    risk: 'HIGH',
    maxDurationDays: 30,
  },
  {
    cn: 'on-call',
    name: 'On-call Rota',
    description: 'Be paged for incidents and see the incident tooling.',
    owner: 'diego',
    risk: 'MEDIUM',
  },
  {
    cn: 'sales-crm',
    name: 'Sales CRM Users',
    description: 'Work on leads, opportunities and accounts in the CRM.',
    owner: 'victor',
    risk: 'LOW',
  },
  {
    cn: 'sales-leadership',
    name: 'Sales Leadership',
    description: 'Forecasts, pipeline reviews and commission reports.',
    owner: 'victor',
    risk: 'MEDIUM',
  },
  {
    cn: 'people-records',
    name: 'People Records',
    description: 'Employee records: contracts, addresses and personal details.',
    owner: 'paula',
    risk: 'HIGH',
  },
  {
    cn: 'recruiting',
    name: 'Recruiting',
    description: 'Job openings, candidates and interview feedback.',
    owner: 'nadia',
    risk: 'MEDIUM',
  },
];

export type TAcmeRule = {
  name: string;
  description: string;
  condition: {
    match: 'ALL' | 'ANY';
    clauses: Array<{
      attribute: 'department' | 'employmentType' | 'title';
      op: 'equals' | 'notEquals' | 'in' | 'startsWith';
      values: string[];
    }>;
  };
  groups: string[];
};

export const ACME_BIRTHRIGHT_RULES: TAcmeRule[] = [
  {
    name: 'Everyone',
    description: 'Every person gets All Staff.',
    condition: { match: 'ALL', clauses: [] },
    groups: ['all-staff'],
  },
  {
    name: 'Finance department',
    description: 'Finance people read the finance reports.',
    condition: { match: 'ALL', clauses: [{ attribute: 'department', op: 'equals', values: ['Finance'] }] },
    groups: ['finance-reporting'],
  },
  {
    name: 'Payroll team (employees only)',
    description: 'Payroll staff get Payroll; contractors never do.',
    condition: {
      match: 'ALL',
      clauses: [
        { attribute: 'department', op: 'equals', values: ['Finance'] },
        { attribute: 'title', op: 'startsWith', values: ['Payroll'] },
        { attribute: 'employmentType', op: 'notEquals', values: ['CONTRACTOR'] },
      ],
    },
    groups: ['payroll'],
  },
  {
    name: 'Engineering department',
    description: 'Engineers get the team space and read access to code.',
    condition: {
      match: 'ALL',
      clauses: [{ attribute: 'department', op: 'equals', values: ['Engineering'] }],
    },
    groups: ['engineering', 'source-code-read'],
  },
  {
    name: 'Sales department',
    description: 'Sales people use the CRM.',
    condition: { match: 'ALL', clauses: [{ attribute: 'department', op: 'equals', values: ['Sales'] }] },
    groups: ['sales-crm'],
  },
];

/**
 * An application without an API: the bank's card portal, where the IT service desk orders cards by hand
 * (the manual connector). Its entitlement is keyed like a group (`cn`) so an existing request can name it;
 * the seed's first plan hands the approved card to the desk as tasks, so the demo opens with work waiting.
 */
export const ACME_MANUAL_APPLICATION = {
  key: 'expense-cards',
  name: 'Expense Cards',
  description: 'The bank’s card portal: company credit cards, ordered and limited by hand.',
  instructions:
    'Sign in to the bank’s card portal (Cards › Cardholders) with the service desk’s account, then do the change there. A new card goes to the person’s office address.',
  slaHours: 48,
  entitlements: [
    {
      cn: 'corporate-card',
      name: 'Corporate card',
      description: 'A company credit card for travel and supplier payments, up to £5,000 a month.',
      owner: 'tom',
      risk: 'MEDIUM' as RiskLevel,
    },
  ],
};

/** Access people already asked for and were granted before the demo begins. */
export const ACME_EXISTING_REQUESTS: Array<{
  who: string;
  group: string;
  approver: string;
  justification: string;
  days?: number;
  /** When it was approved (20 days ago unless said): before any review the demo says kept it. */
  decidedDaysAgo?: number;
  /**
   * Approved after the set-up planned everyone's access, and planned as an approval plans it: with the
   * request as the cause, so the work it makes (a manual task) says which request it is for and links to it.
   */
  afterSetUp?: true;
}> = [
  {
    who: 'raj',
    group: 'accounts-payable',
    approver: 'mark',
    justification: 'I process supplier invoices every day.',
    // The closed Q3 review (seed-reviews.ts, 90 to 60 days ago) kept it: it was held before then.
    decidedDaysAgo: 120,
  },
  { who: 'greta', group: 'treasury-payments', approver: 'tom', justification: 'Weekly payment runs.' },
  { who: 'omar', group: 'on-call', approver: 'diego', justification: 'Joining the SRE on-call rotation.' },
  {
    who: 'hana',
    group: 'production-deploy',
    approver: 'diego',
    justification: 'Release captain for the payments service.',
    days: 60,
  },
  {
    who: 'yuki',
    group: 'database-admin',
    approver: 'erin',
    justification: 'Database upgrade project.',
    days: 20,
  },
  {
    who: 'rachel',
    group: 'sales-leadership',
    approver: 'victor',
    justification: 'Pipeline reviews with my team.',
  },
  { who: 'nadia', group: 'recruiting', approver: 'paula', justification: 'I run the hiring pipeline.' },
  // Approved this morning: its card is still with the IT service desk (ACME_MANUAL_APPLICATION).
  {
    who: 'sean',
    group: 'corporate-card',
    approver: 'rachel',
    justification: 'Visiting clients in Boston and Chicago next month.',
    decidedDaysAgo: 0.1,
    afterSetUp: true,
  },
  {
    who: 'mia',
    group: 'people-records',
    approver: 'paula',
    justification: 'Compensation reviews need contract data.',
  },
];
