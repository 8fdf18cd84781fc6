import type { TPermission } from '@/server/auth/permissions.ts';

/**
 * The reports area's navigation (auditors and the identity team). Each report adds its entry here
 * with the permission that lets a person see it; its procedures check again on the server.
 */
export type TReportSection = {
  href: string;
  label: string;
  permission: TPermission;
  group: 'Access' | 'Requests' | 'Risk' | 'Audit log';
};

export const REPORT_SECTIONS: TReportSection[] = [
  { href: '/reports/who-has', label: 'Who has access', permission: 'reports.read', group: 'Access' },
  { href: '/reports/person', label: 'What a person has', permission: 'reports.read', group: 'Access' },
  { href: '/reports/reviews', label: 'Access reviews', permission: 'reviews.read', group: 'Access' },
  { href: '/reports/requests', label: 'All requests', permission: 'reports.read', group: 'Requests' },
  { href: '/reports/charts', label: 'Charts', permission: 'reports.read', group: 'Requests' },
  { href: '/reports/sod-violations', label: 'SoD violations', permission: 'reports.read', group: 'Risk' },
  { href: '/reports/privileged', label: 'Privileged access', permission: 'reports.read', group: 'Risk' },
  { href: '/reports/leavers', label: 'Leavers with access', permission: 'reports.read', group: 'Risk' },
  { href: '/reports/expiring', label: 'Expiring access', permission: 'reports.read', group: 'Risk' },
  { href: '/reports/dormant', label: 'Dormant access', permission: 'reports.read', group: 'Risk' },
  {
    href: '/reconciliation?status=ALL',
    label: 'Orphans and rogue access',
    permission: 'reconciliation.read',
    group: 'Risk',
  },
  { href: '/reports/audit-log', label: 'Audit log', permission: 'audit.read', group: 'Audit log' },
];
