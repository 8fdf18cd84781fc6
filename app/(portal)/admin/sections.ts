/**
 * The admin area's navigation. Each feature adds its entry here; `roles` are the portal roles that see
 * it (the procedures behind each page still check permissions on the server).
 */
export type TAdminSection = { href: string; label: string; roles: string[]; group: 'Access' | 'Identities' | 'Provisioning' | 'Audit' };

export const ADMIN_SECTIONS: TAdminSection[] = [
  { href: '/admin/roles', label: 'Business roles', roles: ['IDENTITY_ADMIN', 'AUDITOR'], group: 'Access' },
  { href: '/admin/approval-policies', label: 'Approval policies', roles: ['IDENTITY_ADMIN'], group: 'Access' },
  { href: '/admin/auto-approval', label: 'Auto-approval', roles: ['IDENTITY_ADMIN'], group: 'Access' },
  { href: '/admin/sod-rules', label: 'SoD rules', roles: ['IDENTITY_ADMIN', 'SECURITY_OFFICER', 'AUDITOR'], group: 'Access' },
  { href: '/admin/sod-violations', label: 'SoD violations', roles: ['IDENTITY_ADMIN', 'SECURITY_OFFICER', 'AUDITOR'], group: 'Access' },
  { href: '/admin/birthright', label: 'Birthright rules', roles: ['IDENTITY_ADMIN'], group: 'Access' },
  { href: '/admin/applications', label: 'Applications', roles: ['IDENTITY_ADMIN', 'AUDITOR'], group: 'Provisioning' },
  { href: '/admin/provisioning', label: 'Provisioning', roles: ['IDENTITY_ADMIN', 'AUDITOR'], group: 'Provisioning' },
  { href: '/admin/account-rules', label: 'Account rules', roles: ['IDENTITY_ADMIN'], group: 'Provisioning' },
  { href: '/admin/identities', label: 'People', roles: ['IDENTITY_ADMIN', 'AUDITOR'], group: 'Identities' },
  { href: '/admin/sources', label: 'Sources', roles: ['IDENTITY_ADMIN'], group: 'Identities' },
  { href: '/admin/correlation', label: 'Correlation queue', roles: ['IDENTITY_ADMIN'], group: 'Identities' },
  { href: '/admin/conflicts', label: 'Attribute conflicts', roles: ['IDENTITY_ADMIN'], group: 'Identities' },
  { href: '/admin/scim-tokens', label: 'SCIM tokens', roles: ['IDENTITY_ADMIN'], group: 'Identities' },
];
