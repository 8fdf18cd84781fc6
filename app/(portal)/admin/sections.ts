import type { TPermission } from '@/server/auth/permissions.ts';

/**
 * The admin area's navigation. Each feature adds its entry here with the permission that lets a person
 * see it (the procedures behind each page check permissions again on the server).
 */
export type TAdminSection = {
  href: string;
  label: string;
  permission: TPermission;
  group: 'Access' | 'Identities' | 'Provisioning' | 'Audit';
};

export const ADMIN_SECTIONS: TAdminSection[] = [
  { href: '/admin/roles', label: 'Business roles', permission: 'access.readAll', group: 'Access' },
  {
    href: '/admin/approval-policies',
    label: 'Approval policies',
    permission: 'admin.policies.manage',
    group: 'Access',
  },
  {
    href: '/admin/auto-approval',
    label: 'Auto-approval',
    permission: 'admin.policies.manage',
    group: 'Access',
  },
  { href: '/admin/teams', label: 'Teams', permission: 'identity.readAll', group: 'Access' },
  { href: '/admin/sod-rules', label: 'SoD rules', permission: 'sod.read', group: 'Access' },
  { href: '/admin/sod-violations', label: 'SoD violations', permission: 'sod.read', group: 'Access' },
  {
    href: '/admin/birthright',
    label: 'Birthright rules',
    permission: 'admin.birthright.manage',
    group: 'Access',
  },
  { href: '/admin/reviews', label: 'Access reviews', permission: 'reviews.manage', group: 'Access' },
  { href: '/admin/slack', label: 'Slack', permission: 'admin.slack.manage', group: 'Access' },
  {
    href: '/admin/applications',
    label: 'Applications',
    permission: 'provisioning.read',
    group: 'Provisioning',
  },
  {
    href: '/admin/provisioning',
    label: 'Provisioning',
    permission: 'provisioning.read',
    group: 'Provisioning',
  },
  {
    href: '/admin/account-rules',
    label: 'Account rules',
    permission: 'admin.applications.manage',
    group: 'Provisioning',
  },
  { href: '/admin/identities', label: 'People', permission: 'identity.readAll', group: 'Identities' },
  { href: '/admin/sources', label: 'Sources', permission: 'admin.sources.manage', group: 'Identities' },
  {
    href: '/admin/correlation',
    label: 'Correlation queue',
    permission: 'admin.sources.manage',
    group: 'Identities',
  },
  {
    href: '/admin/conflicts',
    label: 'Attribute conflicts',
    permission: 'admin.sources.manage',
    group: 'Identities',
  },
  {
    href: '/admin/scim-tokens',
    label: 'SCIM tokens',
    permission: 'admin.scimTokens.manage',
    group: 'Identities',
  },
  {
    href: '/admin/mass-change',
    label: 'Mass-change guard',
    permission: 'admin.massChange.manage',
    group: 'Identities',
  },
  {
    href: '/admin/service-accounts',
    label: 'Service accounts',
    permission: 'admin.serviceAccounts.manage',
    group: 'Identities',
  },
];
