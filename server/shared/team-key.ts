/** A team's key: what approval policies store to name it, so it never changes once created. */
export const TEAM_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const TEAM_PURPOSES = ['APPROVERS', 'FULFILMENT', 'SECURITY'] as const;
export type TTeamPurpose = (typeof TEAM_PURPOSES)[number];

export const TEAM_PURPOSE_LABEL: Record<TTeamPurpose, string> = {
  APPROVERS: 'Approver pool',
  FULFILMENT: 'Fulfilment desk',
  SECURITY: 'Security reviewers',
};

/** The key a name suggests: "Finance Controllers (EU)" -> "finance-controllers-eu". The admin may change it before saving. */
export function suggestTeamKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
